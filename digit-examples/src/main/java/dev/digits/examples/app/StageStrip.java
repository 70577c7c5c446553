package dev.digits.examples.app;

import java.awt.BorderLayout;
import java.awt.GridLayout;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingConstants;

/** Every preprocessing stage as a small picture with its name, in the order the stages ran. */
final class StageStrip extends JPanel {
    private final List<String> names = new ArrayList<>();

    /** Stages in rows of {@code columns}. */
    StageStrip(int columns) {
        super(new GridLayout(0, columns, Ui.GAP / 2, Ui.GAP / 2));
        setOpaque(false);
    }

    /** Shows the stages, stage name to picture; an empty map clears them. */
    void show(Map<String, BufferedImage> stages) {
        show(stages, null);
    }

    /**
     * Shows the stages and, when {@code failure} is given, a last cell with the reason: what the user needs to see
     * why no digit was found, up to where it was lost.
     */
    void show(Map<String, BufferedImage> stages, String failure) {
        removeAll();
        names.clear();
        int index = 1;
        for (Map.Entry<String, BufferedImage> stage : stages.entrySet()) {
            JPanel cell = new JPanel(new BorderLayout(0, 2));
            cell.setOpaque(false);
            PixelView thumbnail = new PixelView(96, 72);
            thumbnail.setPicture(stage.getValue());
            thumbnail.setToolTipText(stage.getKey() + " (" + stage.getValue().getWidth() + "×" + stage.getValue().getHeight() + ")");
            JLabel name = Ui.caption(index++ + ". " + stage.getKey());
            name.setHorizontalAlignment(SwingConstants.CENTER);
            cell.add(thumbnail, BorderLayout.CENTER);
            cell.add(name, BorderLayout.SOUTH);
            add(cell);
            names.add(stage.getKey());
        }
        if (failure != null) {
            JLabel reason = new JLabel("<html><body style='width: 90px'>" + escaped(failure) + "</body></html>");
            reason.setForeground(new java.awt.Color(160, 0, 0));
            reason.setVerticalAlignment(SwingConstants.TOP);
            JPanel cell = new JPanel(new BorderLayout(0, 2));
            cell.setOpaque(false);
            cell.add(reason, BorderLayout.CENTER);
            JLabel name = Ui.caption(index + ". no digit found");
            name.setHorizontalAlignment(SwingConstants.CENTER);
            cell.add(name, BorderLayout.SOUTH);
            add(cell);
            names.add("no digit found");
        }
        revalidate();
        repaint();
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The names of the stages shown, in order. */
    List<String> stageNames() {
        return List.copyOf(names);
    }
}
