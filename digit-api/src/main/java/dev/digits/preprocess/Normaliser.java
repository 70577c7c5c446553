package dev.digits.preprocess;

import dev.digits.preprocess.Segmenter.DigitCandidate;
import dev.digits.Box;
import dev.digits.DigitImage;

/**
 * The third stage of the MNIST procedure, the way MNIST itself was made: the digit's ink, cropped to
 * its box, with hairline strokes thickened towards MNIST's pen, is scaled into a 20×20 box keeping the
 * aspect ratio (area averaging when shrinking, bilinear when growing) and placed in a 28×28 field with
 * its centre of mass at the centre; optionally deskewed by moments. Immutable and safe for concurrent
 * use; the {@code with…} methods return changed copies.
 */
public final class Normaliser {
    private static final int BOX = 20;
    private static final int SIZE = DigitImage.MNIST_SIZE;
    /** MNIST's strokes are about a tenth of the 20-pixel box. */
    private static final double STROKE_FRACTION = 0.1;

    private final boolean normaliseStrokes;
    private final boolean deskew;

    /** Hairline strokes thickened, no deskewing. */
    public Normaliser() {
        this(true, false);
    }

    private Normaliser(boolean normaliseStrokes, boolean deskew) {
        this.normaliseStrokes = normaliseStrokes;
        this.deskew = deskew;
    }

    /**
     * Whether to thicken hairline strokes (1-pixel mouse strokes on a large canvas) towards MNIST's pen;
     * heavy strokes are left alone either way.
     */
    public Normaliser withStrokeNormalisation(boolean value) {
        return new Normaliser(value, deskew);
    }

    /** Whether to straighten slanted digits by their second moments. */
    public Normaliser withDeskew(boolean value) {
        return new Normaliser(normaliseStrokes, value);
    }

    /** The digit in MNIST form: 28×28, light ink on dark, values in [0, 1]. */
    public DigitImage normalise(DigitCandidate digit) {
        Box box = digit.workingBox();
        return normalise(Planes.ofMask(digit.maskArray(), box.width(), box.height()));
    }

    /**
     * A plane of ink coverage ({@code width × height} values in [0, 1], row by row), such as a drawing made
     * by a program, in MNIST form: cropped to the pixels with coverage above {@code 0.05}, then treated as a
     * digit's mask would be.
     *
     * @throws IllegalArgumentException when the plane's size is wrong or it holds no ink
     */
    public DigitImage normalise(float[] coverage, int width, int height) {
        if (width < 1 || height < 1 || coverage.length != width * height) {
            throw new IllegalArgumentException(coverage.length + " values are not a " + width + "x" + height + " plane");
        }
        int minX = width;
        int minY = height;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (coverage[y * width + x] > 0.05f) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        if (maxX < 0) {
            throw new IllegalArgumentException("The plane holds no ink");
        }
        int cropWidth = maxX - minX + 1;
        int cropHeight = maxY - minY + 1;
        float[] crop = new float[cropWidth * cropHeight];
        for (int y = 0; y < cropHeight; y++) {
            for (int x = 0; x < cropWidth; x++) {
                crop[y * cropWidth + x] = Math.max(0f, Math.min(1f, coverage[(minY + y) * width + minX + x]));
            }
        }
        return normalise(new GrayPlane(crop, cropWidth, cropHeight));
    }

    private DigitImage normalise(GrayPlane cropPlane) {
        if (normaliseStrokes) {
            cropPlane = StrokeWidth.normalise(cropPlane, STROKE_FRACTION);
        }
        float[] crop = cropPlane.values();
        int cropWidth = cropPlane.width();
        int cropHeight = cropPlane.height();
        float scale = (float) BOX / Math.max(cropWidth, cropHeight);
        int boxWidth = Math.max(1, Math.round(cropWidth * scale));
        int boxHeight = Math.max(1, Math.round(cropHeight * scale));
        // Area averaging keeps thin strokes visible when shrinking; enlarging with it would show blocks.
        float[] boxed = scale < 1f ? Resize.areaAverage(crop, cropWidth, cropHeight, boxWidth, boxHeight)
                : Resize.bilinear(crop, cropWidth, cropHeight, boxWidth, boxHeight);
        float[] centred = Moments.centre(boxed, boxWidth, boxHeight, SIZE);
        if (deskew) {
            centred = Moments.deskew(centred, SIZE);
        }
        return DigitImage.mnist(clamp(centred));
    }

    /** Bilinear sampling and shearing stay in range only up to rounding; the model expects [0, 1]. */
    private static float[] clamp(float[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.max(0f, Math.min(1f, values[i]));
        }
        return values;
    }
}
