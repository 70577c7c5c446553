package dev.digits.data;

import java.util.Locale;

/**
 * The ways {@link NumberRobustnessSet} makes a photo of a number on paper hard to read, one at a time, or
 * {@link #MIXED} for two or three at once.
 */
public enum NumberCondition {
    /** A hard-edged shadow (35–60% darker) over part of the line: its lower part or a slanting edge through it. */
    SHADOW,
    /** Light falling off by 40–70% from one side of the frame to the other. */
    GRADIENT,
    /** Corners much darker than the middle, as from a phone lens. */
    VIGNETTE,
    /** Grey pencil-like ink of 15–35% contrast, thinner where the digits are large enough. */
    FAINT_INK,
    /** Blue ballpoint on light squared paper, the grid half to one digit high. */
    BALLPOINT_SQUARED,
    /** Thin light blue or grey ruled lines running through the digits. */
    RULED_LINES,
    /** A dark desk along one side of the frame and a red or pink margin rule beside the number. */
    PAGE_EDGE_MARGIN,
    /** A dark blob, sleeve or table edge elsewhere in the frame, away from the line. */
    CLUTTER,
    /** Writing slanted by 5–15° either way. */
    SLANT,
    /** JPEG at quality 10–25. */
    JPEG,
    /** The line turned by 3–8° either way. */
    ROTATION,
    /** Two or three of the others at once. */
    MIXED;

    /** The name used on the command line and in reports, e.g. {@code faint-ink}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The condition of a label ({@code faint-ink}; case and {@code _} for {@code -} do not matter).
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static NumberCondition of(String label) {
        String wanted = label.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (NumberCondition condition : values()) {
            if (condition.label().equals(wanted)) {
                return condition;
            }
        }
        StringBuilder known = new StringBuilder();
        for (NumberCondition condition : values()) {
            known.append(known.isEmpty() ? "" : ", ").append(condition.label());
        }
        throw new IllegalArgumentException("Unknown condition '" + label + "'; known: " + known);
    }
}
