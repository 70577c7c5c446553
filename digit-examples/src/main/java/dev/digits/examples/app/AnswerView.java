package dev.digits.examples.app;

import dev.digits.Prediction;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Font;
import java.awt.GridLayout;
import java.awt.image.BufferedImage;
import java.util.Locale;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingConstants;

/**
 * The answer, large: the digit (or "?" when not sure, "×" when not a digit), the verdict in words, the backend
 * and how long the prediction took; beside it the 28×28 picture the model saw, enlarged.
 */
final class AnswerView extends JPanel {
    private final JLabel answer = new JLabel("–", SwingConstants.CENTER);
    private final JLabel verdict = new JLabel(" ");
    private final JLabel timing = Ui.caption(" ");
    private final PixelView input = new PixelView(168, 168);

    AnswerView() {
        super(new BorderLayout(Ui.GAP, 0));
        Ui.card(this);
        answer.setFont(Ui.font(6f, Font.BOLD));
        answer.setForeground(Ui.MUTED);
        verdict.setFont(Ui.font(1.4f, Font.BOLD));
        JPanel words = new JPanel(new GridLayout(0, 1, 0, 2));
        words.setOpaque(false);
        words.add(verdict);
        words.add(timing);
        JPanel left = new JPanel(new BorderLayout());
        left.setOpaque(false);
        left.add(Ui.caption("Answer"), BorderLayout.NORTH);
        left.add(answer, BorderLayout.CENTER);
        left.add(words, BorderLayout.SOUTH);
        JPanel right = new JPanel(new BorderLayout(0, 2));
        right.setOpaque(false);
        input.setEmptyText("28×28");
        input.setBorder(BorderFactory.createEmptyBorder());
        right.add(input, BorderLayout.CENTER);
        JLabel inputName = Ui.caption("what the model saw (28×28)");
        inputName.setHorizontalAlignment(SwingConstants.CENTER);
        right.add(inputName, BorderLayout.SOUTH);
        add(left, BorderLayout.CENTER);
        add(right, BorderLayout.EAST);
    }

    /** Shows an answer with the model's input, the backend and the time taken in milliseconds. */
    void show(Prediction prediction, BufferedImage modelInput, String backend, double millis) {
        switch (prediction.verdict()) {
            case DIGIT -> set(String.valueOf(prediction.digit()), Color.BLACK, Ui.GOOD);
            case UNSURE -> set(prediction.digit() + "?", Ui.WARNING, Ui.WARNING);
            case NOT_A_DIGIT -> set("×", Ui.ERROR, Ui.ERROR);
        }
        verdict.setText(describe(prediction));
        timing.setText(String.format(Locale.ROOT, "%s backend · %.0f ms", backend, millis));
        input.setPicture(modelInput);
    }

    /** Shows that there is no answer, and why. */
    void showNothing(String why) {
        set("–", Ui.MUTED, Ui.MUTED);
        verdict.setText(why);
        timing.setText(" ");
        input.setPicture(null);
    }

    private void set(String text, Color answerColor, Color verdictColor) {
        answer.setText(text);
        answer.setForeground(answerColor);
        verdict.setForeground(verdictColor);
    }

    /** The answer in words, as {@code digits predict} prints it: {@code 7 (98.1%)}, {@code not a digit}, {@code not sure (7? 54%)}. */
    static String describe(Prediction prediction) {
        return switch (prediction.verdict()) {
            case DIGIT -> String.format(Locale.ROOT, "%d (%.1f%%)", prediction.digit(), prediction.confidence() * 100);
            case NOT_A_DIGIT -> String.format(Locale.ROOT, "not a digit (%.0f%%)", prediction.notDigitProbability() * 100);
            case UNSURE -> String.format(Locale.ROOT, "not sure (%d? %.0f%%)", prediction.digit(), prediction.confidence() * 100);
        };
    }

    String answerText() {
        return answer.getText();
    }

    String verdictText() {
        return verdict.getText();
    }

    String timingText() {
        return timing.getText();
    }

    BufferedImage modelInput() {
        return input.picture();
    }
}
