package dev.digits.preprocess;

import dev.digits.DigitImage;
import dev.digits.NoDigitFoundException;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a photo, scan or drawing of one digit into MNIST form, the way MNIST itself was made, after
 * cleaning up what real pictures bring:
 * <ol>
 * <li>gray, shrunk to a working size by block averaging;</li>
 * <li>polarity: the border tells the paper, so dark ink on light paper is inverted to light on dark;</li>
 * <li>background removal: shadows, uneven lighting and tinted paper are subtracted;</li>
 * <li>Otsu threshold; ruled lines, specks and border artefacts are removed;</li>
 * <li>stroke width brought towards MNIST's when it is far off (1-pixel mouse strokes, thick markers);</li>
 * <li>crop to the ink, scale into 20×20 keeping the aspect ratio with area averaging, and place in 28×28
 * with the centre of mass at the centre; optionally deskew by moments.</li>
 * </ol>
 * A picture already in MNIST form (28×28, light ink on dark, centred) passes through with only its
 * contrast stretched. Immutable and safe for concurrent use.
 */
public final class MnistPreprocessor implements Preprocessor {
    private static final int BOX = 20;
    private static final int SIZE = DigitImage.MNIST_SIZE;
    /** MNIST's strokes are about a tenth of the 20-pixel box. */
    private static final double STROKE_FRACTION = 0.1;

    static final MnistPreprocessor DEFAULT = builder().build();
    static final MnistPreprocessor WITHOUT_STAGES = builder().keepStages(false).build();

    private final int workingSize;
    private final boolean deskew;
    private final boolean removeRuledLines;
    private final boolean normaliseStrokes;
    private final boolean keepStages;
    private final float minContrast;

    private MnistPreprocessor(Builder builder) {
        this.workingSize = builder.workingSize;
        this.deskew = builder.deskew;
        this.removeRuledLines = builder.removeRuledLines;
        this.normaliseStrokes = builder.normaliseStrokes;
        this.keepStages = builder.keepStages;
        this.minContrast = builder.minContrast;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Preprocessed preprocess(BufferedImage picture) {
        Stages stages = new Stages(keepStages);
        int factor = Math.max(1, (int) Math.ceil(Math.max(picture.getWidth(), picture.getHeight()) / (double) workingSize));
        GrayPlane gray = Grayscale.reduced(picture, factor);
        stages.put("input", picture);
        stages.put("gray", gray);
        int w = gray.width();
        int h = gray.height();
        boolean darkInk = Polarity.darkInk(gray.values(), w, h);
        float[] ink = darkInk ? Planes.inverted(gray.values()) : gray.values();
        if (darkInk) {
            stages.put("inverted", new GrayPlane(ink, w, h));
        }
        DigitImage mnistForm = passThrough(ink, w, h);
        if (mnistForm != null) {
            stages.put("28x28", mnistForm.toBufferedImage());
            return new Preprocessed(mnistForm, stages.map);
        }
        float[] flat = Background.subtract(ink, w, h);
        float top = Threshold.percentile(flat, 0.998);
        if (top < minContrast) {
            throw new NoDigitFoundException("No ink found: the picture is blank or too faint (contrast "
                    + Math.round(top * 100) + "% after background removal); give a picture with a visible digit");
        }
        for (int i = 0; i < flat.length; i++) {
            flat[i] = Math.min(1f, flat[i] / top);
        }
        stages.put("background removed", new GrayPlane(flat, w, h));
        if (removeRuledLines && Background.removeLines(flat, w, h)) {
            stages.put("lines removed", new GrayPlane(flat, w, h));
        }
        float threshold = Math.max(0.2f, Threshold.otsu(flat));
        byte[] mask = new byte[flat.length];
        for (int i = 0; i < flat.length; i++) {
            mask[i] = (byte) (flat[i] > threshold ? 1 : 0);
        }
        stages.put("threshold", maskPlane(mask, w, h));
        byte[] digit = keepDigit(mask, w, h);
        stages.put("cleaned", maskPlane(digit, w, h));
        int[] box = boundingBox(digit, w, h);
        float[] cropValues = new float[(box[2] - box[0] + 1) * (box[3] - box[1] + 1)];
        for (int y = box[1]; y <= box[3]; y++) {
            for (int x = box[0]; x <= box[2]; x++) {
                cropValues[(y - box[1]) * (box[2] - box[0] + 1) + x - box[0]] = digit[y * w + x];
            }
        }
        GrayPlane cropPlane = new GrayPlane(cropValues, box[2] - box[0] + 1, box[3] - box[1] + 1);
        if (normaliseStrokes) {
            cropPlane = StrokeWidth.normalise(cropPlane, STROKE_FRACTION);
        }
        float[] crop = cropPlane.values();
        int cropWidth = cropPlane.width();
        int cropHeight = cropPlane.height();
        float scale = (float) BOX / Math.max(cropWidth, cropHeight);
        int boxWidth = Math.max(1, Math.round(cropWidth * scale));
        int boxHeight = Math.max(1, Math.round(cropHeight * scale));
        float[] boxed = scale < 1f ? Resize.areaAverage(crop, cropWidth, cropHeight, boxWidth, boxHeight)
                : Resize.bilinear(crop, cropWidth, cropHeight, boxWidth, boxHeight);
        float[] centred = Moments.centre(boxed, boxWidth, boxHeight, SIZE);
        if (deskew) {
            centred = Moments.deskew(centred, SIZE);
        }
        DigitImage image = DigitImage.mnist(clamp(centred));
        stages.put("28x28", image.toBufferedImage());
        return new Preprocessed(image, stages.map);
    }

    /**
     * The picture itself when it is already in MNIST form: 28×28, dark border, anti-aliased ink within a
     * 22-pixel box whose centre of mass is near the middle. Its contrast is stretched to [0, 1].
     */
    private static DigitImage passThrough(float[] ink, int w, int h) {
        if (w != SIZE || h != SIZE) {
            return null;
        }
        float background = Planes.borderMean(ink, w, h);
        float max = 0;
        for (float v : ink) {
            max = Math.max(max, v);
        }
        if (background > 0.15f || max - background < 0.2f) {
            return null;
        }
        float[] stretched = new float[ink.length];
        for (int i = 0; i < ink.length; i++) {
            stretched[i] = Math.max(0f, Math.min(1f, (ink[i] - background) / (max - background)));
        }
        byte[] mask = new byte[ink.length];
        for (int i = 0; i < ink.length; i++) {
            mask[i] = (byte) (stretched[i] > 0.25f ? 1 : 0);
        }
        int[] box = boundingBox(mask, w, h);
        int longer = box == null ? 0 : Math.max(box[2] - box[0] + 1, box[3] - box[1] + 1);
        if (longer < 12 || longer > 22 || antiAliasedFraction(stretched) < 0.15) {
            return null;
        }
        double[] centre = Moments.centreOfMass(stretched, w, h);
        if (Math.abs(centre[0] - Moments.CENTRE) > 2.5 || Math.abs(centre[1] - Moments.CENTRE) > 2.5) {
            return null;
        }
        return DigitImage.mnist(stretched);
    }

    /**
     * Share of inked pixels with an in-between gray: MNIST's digits were anti-aliased when scaled into
     * their box, so about half their ink pixels are gray; a hard-edged paint drawing has none and is
     * better redone (its strokes are often hairlines).
     */
    private static double antiAliasedFraction(float[] values) {
        int ink = 0;
        int gray = 0;
        for (float v : values) {
            if (v > 0.1f) {
                ink++;
                if (v < 0.9f) {
                    gray++;
                }
            }
        }
        return ink == 0 ? 0 : (double) gray / ink;
    }

    /**
     * Keeps the digit's components: the largest one not touching the border (or the largest of all when
     * every sizeable one does), plus pieces near it of at least 5% of its area (a 5's flag, a 7's bar).
     */
    private static byte[] keepDigit(byte[] mask, int w, int h) {
        Components.Labelling labelling = Components.label(mask, w, h);
        List<Components.Component> all = labelling.components();
        if (all.isEmpty()) {
            throw new NoDigitFoundException("No ink found after thresholding; give a picture with a visible digit");
        }
        int largestArea = all.stream().mapToInt(Components.Component::area).max().orElse(0);
        List<Components.Component> inner = new ArrayList<>();
        for (Components.Component c : all) {
            if (!c.touchesBorder() && c.area() >= 0.1 * largestArea) {
                inner.add(c);
            }
        }
        List<Components.Component> candidates = inner.isEmpty() ? all : inner;
        Components.Component main = candidates.get(0);
        for (Components.Component c : candidates) {
            if (c.area() > main.area()) {
                main = c;
            }
        }
        if (main.area() < Math.max(6, 0.0002 * w * h)) {
            throw new NoDigitFoundException("Only specks of ink found (largest " + main.area()
                    + " pixels); give a picture with a visible digit");
        }
        int size = Math.max(main.width(), main.height());
        int marginX = size / 2;
        int marginY = size / 2;
        boolean[] keep = new boolean[all.size() + 1];
        for (Components.Component c : all) {
            boolean near = c.maxX() >= main.minX() - marginX && c.minX() <= main.maxX() + marginX
                    && c.maxY() >= main.minY() - marginY && c.minY() <= main.maxY() + marginY;
            boolean allowed = !c.touchesBorder() || main.touchesBorder();
            keep[c.label()] = c == main || (near && allowed && c.area() >= 0.05 * main.area());
        }
        byte[] digit = new byte[mask.length];
        int[] labels = labelling.labels();
        for (int i = 0; i < mask.length; i++) {
            digit[i] = (byte) (labels[i] != 0 && keep[labels[i]] ? 1 : 0);
        }
        return digit;
    }

    /** {minX, minY, maxX, maxY} of the set pixels, or null when there are none. */
    private static int[] boundingBox(byte[] mask, int w, int h) {
        int minX = w;
        int minY = h;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (mask[y * w + x] != 0) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return maxX < 0 ? null : new int[]{minX, minY, maxX, maxY};
    }

    private static float[] clamp(float[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.max(0f, Math.min(1f, values[i]));
        }
        return values;
    }

    private static GrayPlane maskPlane(byte[] mask, int w, int h) {
        float[] values = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            values[i] = mask[i];
        }
        return new GrayPlane(values, w, h);
    }

    /** Collects stage pictures only when asked to, so that plain classification pays nothing for them. */
    private static final class Stages {
        final Map<String, BufferedImage> map = new LinkedHashMap<>();
        final boolean keep;

        Stages(boolean keep) {
            this.keep = keep;
        }

        void put(String name, BufferedImage picture) {
            if (keep) {
                map.put(name, picture);
            }
        }

        void put(String name, GrayPlane plane) {
            if (keep) {
                map.put(name, plane.toImage());
            }
        }
    }

    /** Options of {@link MnistPreprocessor}. */
    public static final class Builder {
        private int workingSize = 256;
        private boolean deskew;
        private boolean removeRuledLines = true;
        private boolean normaliseStrokes = true;
        private boolean keepStages = true;
        private float minContrast = 0.12f;

        private Builder() {
        }

        /** Longer side the picture is shrunk to before cleaning (default 400). */
        public Builder workingSize(int pixels) {
            if (pixels < 28) {
                throw new IllegalArgumentException("workingSize must be at least 28, got " + pixels);
            }
            workingSize = pixels;
            return this;
        }

        /** Straighten slanted digits by their second moments (default off). */
        public Builder deskew(boolean value) {
            deskew = value;
            return this;
        }

        /** Remove the lines of ruled or squared paper (default on). */
        public Builder removeRuledLines(boolean value) {
            removeRuledLines = value;
            return this;
        }

        /** Thicken hairline strokes and thin very heavy ones towards MNIST's width (default on). */
        public Builder normaliseStrokes(boolean value) {
            normaliseStrokes = value;
            return this;
        }

        /** Keep a picture of every stage in {@link Preprocessed#stages()} (default on). */
        public Builder keepStages(boolean value) {
            keepStages = value;
            return this;
        }

        /** Least ink contrast (0..1) after background removal for a picture not to count as blank (default 0.12). */
        public Builder minContrast(float value) {
            minContrast = value;
            return this;
        }

        public MnistPreprocessor build() {
            return new MnistPreprocessor(this);
        }
    }
}
