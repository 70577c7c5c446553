package dev.digits.examples.app;

import dev.digits.DigitGenerator;
import dev.digits.DigitImage;
import dev.digits.Prediction;
import dev.digits.io.AtomicFiles;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import javax.imageio.ImageIO;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSpinner;
import javax.swing.SpinnerNumberModel;
import javax.swing.filechooser.FileNameExtensionFilter;

/**
 * The generator tab: pick a digit (or all ten), draw a grid of new ones with the conditional GAN, draw again
 * with another seed, save the grid as PNG. The same digit and seed always give the same grid.
 */
public final class GeneratorPanel extends JPanel {
    /** The choice that draws one row of each digit. */
    static final String ALL_DIGITS = "all ten, a row each";

    private final ModelWork work;
    private final JComboBox<String> digit = new JComboBox<>();
    private final JSpinner count = new JSpinner(new SpinnerNumberModel(10, 1, 40, 1));
    private final JLabel seedLabel = Ui.caption(" ");
    private final PixelView grid = new PixelView(640, 480);
    private final StatusLine status = new StatusLine("Pick a digit and press Generate.");
    private final List<Runnable> answerListeners = new ArrayList<>();
    private final Random seeds = new Random();
    private final JButton save = new JButton("Save PNG…");
    private long seed = 1;
    private boolean selectingQuietly;
    private int shownCount;
    private int agreedCount;

    /** A generator tab whose drawing runs on {@code work}. */
    public GeneratorPanel(ModelWork work) {
        super(new BorderLayout(Ui.GAP, Ui.GAP));
        this.work = work;
        setBorder(BorderFactory.createEmptyBorder(Ui.GAP, Ui.GAP, Ui.GAP, Ui.GAP));
        setBackground(Ui.SURFACE);
        digit.addItem(ALL_DIGITS);
        for (int d = 0; d <= 9; d++) {
            digit.addItem(String.valueOf(d));
        }
        JButton generate = new JButton("Generate");
        generate.setToolTipText("Draw the grid for this digit and seed");
        generate.addActionListener(e -> generate());
        JButton reroll = new JButton("Re-roll");
        reroll.setToolTipText("Draw again with a new random seed");
        reroll.addActionListener(e -> reroll());
        save.setEnabled(false);
        save.addActionListener(e -> chooseFileAndSave());
        digit.addActionListener(e -> {
            if (!selectingQuietly) {
                generate();
            }
        });

        JPanel controls = new JPanel(new FlowLayout(FlowLayout.LEFT, Ui.GAP / 2, 0));
        controls.setOpaque(false);
        controls.add(new JLabel("Digit"));
        controls.add(digit);
        controls.add(new JLabel("  Per row"));
        controls.add(count);
        controls.add(generate);
        controls.add(reroll);
        controls.add(save);
        controls.add(seedLabel);

        grid.setCrisp(true);
        grid.setEmptyText("Press Generate");
        JPanel gridCard = Ui.card(new JPanel(new BorderLayout()));
        gridCard.add(grid, BorderLayout.CENTER);
        add(controls, BorderLayout.NORTH);
        add(gridCard, BorderLayout.CENTER);
        add(status, BorderLayout.SOUTH);
    }

    /** Selects the digit to draw, 0 to 9, or -1 for all ten, without drawing yet. */
    public void selectDigit(int value) {
        selectingQuietly = true;
        try {
            digit.setSelectedItem(value < 0 ? ALL_DIGITS : String.valueOf(value));
        } finally {
            selectingQuietly = false;
        }
    }

    /** Sets the seed of the next {@link #generate()}. */
    public void setSeed(long value) {
        seed = value;
    }

    /** Draws again with a new random seed. */
    public CompletableFuture<Void> reroll() {
        seed = seeds.nextInt(1_000_000);
        return generate();
    }

    /**
     * Draws the grid for the chosen digit and seed, off the event thread.
     *
     * @return completes once the grid (or the error) is on screen
     */
    public CompletableFuture<Void> generate() {
        String choice = (String) digit.getSelectedItem();
        int chosen = ALL_DIGITS.equals(choice) ? -1 : Integer.parseInt(choice);
        int perRow = (Integer) count.getValue();
        long useSeed = seed;
        status.info("Drawing…");
        return work.submit(models -> {
            DigitGenerator generator = models.generator();
            long start = System.nanoTime();
            List<DigitImage> pictures = new ArrayList<>();
            List<Integer> asked = new ArrayList<>();
            for (int d = chosen < 0 ? 0 : chosen; d <= (chosen < 0 ? 9 : chosen); d++) {
                int count = chosen < 0 ? perRow : perRow * 4;
                pictures.addAll(generator.generate(d, count, useSeed));
                asked.addAll(java.util.Collections.nCopies(count, d));
            }
            double millis = (System.nanoTime() - start) / 1e6;
            // The classifier as a judge: how many of the new digits it reads as the digit asked for.
            List<Prediction> read = models.classifier().classify(pictures);
            int agreed = 0;
            for (int i = 0; i < read.size(); i++) {
                agreed += read.get(i).digit() == asked.get(i) ? 1 : 0;
            }
            return new Drawn(DigitImage.grid(pictures, perRow, 2), pictures.size(), agreed, generator.backendName(), millis);
        }, drawn -> {
            grid.setPicture(drawn.grid());
            shownCount = drawn.count();
            agreedCount = drawn.agreed();
            save.setEnabled(true);
            seedLabel.setText("seed " + useSeed);
            status.info(String.format(Locale.ROOT, "%d new digits drawn by the %s backend in %.0f ms; the classifier reads %d"
                    + " of them as the digit asked for. Re-roll for others.", drawn.count(), drawn.backend(), drawn.millis(),
                    drawn.agreed()));
            answerListeners.forEach(Runnable::run);
        }, problem -> {
            status.error(problem);
            answerListeners.forEach(Runnable::run);
        });
    }

    private record Drawn(BufferedImage grid, int count, int agreed, String backend, double millis) {
    }

    private void chooseFileAndSave() {
        JFileChooser chooser = new JFileChooser();
        chooser.setDialogTitle("Save the grid as PNG");
        chooser.setFileFilter(new FileNameExtensionFilter("PNG pictures", "png"));
        String choice = (String) digit.getSelectedItem();
        chooser.setSelectedFile(new java.io.File((ALL_DIGITS.equals(choice) ? "digits" : "digit-" + choice)
                + "-seed" + seed + ".png"));
        if (chooser.showSaveDialog(this) == JFileChooser.APPROVE_OPTION) {
            Path file = chooser.getSelectedFile().toPath();
            save(file.toString().toLowerCase(Locale.ROOT).endsWith(".png") ? file : Path.of(file + ".png"));
        }
    }

    /**
     * Writes the grid shown as PNG, off the event thread.
     *
     * @return completes once the file is written (or the error is shown)
     */
    public CompletableFuture<Void> save(Path file) {
        BufferedImage shown = grid.picture();
        if (shown == null) {
            status.error("Nothing to save yet: press Generate first");
            return CompletableFuture.completedFuture(null);
        }
        return work.submit(models -> {
            AtomicFiles.write(file, temporary -> {
                if (!ImageIO.write(shown, "png", temporary.toFile())) {
                    throw new IOException("no PNG writer");
                }
            });
            return file;
        }, written -> status.info("Saved " + written), status::error);
    }

    /** Calls {@code listener} on the event thread after each grid or error is shown. */
    public void onAnswered(Runnable listener) {
        answerListeners.add(listener);
    }

    BufferedImage gridPicture() {
        return grid.picture();
    }

    int shownCount() {
        return shownCount;
    }

    /** How many of the digits shown the classifier reads as the digit asked for. */
    int agreedCount() {
        return agreedCount;
    }

    StatusLine status() {
        return status;
    }
}
