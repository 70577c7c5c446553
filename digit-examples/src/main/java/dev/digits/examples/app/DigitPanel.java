package dev.digits.examples.app;

import dev.digits.Classification;
import dev.digits.DigitClassifier;
import dev.digits.ModelCard;
import dev.digits.NoDigitFoundException;
import dev.digits.Prediction;
import dev.digits.VerdictThresholds;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.swing.JPanel;

/**
 * The digit tab: a sheet to draw on or a picture opened, and beside it the answer, the ten probabilities and
 * every preprocessing stage the classifier ran. The prediction is made again after each stroke.
 */
public final class DigitPanel extends AnsweringPanel {
    /** Answers "not sure" below this probability when the model's card names no threshold, as {@code digits predict} does. */
    static final double DEFAULT_UNSURE_BELOW = 0.5;

    private final AnswerView answer = new AnswerView();
    private final ProbabilityBars bars = new ProbabilityBars();
    private final StageStrip stages = new StageStrip(2);

    /** A digit tab whose predictions run on {@code work}. */
    public DigitPanel(ModelWork work) {
        super(work, new PictureCanvas(280, 280, "Draw a digit here, or drop a picture"),
                new StatusLine("Draw a digit with the mouse, open a picture (Ctrl+O), drop or paste one."));
        canvas.onStroke(this::predict);

        JPanel left = new JPanel(new BorderLayout(0, Ui.GAP / 2));
        left.setOpaque(false);
        left.add(new CanvasTools(canvas, this, this::predict, this), BorderLayout.NORTH);
        left.add(canvas, BorderLayout.CENTER);
        left.add(status, BorderLayout.SOUTH);

        JPanel barsCard = Ui.card(new JPanel(new BorderLayout(0, Ui.GAP / 2)));
        barsCard.add(Ui.heading("Probabilities"), BorderLayout.NORTH);
        barsCard.add(bars, BorderLayout.CENTER);
        JPanel middle = new JPanel(new BorderLayout(0, Ui.GAP));
        middle.setOpaque(false);
        middle.add(answer, BorderLayout.NORTH);
        middle.add(barsCard, BorderLayout.CENTER);

        JPanel stagesCard = Ui.card(new JPanel(new BorderLayout(0, Ui.GAP / 2)));
        stagesCard.add(Ui.heading("How the picture was prepared"), BorderLayout.NORTH);
        stagesCard.add(stages, BorderLayout.CENTER);
        stagesCard.setPreferredSize(new Dimension(300, 400));

        JPanel results = new JPanel(new BorderLayout(Ui.GAP, 0));
        results.setOpaque(false);
        results.add(middle, BorderLayout.CENTER);
        results.add(stagesCard, BorderLayout.EAST);
        add(left, BorderLayout.WEST);
        add(results, BorderLayout.CENTER);
        answer.showNothing("nothing drawn yet");
    }

    /**
     * Predicts the digit of what the canvas shows now, off the event thread.
     *
     * @return completes once the answer (or the error) is on screen
     */
    public CompletableFuture<Void> predict() {
        long request = ++lastRequest;
        if (canvas.isBlank()) {
            showNothing("nothing drawn yet");
            status.info("Draw a digit with the mouse, open a picture (Ctrl+O), drop or paste one.");
            fireAnswered();
            lastShown = CompletableFuture.completedFuture(null);
            return lastShown;
        }
        BufferedImage picture = canvas.render();
        status.info("Reading the digit…");
        lastShown = work.submit(models -> {
            DigitClassifier classifier = models.classifier();
            long start = System.nanoTime();
            Classification classification = classifier.classifyWithStages(picture);
            double millis = (System.nanoTime() - start) / 1e6;
            Prediction prediction = classification.prediction().withThresholds(thresholds(classifier));
            return new Answer(classification, prediction, classifier.backendName(), millis);
        }, result -> {
            if (request == lastRequest) {
                show(result);
            }
        }, problem -> {
            if (request == lastRequest) {
                if (problem instanceof NoDigitFoundException noDigit) {
                    showNothing("no digit found");
                    stages.show(noDigit.stages(), noDigit.getMessage());
                    status.info("No digit found in the picture: draw one, or open another picture.");
                } else {
                    showNothing("no answer");
                    status.error(problem);
                }
                fireAnswered();
            }
        });
        return lastShown;
    }

    private record Answer(Classification classification, Prediction prediction, String backend, double millis) {
    }

    private void show(Answer result) {
        Classification classification = result.classification();
        Map<String, BufferedImage> shownStages = classification.stages();
        answer.show(result.prediction(), classification.input().toBufferedImage(), result.backend(), result.millis());
        bars.show(result.prediction());
        stages.show(shownStages);
        canvas.setOverlays(classification.box()
                .map(box -> List.of(new PictureCanvas.Overlay(box, "", Ui.GOOD))).orElse(List.of()));
        status.info("The green box is where the digit was found. Draw more, undo, or open another picture.");
        fireAnswered();
    }

    private void showNothing(String why) {
        answer.showNothing(why);
        bars.show(null);
        stages.show(Map.of());
        canvas.setOverlays(List.of());
    }

    /** The thresholds of the classifier's card, with "not sure" below 50% when the card names none. */
    static VerdictThresholds thresholds(DigitClassifier classifier) {
        VerdictThresholds card = classifier.verdictThresholds();
        return classifier.card().get(ModelCard.VERDICT_UNSURE_BELOW).isPresent() ? card
                : card.withUnsureBelow(DEFAULT_UNSURE_BELOW);
    }

    AnswerView answer() {
        return answer;
    }

    ProbabilityBars bars() {
        return bars;
    }

    StageStrip stages() {
        return stages;
    }

    StatusLine status() {
        return status;
    }

    @Override
    CompletableFuture<Void> answerNow() {
        return predict();
    }
}
