package dev.digits.data;

/** The ways {@link RobustnessSet} makes an MNIST digit look like a real picture. */
public enum Corruption {
    /** Dark ink on white paper, on a large canvas at a random place and size. */
    PLAIN,
    /** Light ink on a dark background. */
    LIGHT_ON_DARK,
    /** Coloured ink on tinted paper. */
    COLOURED_PAPER,
    /** A shadow or uneven lighting across the paper. */
    SHADED_PAPER,
    /** Gaussian blur, as from a shaken or out-of-focus camera. */
    BLUR,
    /** Gaussian sensor noise. */
    NOISE,
    /** Heavy JPEG compression. */
    JPEG,
    /** A thin pen or a 1-pixel mouse stroke. */
    THIN_STROKES,
    /** A thick marker. */
    THICK_STROKES,
    /** Rotated by up to 15 degrees either way. */
    ROTATION,
    /** Ruled notebook paper. */
    RULED_PAPER,
    /** Specks of dirt and dust. */
    SPECKS,
    /**
     * A small digit (5 to 15% of the canvas's height) drawn with a thin pen (1 to 4 pixels), antialiased or not,
     * anywhere on a large canvas, on white or on a photo of paper: a drawing app's or a web form's picture.
     */
    SMALL_THIN_DIGIT;

    /** The name used in reports, e.g. {@code shaded-paper}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
