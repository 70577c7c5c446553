package dev.digits.examples.app;

import dev.digits.Box;
import dev.digits.NoDigitFoundException;
import dev.digits.NumberReader;
import dev.digits.NumberReading;
import dev.digits.Prediction;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingConstants;

/**
 * The number tab: a wide sheet to write a number on, or a picture of one, read whole by the number reader;
 * each digit's box is drawn on the picture with what was read there.
 */
public final class NumberPanel extends AnsweringPanel {
    private final JLabel text = new JLabel("–", SwingConstants.LEFT);
    private final JLabel confidence = new JLabel(" ");
    /** The widest the verdict line grows before it wraps, leaving the rest of the card to the digits' chips. */
    private static final int VERDICT_WIDTH = 520;
    private final JLabel timing = Ui.caption(" ");
    private final JPanel digits = new JPanel();

    /** A number tab whose readings run on {@code work}. */
    public NumberPanel(ModelWork work) {
        super(work, new PictureCanvas(840, 280, "Write a number here, or drop a picture of one"),
                new StatusLine("Write a number with the mouse, open a picture (Ctrl+O), drop or paste one."));
        canvas.setStrokeWidth(14);
        canvas.onStroke(this::read);

        JPanel top = new JPanel(new BorderLayout(0, Ui.GAP / 2));
        top.setOpaque(false);
        top.add(new CanvasTools(canvas, this, this::read, this), BorderLayout.NORTH);
        top.add(canvas, BorderLayout.CENTER);
        top.add(status, BorderLayout.SOUTH);

        text.setFont(Ui.font(4f, Font.BOLD));
        confidence.setFont(Ui.font(1.3f, Font.BOLD));
        JPanel words = new JPanel();
        words.setLayout(new BoxLayout(words, BoxLayout.Y_AXIS));
        words.setOpaque(false);
        words.add(Ui.caption("Number read"));
        words.add(text);
        words.add(confidence);
        words.add(timing);
        digits.setLayout(new FlowLayout(FlowLayout.LEFT, Ui.GAP, 0));
        digits.setOpaque(false);
        JPanel perDigit = new JPanel(new BorderLayout(0, Ui.GAP / 2));
        perDigit.setOpaque(false);
        perDigit.add(Ui.heading("Each digit"), BorderLayout.NORTH);
        perDigit.add(digits, BorderLayout.CENTER);
        JPanel answer = Ui.card(new JPanel(new BorderLayout(Ui.GAP * 3, 0)));
        answer.add(words, BorderLayout.WEST);
        answer.add(perDigit, BorderLayout.CENTER);
        add(top, BorderLayout.CENTER);
        add(answer, BorderLayout.SOUTH);
        showNothing("nothing written yet");
    }

    /**
     * Reads the number the canvas shows now, off the event thread.
     *
     * @return completes once the reading (or the error) is on screen
     */
    public CompletableFuture<Void> read() {
        long request = ++lastRequest;
        if (canvas.isBlank()) {
            showNothing("nothing written yet");
            fireAnswered();
            lastShown = CompletableFuture.completedFuture(null);
            return lastShown;
        }
        BufferedImage picture = canvas.render();
        status.info("Reading the number…");
        lastShown = work.submit(models -> {
            NumberReader reader = models.reader();
            long start = System.nanoTime();
            NumberReading reading = reader.read(picture);
            return new Reading(reading, reader.backendName(), (System.nanoTime() - start) / 1e6);
        }, result -> {
            if (request == lastRequest) {
                show(result);
            }
        }, problem -> {
            if (request == lastRequest) {
                if (problem instanceof NoDigitFoundException) {
                    showNothing("no digit found");
                    status.info("No digit found: write a number, or open another picture.");
                } else {
                    showNothing("no reading");
                    status.error(problem);
                }
                fireAnswered();
            }
        });
        return lastShown;
    }

    private record Reading(NumberReading reading, String backend, double millis) {
    }

    private void show(Reading result) {
        NumberReading reading = result.reading();
        text.setText(reading.text().isEmpty() ? "–" : reading.text());
        text.setForeground(reading.isConfident() ? Color.BLACK : Ui.WARNING);
        String lines = reading.candidateLines() > 1
                ? String.format(Locale.ROOT, " · the most digit-like of %d lines", reading.candidateLines()) : "";
        String verdict = String.format(Locale.ROOT, "%s%d digit%s, %.1f%% sure of the whole number%s",
                reading.isConfident() ? "" : "not sure (" + reading.doubt() + ") · ", reading.digits().size(),
                reading.digits().size() == 1 ? "" : "s", reading.confidence() * 100, lines);
        // Wrapped to a bounded width: a long doubt on one line pushed the digits' chips out of the card.
        confidence.setText("<html><div style='width:" + VERDICT_WIDTH + "px'>" + verdict.replace("&", "&amp;")
                .replace("<", "&lt;").replace(">", "&gt;") + "</div></html>");
        timing.setText(String.format(Locale.ROOT, "%s backend · %.0f ms", result.backend(), result.millis()));
        digits.removeAll();
        List<PictureCanvas.Overlay> overlays = new ArrayList<>();
        for (NumberReading.ReadDigit digit : reading.digits()) {
            Prediction p = digit.prediction();
            Color color = p.confidence() >= DigitPanel.DEFAULT_UNSURE_BELOW ? Ui.ACCENT : Ui.WARNING;
            overlays.add(new PictureCanvas.Overlay(digit.box(), String.valueOf(p.digit()), color));
            digits.add(chip(p, color));
        }
        for (Box separator : reading.separators()) {
            overlays.add(new PictureCanvas.Overlay(separator, "", Ui.MUTED));
        }
        digits.revalidate();
        digits.repaint();
        canvas.setOverlays(overlays);
        status.info("Each box is one digit as the reader cut it. Write more, undo, or open another picture.");
        fireAnswered();
    }

    private static JLabel chip(Prediction p, Color color) {
        JLabel chip = new JLabel(String.format(Locale.ROOT, "<html><center><span style='font-size:150%%'><b>%d</b></span>"
                + "<br>%.0f%%</center></html>", p.digit(), p.confidence() * 100), SwingConstants.CENTER);
        chip.setForeground(color);
        chip.setBorder(BorderFactory.createCompoundBorder(BorderFactory.createLineBorder(color, 2),
                BorderFactory.createEmptyBorder(4, 10, 4, 10)));
        return chip;
    }

    private void showNothing(String why) {
        text.setText("–");
        text.setForeground(Ui.MUTED);
        confidence.setText(why);
        timing.setText(" ");
        digits.removeAll();
        digits.revalidate();
        digits.repaint();
        canvas.setOverlays(List.of());
    }

    String numberText() {
        return text.getText();
    }

    int digitChipCount() {
        return digits.getComponentCount();
    }

    StatusLine status() {
        return status;
    }

    @Override
    CompletableFuture<Void> answerNow() {
        return read();
    }
}
