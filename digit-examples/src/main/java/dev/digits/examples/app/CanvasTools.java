package dev.digits.examples.app;

import java.awt.FlowLayout;
import java.awt.event.ActionEvent;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSlider;
import javax.swing.KeyStroke;

/**
 * The row of tools above a canvas: open, paste, clear, undo and the stroke width, with the usual keyboard
 * shortcuts (Ctrl+O, Ctrl+V, Ctrl+Z, Delete) on the panel that holds them.
 */
final class CanvasTools extends JPanel {
    private final JSlider width;

    /**
     * @param canvas    the canvas the tools work on
     * @param target    where opened and pasted pictures go
     * @param onChanged what to do after clear or undo (predict again)
     * @param shortcuts the panel whose keyboard shortcuts to set
     */
    CanvasTools(PictureCanvas canvas, PictureSources.Target target, Runnable onChanged, JComponent shortcuts) {
        super(new FlowLayout(FlowLayout.LEFT, Ui.GAP / 2, 0));
        setOpaque(false);
        Action open = action("Open…", "Open a picture file (Ctrl+O); or drop one on the sheet",
                () -> PictureSources.choose(this, target));
        Action paste = action("Paste", "Paste a copied picture or picture file (Ctrl+V)", () -> PictureSources.paste(target));
        Action clear = action("Clear", "Start again on a blank sheet (Delete)", () -> {
            canvas.clear();
            onChanged.run();
        });
        Action undo = action("Undo", "Take back the last stroke (Ctrl+Z)", () -> {
            if (canvas.undo()) {
                onChanged.run();
            }
        });
        for (Action action : new Action[]{open, paste, clear, undo}) {
            add(new JButton(action));
        }
        bind(shortcuts, KeyStroke.getKeyStroke(KeyEvent.VK_O, InputEvent.CTRL_DOWN_MASK), open);
        bind(shortcuts, KeyStroke.getKeyStroke(KeyEvent.VK_V, InputEvent.CTRL_DOWN_MASK), paste);
        bind(shortcuts, KeyStroke.getKeyStroke(KeyEvent.VK_Z, InputEvent.CTRL_DOWN_MASK), undo);
        bind(shortcuts, KeyStroke.getKeyStroke(KeyEvent.VK_DELETE, 0), clear);
        add(new JLabel("  Pen"));
        width = new JSlider(4, 48, Math.round(canvas.strokeWidth()));
        width.setToolTipText("Stroke width, in pixels on screen");
        width.setOpaque(false);
        width.setPreferredSize(new java.awt.Dimension(110, width.getPreferredSize().height));
        width.addChangeListener(e -> canvas.setStrokeWidth(width.getValue()));
        add(width);
    }

    private static Action action(String name, String tip, Runnable run) {
        Action action = new AbstractAction(name) {
            @Override
            public void actionPerformed(ActionEvent e) {
                run.run();
            }
        };
        action.putValue(Action.SHORT_DESCRIPTION, tip);
        return action;
    }

    private static void bind(JComponent component, KeyStroke key, Action action) {
        String name = (String) action.getValue(Action.NAME);
        component.getInputMap(JComponent.WHEN_ANCESTOR_OF_FOCUSED_COMPONENT).put(key, name);
        component.getActionMap().put(name, action);
    }
}
