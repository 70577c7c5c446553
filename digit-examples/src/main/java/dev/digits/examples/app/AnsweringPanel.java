package dev.digits.examples.app;

import dev.digits.preprocess.Pictures;
import java.awt.BorderLayout;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.BorderFactory;
import javax.swing.JPanel;

/**
 * What the digit and number tabs share: a canvas that takes strokes, files, drops and pastes, a status line,
 * and answers made off the event thread of which only the last one asked for is shown.
 */
public abstract class AnsweringPanel extends JPanel implements PictureSources.Target {
    /** Where the model work runs. */
    protected final ModelWork work;
    /** The sheet drawn on, or the picture opened. */
    protected final PictureCanvas canvas;
    /** The line under the canvas that says what happens, or what went wrong. */
    protected final StatusLine status;
    private final List<Runnable> answerListeners = new ArrayList<>();
    /** Completes once the last answer asked for is on screen. */
    protected CompletableFuture<Void> lastShown = CompletableFuture.completedFuture(null);
    /** The number of the last answer asked for; an older answer that arrives later is not shown. */
    protected long lastRequest;

    AnsweringPanel(ModelWork work, PictureCanvas canvas, StatusLine status) {
        super(new BorderLayout(Ui.GAP, Ui.GAP));
        this.work = work;
        this.canvas = canvas;
        this.status = status;
        setBorder(BorderFactory.createEmptyBorder(Ui.GAP, Ui.GAP, Ui.GAP, Ui.GAP));
        setBackground(Ui.SURFACE);
        PictureSources.acceptDrops(canvas, this);
    }

    /**
     * Answers for what the canvas shows now, off the event thread.
     *
     * @return completes once the answer (or the error) is on screen
     */
    abstract CompletableFuture<Void> answerNow();

    /** Shows a picture and answers for it. */
    @Override
    public void openPicture(BufferedImage picture) {
        canvas.setPicture(picture);
        answerNow();
    }

    /** Reads a picture file off the event thread, shows it and answers for it. */
    @Override
    public void openFile(Path file) {
        load(file);
    }

    /**
     * As {@link #openFile(Path)}.
     *
     * @return completes once the answer (or the error) is on screen
     */
    public CompletableFuture<Void> load(Path file) {
        status.info("Reading " + file.getFileName() + "…");
        AtomicReference<CompletableFuture<Void>> answered = new AtomicReference<>(CompletableFuture.completedFuture(null));
        CompletableFuture<Void> loaded = work.submit(models -> Pictures.read(file), picture -> {
            canvas.setPicture(picture);
            answered.set(answerNow());
        }, problem -> {
            status.error(problem);
            fireAnswered();
        }).thenCompose(done -> answered.get());
        lastShown = loaded; // until the picture is read; then the answer asked for after it
        return loaded;
    }

    @Override
    public void showError(String message) {
        status.error(message);
    }

    /** Calls {@code listener} on the event thread after each answer or error is shown. */
    public void onAnswered(Runnable listener) {
        answerListeners.add(listener);
    }

    /** Tells the listeners that an answer or an error is on screen. */
    protected void fireAnswered() {
        answerListeners.forEach(Runnable::run);
    }

    /** Completes once the last answer asked for is on screen. */
    CompletableFuture<Void> pending() {
        return lastShown;
    }

    PictureCanvas canvas() {
        return canvas;
    }
}
