package dev.digits.spi;

import dev.digits.BadImageException;
import dev.digits.BadModelFileException;
import dev.digits.CardSchema;
import dev.digits.Classification;
import dev.digits.DigitClassifier;
import dev.digits.DigitImage;
import dev.digits.ModelCard;
import dev.digits.Prediction;
import dev.digits.ModelCard.TensorSpec;
import dev.digits.VerdictThresholds;
import dev.digits.preprocess.Preprocessed;
import dev.digits.preprocess.Preprocessor;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What every backend's digit classifier shares: input checks, batching, preprocessing (with or without stage
 * pictures) and the closed state. A subclass runs one batch of pictures of the model's input size through its
 * model: MNIST form (28×28, ink = 1) unless the card's first input has another single-channel shape, such as
 * {@code 1x32x32} for SVHN's gray pictures ({@link #inputWidth()}, {@link #inputHeight()}).
 *
 * <p><b>Concurrency.</b> Calls hold a read lock, so any number run at once, as far as {@link #run} allows;
 * {@link #close()} takes the write lock, so it waits for running calls to end, then calls {@link #release()}
 * once. Later calls throw {@link IllegalStateException}.
 *
 * <p><b>Dynamic batching.</b> Concurrent {@link #classify(DigitImage)} calls (one picture each, as a service
 * answering one upload per request makes them) are gathered into one {@link #runGathered}: a call that arrives
 * while another runs waits, and when that run ends the calls waiting by then run together, at most
 * {@value #DEFAULT_MAX_BATCH} (system property {@value #MAX_BATCH_PROPERTY}). A lone caller never waits for
 * company unless {@value #MAX_WAIT_PROPERTY} (microseconds, default 0) asks the first call of a batch to wait
 * that long for others. Each caller gets its own answer; a failed run fails the calls that were in it. A
 * backend may ask for several lanes, each gathering and running its own batches, so that as many gathered runs
 * go at once: a thread keeps to one lane, unless that lane is busy and another idle.
 */
public abstract class AbstractDigitClassifier implements DigitClassifier {
    /** Values per MNIST-form picture. */
    protected static final int PIXELS = DigitImage.MNIST_SIZE * DigitImage.MNIST_SIZE;

    private final ModelCard card;
    private final String backendName;
    private final int batchSize;
    private final Preprocessor preprocessor;
    private final Preprocessor preprocessorWithStages;
    private final Lifecycle lifecycle = new Lifecycle("classifier");
    private final double temperature;
    private final int inputWidth;
    private final int inputHeight;
    private final VerdictThresholds thresholds;
    /** One batcher per lane; a caller joins its own thread's lane unless that one is busy and another idle. */
    private final List<CallBatcher<DigitImage, Prediction>> lanes;

    /** The most concurrent single-picture calls run as one batch, unless {@value #MAX_BATCH_PROPERTY} says otherwise. */
    public static final int DEFAULT_MAX_BATCH = 32;
    /** System property: the most concurrent single-picture calls run as one batch (1: no batching). */
    public static final String MAX_BATCH_PROPERTY = "digits.batch.max";
    /** System property: microseconds the first call of a batch waits for others to join it (default 0). */
    public static final String MAX_WAIT_PROPERTY = "digits.batch.wait.micros";

    /**
     * @param card         the model's card
     * @param backendName  the backend's name
     * @param batchSize    the most pictures one {@link #run} call gets
     * @param preprocessor the preprocessing of {@link #classify(BufferedImage)}; {@link #classifyWithStages} uses
     *                     the same with its stage pictures kept
     */
    protected AbstractDigitClassifier(ModelCard card, String backendName, int batchSize, Preprocessor preprocessor) {
        this(card, backendName, batchSize, preprocessor, 1);
    }

    /**
     * @param card         the model's card
     * @param backendName  the backend's name
     * @param batchSize    the most pictures one {@link #run} call gets
     * @param preprocessor the preprocessing of {@link #classify(BufferedImage)}; {@link #classifyWithStages} uses
     *                     the same with its stage pictures kept
     * @param lanes        how many gathered batches of concurrent single-picture calls may run at once, through
     *                     {@link #runGathered}: 1 for a backend whose runs use every core, more for one whose runs
     *                     each use one thread
     */
    protected AbstractDigitClassifier(ModelCard card, String backendName, int batchSize, Preprocessor preprocessor,
                                      int lanes) {
        if (batchSize < 1 || lanes < 1) {
            throw new IllegalArgumentException("batchSize and lanes must be at least 1, got " + batchSize + " and "
                    + lanes);
        }
        this.card = Objects.requireNonNull(card, "card");
        this.backendName = Objects.requireNonNull(backendName, "backendName");
        CardSchema.PictureInput input = CardSchema.PictureInput.of(card);
        this.inputWidth = input.width();
        this.inputHeight = input.height();
        this.batchSize = batchSize;
        this.preprocessor = preprocessor.withStages(false);
        this.preprocessorWithStages = preprocessor.withStages(true);
        this.temperature = temperatureOf(card);
        this.thresholds = VerdictThresholds.of(card);
        int maxBatch = Math.min(batchSize, Math.max(1, Integer.getInteger(MAX_BATCH_PROPERTY, DEFAULT_MAX_BATCH)));
        long waitMicros = Math.max(0, Long.getLong(MAX_WAIT_PROPERTY, 0L));
        List<CallBatcher<DigitImage, Prediction>> batchers = new ArrayList<>(lanes);
        for (int i = 0; i < lanes; i++) {
            batchers.add(new CallBatcher<>(images -> predict(images, true), maxBatch, waitMicros * 1000));
        }
        this.lanes = List.copyOf(batchers);
    }

    /**
     * The card's {@value ModelCard#CALIBRATION_TEMPERATURE}, or 1 without one.
     *
     * @throws BadModelFileException when it is not a positive number
     */
    static double temperatureOf(ModelCard card) {
        String value = card.get(ModelCard.CALIBRATION_TEMPERATURE).orElse(null);
        if (value == null) {
            return 1;
        }
        double t;
        try {
            t = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            t = Double.NaN;
        }
        if (!(t > 0) || Double.isInfinite(t)) {
            throw new BadModelFileException("The model card's " + ModelCard.CALIBRATION_TEMPERATURE + " is '" + value
                    + "'; it must be a positive number (1 = no calibration)");
        }
        return t;
    }

    @Override
    public double temperature() {
        return temperature;
    }

    /** The card's verdict thresholds, which every prediction of this classifier carries. */
    @Override
    public VerdictThresholds verdictThresholds() {
        return thresholds;
    }

    /** The default preprocessing of Digits' classifiers: the MNIST procedure for real pictures. */
    protected static Preprocessor defaultPreprocessor() {
        return Preprocessor.mnist();
    }

    /**
     * The default preprocessing of a model with this card: the MNIST procedure for 28×28 models, and for models
     * of other sizes (trained on photographed digits, like SVHN's) gray and resized, as
     * {@link Preprocessor#resized(int, int)}.
     */
    protected static Preprocessor defaultPreprocessor(ModelCard card) {
        CardSchema.PictureInput input = CardSchema.PictureInput.of(card);
        return input.width() == DigitImage.MNIST_SIZE && input.height() == DigitImage.MNIST_SIZE ? defaultPreprocessor()
                : Preprocessor.resized(input.width(), input.height());
    }

    /** The width of the pictures the model takes (28 for MNIST form). */
    public int inputWidth() {
        return inputWidth;
    }

    /** The height of the pictures the model takes (28 for MNIST form). */
    public int inputHeight() {
        return inputHeight;
    }

    /** Values per picture the model takes: {@code inputWidth × inputHeight}. */
    protected int pictureValues() {
        return inputWidth * inputHeight;
    }

    /**
     * Runs one batch through the model.
     *
     * @param pixels {@code count} pictures of the model's input size (MNIST form: 28×28, ink = 1), one after
     *               another, row by row, values in [0, 1]
     * @param count  how many, from 1 to the batch size
     * @return {@code count} rows of ten probabilities, or eleven for a model whose last output is the
     *         probability that the picture is not a digit
     */
    protected abstract float[][] run(float[] pixels, int count);

    /**
     * Runs a batch of concurrent callers' single pictures ({@link #classify(DigitImage)}), gathered in one of the
     * lanes: as {@link #run}, unless a backend with several lanes runs each such batch on the calling thread alone
     * (the lanes then share the cores).
     */
    protected float[][] runGathered(float[] pixels, int count) {
        return run(pixels, count);
    }

    /** Frees what the model holds; called once by {@link #close()} after running calls have ended. */
    protected void release() {
    }

    @Override
    public final Prediction classify(DigitImage image) {
        check(image, 0);
        return lifecycle.call(() -> lane().call(image));
    }

    /**
     * The calling thread's lane, or an idle one when that is busy: threads keep to their lanes, so that callers
     * gather into batches, and a lane is never left idle while callers wait in another.
     */
    private CallBatcher<DigitImage, Prediction> lane() {
        int count = lanes.size();
        @SuppressWarnings("deprecation") // Thread.threadId() is Java 19
        int own = (int) Math.floorMod(Thread.currentThread().getId(), (long) count);
        CallBatcher<DigitImage, Prediction> lane = lanes.get(own);
        for (int i = 1; i < count && lane.busy(); i++) {
            CallBatcher<DigitImage, Prediction> other = lanes.get((own + i) % count);
            if (!other.busy()) {
                return other;
            }
        }
        return lane;
    }

    @Override
    public final List<Prediction> classify(List<DigitImage> images) {
        for (int i = 0; i < images.size(); i++) {
            check(images.get(i), i);
        }
        return lifecycle.call(() -> predict(images, false));
    }

    private void check(DigitImage image, int index) {
        if (image == null || image.width() != inputWidth || image.height() != inputHeight || image.channels() != 1) {
            throw new BadImageException("Picture " + index + " is " + image + "; this model takes " + inputWidth + "x"
                    + inputHeight + " single-channel " + (inputWidth == DigitImage.MNIST_SIZE
                    && inputHeight == DigitImage.MNIST_SIZE ? "MNIST-form " : "") + "pictures: use"
                    + " classify(BufferedImage) or a Preprocessor first");
        }
    }

    /**
     * The predictions of checked pictures, in batches of at most the batch size; {@code gathered}: the pictures
     * are concurrent callers' single pictures, gathered by the dynamic batching.
     */
    private List<Prediction> predict(List<DigitImage> images, boolean gathered) {
        int values = pictureValues();
        List<Prediction> predictions = new ArrayList<>(images.size());
        for (int from = 0; from < images.size(); from += batchSize) {
            int count = Math.min(batchSize, images.size() - from);
            float[] pixels = new float[count * values];
            for (int i = 0; i < count; i++) {
                images.get(from + i).copyPixelsTo(pixels, i * values);
            }
            for (float[] row : gathered ? runGathered(pixels, count) : run(pixels, count)) {
                predictions.add(Prediction.of(row).withTemperature(temperature).withThresholds(thresholds));
            }
        }
        return predictions;
    }

    @Override
    public Prediction classify(BufferedImage picture) {
        return classify(preprocessor.preprocess(picture).image());
    }

    @Override
    public Classification classifyWithStages(BufferedImage picture) {
        Preprocessed preprocessed = preprocessorWithStages.preprocess(picture);
        return new Classification(classify(preprocessed.image()), preprocessed.image(), preprocessed.stages(),
                Optional.ofNullable(preprocessed.box()));
    }

    /** The preprocessing {@link #classify(BufferedImage)} applies (without stage pictures). */
    public Preprocessor preprocessor() {
        return preprocessor;
    }

    @Override
    public ModelCard card() {
        return card;
    }

    @Override
    public String backendName() {
        return backendName;
    }

    /** The most pictures the model runs at once. */
    public int batchSize() {
        return batchSize;
    }

    @Override
    public final void close() {
        lifecycle.close(this::release);
    }
}
