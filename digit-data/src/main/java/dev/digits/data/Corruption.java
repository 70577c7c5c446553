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
    SPECKS;

    /** The name used in reports, e.g. {@code shaded-paper}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
