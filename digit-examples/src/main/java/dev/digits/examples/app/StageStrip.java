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
        revalidate();
        repaint();
    }

    /** The names of the stages shown, in order. */
    List<String> stageNames() {
        return List.copyOf(names);
    }
}
