package dev.digits.examples.cli;

import dev.digits.DigitsException;
import dev.digits.examples.app.DigitsApp;
import java.awt.Dimension;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;
import javax.swing.UIManager;
import javax.swing.UnsupportedLookAndFeelException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code digits app}: opens the desktop app and returns when its window is closed. */
@Command(name = "app", mixinStandardHelpOptions = true,
        header = "Opens the desktop app.",
        description = "Opens the desktop app. Digit: draw a digit or open a picture, and see every preprocessing "
                + "stage, the ten probabilities and the answer. Number: read a whole number, each digit "
                + "boxed. Generator: draw new digits. Needs a display (on a server: xvfb-run).")
final class AppCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend to start on: dl4j or onnx (default: as for the other commands); switchable in the window.")
    String backend;

    @Option(names = "--image", paramLabel = "FILE", description = "A picture to open at start (on the digit tab, or the number tab with --tab number).")
    Path image;

    @Option(names = "--tab", paramLabel = "TAB", defaultValue = "digit",
            description = "The tab to show first: digit, number or generator (default: ${DEFAULT-VALUE}).")
    String tab;

    @Option(names = "--digit", paramLabel = "D", description = "The generator's digit, 0 to 9 (default: all ten, a row each).")
    Integer digit;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "The generator's first seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "1280x800",
            description = "Window size in screen points (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--scale", paramLabel = "F",
            description = "Scale the whole window by F (2 for a HiDPI screen; default: the desktop's own scale, e.g. GDK_SCALE).")
    Double scale;

    @Option(names = {"-v", "--verbose"}, description = "Log more (the backend chosen, each model loaded), and print "
            + "stack traces of errors.")
    boolean verbose;

    @Option(names = "--ready-file", paramLabel = "FILE",
            description = "Write this file once the first answer is on screen (for scripts that take screenshots).")
    Path readyFile;

    @Override
    public void run() {
        DigitsApp.Tab startTab;
        try {
            startTab = DigitsApp.Tab.of(tab);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--tab must be digit, number or generator, got " + tab);
        }
        if (digit != null && (digit < 0 || digit > 9)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--digit must be 0 to 9, got " + digit);
        }
        Dimension windowSize = parseSize();
        if (scale != null) {
            if (!(scale >= 0.5 && scale <= 4)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--scale must be 0.5 to 4, got " + scale);
            }
            // Java's own HiDPI scaling: read once, when AWT starts, so it is set before any window exists.
            System.setProperty("sun.java2d.uiScale", String.format(Locale.ROOT, "%.2f", scale));
        }
        if (image != null && !Files.isRegularFile(image)) {
            throw new DigitsException("No picture file " + image);
        }
        if (GraphicsEnvironment.isHeadless()) {
            throw new DigitsException("digits app needs a display; on a machine without one, run it under xvfb-run");
        }
        DigitsApp.Settings settings = new DigitsApp.Settings(backend, image, startTab, digit == null ? -1 : digit, seed);
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        SwingUtilities.invokeLater(() -> {
            try {
                useNimbus();
                DigitsApp app = new DigitsApp(settings);
                if (readyFile != null) {
                    app.whenReady(this::writeReadyFile);
                }
                app.showWindow(windowSize, closed::countDown);
            } catch (RuntimeException e) {
                failure.set(e); // no window to wait for: report it and end
                closed.countDown();
            }
        });
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private Dimension parseSize() {
        String[] parts = size.toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                int width = Integer.parseInt(parts[0].trim());
                int height = Integer.parseInt(parts[1].trim());
                if (width >= 640 && height >= 480 && width <= 10_000 && height <= 10_000) {
                    return new Dimension(width, height);
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CommandLine.ParameterException(spec.commandLine(), "--size must be WIDTHxHEIGHT, at least 640x480, got " + size);
    }

    private void writeReadyFile() {
        try {
            Files.writeString(readyFile, "ready\n");
        } catch (IOException e) {
            System.err.println("digits: could not write " + readyFile + ": " + e.getMessage());
        }
    }

    /** Nimbus ships with Java, is drawn rather than bitmapped (so it scales cleanly) and looks the same everywhere. */
    private static void useNimbus() {
        for (UIManager.LookAndFeelInfo info : UIManager.getInstalledLookAndFeels()) {
            if ("Nimbus".equals(info.getName())) {
                try {
                    UIManager.setLookAndFeel(info.getClassName());
                } catch (ReflectiveOperationException | UnsupportedLookAndFeelException e) {
                    return; // the default look is fine too
                }
                return;
            }
        }
    }
}
