package dev.digits.examples.app;

import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.Toolkit;
import java.awt.datatransfer.Clipboard;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.Transferable;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.swing.JComponent;
import javax.swing.JFileChooser;
import javax.swing.TransferHandler;
import javax.swing.filechooser.FileNameExtensionFilter;

/**
 * Where pictures come from besides the mouse: a file chooser, files or pictures dropped on a panel, and the
 * clipboard (a copied picture or copied files).
 */
final class PictureSources {
    /** What a panel does with a picture from any source. */
    interface Target {
        /** A picture file to read (off the event thread) and show. */
        void openFile(Path file);

        /** A picture already in memory (pasted or dropped) to show. */
        void openPicture(BufferedImage picture);

        /** Tells the user what went wrong. */
        void showError(String message);
    }

    private static File lastFolder;

    private PictureSources() {
    }

    /** Asks for a picture file and hands it to {@code target}. */
    static void choose(JComponent parent, Target target) {
        JFileChooser chooser = new JFileChooser(lastFolder);
        chooser.setDialogTitle("Open a picture of a digit or a number");
        chooser.setFileFilter(new FileNameExtensionFilter("Pictures (PNG, JPEG, GIF, BMP)", "png", "jpg", "jpeg", "gif", "bmp"));
        if (chooser.showOpenDialog(parent) == JFileChooser.APPROVE_OPTION) {
            lastFolder = chooser.getSelectedFile().getParentFile();
            target.openFile(chooser.getSelectedFile().toPath());
        }
    }

    /** Hands the clipboard's picture (or first copied file) to {@code target}, or says why there is none. */
    static void paste(Target target) {
        try {
            Clipboard clipboard = Toolkit.getDefaultToolkit().getSystemClipboard();
            if (!deliver(clipboard.getContents(null), target)) {
                target.showError("The clipboard holds no picture: copy a picture or a picture file first");
            }
        } catch (IllegalStateException e) {
            target.showError("The clipboard is busy; try again");
        } catch (IOException | UnsupportedFlavorException e) {
            target.showError("Could not paste: " + e.getMessage());
        }
    }

    /** Lets files and pictures be dropped on (and pasted into) {@code component}. */
    static void acceptDrops(JComponent component, Target target) {
        component.setTransferHandler(new TransferHandler() {
            @Override
            public boolean canImport(TransferSupport support) {
                return support.isDataFlavorSupported(DataFlavor.javaFileListFlavor)
                        || support.isDataFlavorSupported(DataFlavor.imageFlavor);
            }

            @Override
            public boolean importData(TransferSupport support) {
                try {
                    return deliver(support.getTransferable(), target);
                } catch (IOException | UnsupportedFlavorException e) {
                    target.showError("Could not take the dropped picture: " + e.getMessage());
                    return false;
                }
            }
        });
    }

    /** Hands a transferred picture or picture file to the target; false when it holds neither. */
    static boolean deliver(Transferable contents, Target target) throws IOException, UnsupportedFlavorException {
        if (contents == null) {
            return false;
        }
        if (contents.isDataFlavorSupported(DataFlavor.imageFlavor)) {
            target.openPicture(toBufferedImage((Image) contents.getTransferData(DataFlavor.imageFlavor)));
            return true;
        }
        if (contents.isDataFlavorSupported(DataFlavor.javaFileListFlavor)) {
            List<?> files = (List<?>) contents.getTransferData(DataFlavor.javaFileListFlavor);
            if (!files.isEmpty() && files.get(0) instanceof File file) {
                target.openFile(file.toPath());
                return true;
            }
        }
        return false;
    }

    /** An RGB copy of any AWT picture (the clipboard gives toolkit images). */
    static BufferedImage toBufferedImage(Image image) {
        if (image instanceof BufferedImage buffered && buffered.getType() == BufferedImage.TYPE_INT_RGB) {
            return buffered;
        }
        int width = Math.max(1, image.getWidth(null));
        int height = Math.max(1, image.getHeight(null));
        BufferedImage copy = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = copy.createGraphics();
        g.setColor(Ui.PAPER); // transparent parts become paper, as on screen
        g.fillRect(0, 0, width, height);
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return copy;
    }
}
