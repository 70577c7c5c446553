package dev.digits.data;

import dev.digits.Box;
import java.util.Random;
import java.util.Set;

/**
 * Every random choice of one page of {@link NumberRobustnessSet}, drawn in a fixed order whatever conditions apply:
 * the same page with and without a condition then differs by that condition alone. The ranges are those of
 * {@link NumberCondition}'s descriptions.
 */
final class NumberLook {
    final double scale;
    final double slant;
    final double rotation;
    final double inkSoftness;
    final float[] paper;
    final float[] pen;
    final float faint;
    final float[] ballpoint;
    final float[] squaredPaper;
    final double gridStep;
    final double[] gridOffset;
    final float[] gridColour;
    final double ruledStep;
    final double ruledOffset;
    final float[] ruledColour;
    final int deskSide;
    final double deskShare;
    final double deskTilt;
    final float[] deskColour;
    final double grainPhase;
    final double marginGap;
    final boolean marginLeft;
    final float[] marginColour;
    final int clutterKind;
    final double clutterPick;
    final double[] clutterShape;
    final float[] clutterColour;
    final double[] shadowAt;
    final double shadowAngle;
    final boolean shadowBelow;
    final double shadowDarkness;
    final double shadowSoftness;
    final int gradientDirection;
    final double gradientStrength;
    final double gradientGamma;
    final double vignetteStrength;
    final double vignettePower;
    final double baseLightAngle;
    final double baseLight;
    final double noise;
    final long noiseSeed;
    final float jpegQuality;
    final double widthFactor;
    final double heightFactor;
    final double aspect;
    final double[] place;

    NumberLook(Random r) {
        scale = 1 + 0.8 * r.nextDouble();
        slant = sign(r) * (5 + 10 * r.nextDouble());
        rotation = sign(r) * (3 + 5 * r.nextDouble());
        inkSoftness = 0.35 + 0.45 * r.nextDouble();
        int paperKind = r.nextInt(3);
        float tone = r.nextFloat();
        paper = switch (paperKind) {
            case 0 -> new float[]{0.93f + 0.06f * tone, 0.93f + 0.06f * tone, 0.92f + 0.07f * tone};
            case 1 -> new float[]{0.7f + 0.12f * tone, 0.7f + 0.12f * tone, 0.72f + 0.12f * tone};
            default -> new float[]{0.95f, 0.9f + 0.05f * tone, 0.72f + 0.1f * tone};
        };
        float dark = 0.06f + 0.14f * r.nextFloat();
        pen = new float[]{dark, dark, dark + 0.04f * r.nextFloat()};
        faint = 0.15f + 0.2f * r.nextFloat();
        ballpoint = new float[]{0.1f + 0.1f * r.nextFloat(), 0.16f + 0.1f * r.nextFloat(), 0.5f + 0.15f * r.nextFloat()};
        float cream = r.nextFloat();
        squaredPaper = new float[]{0.96f + 0.03f * cream, 0.96f + 0.02f * cream, 0.95f - 0.04f * cream};
        gridStep = 0.5 + 0.5 * r.nextDouble();
        gridOffset = new double[]{r.nextDouble(), r.nextDouble()};
        float grid = r.nextFloat();
        gridColour = new float[]{0.68f + 0.1f * grid, 0.78f + 0.08f * grid, 0.92f};
        ruledStep = 0.55 + 0.3 * r.nextDouble();
        ruledOffset = r.nextDouble();
        ruledColour = r.nextBoolean() ? new float[]{0.62f, 0.74f, 0.93f} : new float[]{0.7f, 0.71f, 0.74f};
        deskSide = r.nextInt(4);
        deskShare = 0.4 + 0.35 * r.nextDouble();
        deskTilt = r.nextDouble() * 2 - 1;
        float wood = r.nextFloat();
        deskColour = r.nextBoolean() ? new float[]{0.2f + 0.15f * wood, 0.13f + 0.1f * wood, 0.08f + 0.06f * wood}
                : new float[]{0.1f + 0.15f * wood, 0.1f + 0.15f * wood, 0.11f + 0.15f * wood};
        grainPhase = r.nextDouble() * 2 * Math.PI;
        marginGap = 0.3 + 0.6 * r.nextDouble();
        marginLeft = r.nextDouble() < 0.75;
        marginColour = r.nextBoolean() ? new float[]{0.9f, 0.35f, 0.38f} : new float[]{0.95f, 0.5f, 0.6f};
        clutterKind = r.nextInt(3);
        clutterPick = r.nextDouble();
        clutterShape = new double[]{r.nextDouble(), r.nextDouble(), r.nextDouble(), r.nextDouble()};
        float clutter = r.nextFloat();
        clutterColour = switch (r.nextInt(3)) {
            case 0 -> new float[]{0.08f + 0.1f * clutter, 0.08f + 0.1f * clutter, 0.1f + 0.1f * clutter};
            case 1 -> new float[]{0.1f, 0.13f + 0.08f * clutter, 0.3f + 0.1f * clutter};
            default -> new float[]{0.3f + 0.1f * clutter, 0.18f, 0.12f};
        };
        shadowAt = new double[]{r.nextDouble(), r.nextDouble()};
        shadowAngle = r.nextBoolean() ? sign(r) * 12 * r.nextDouble() : sign(r) * (30 + 35 * r.nextDouble());
        shadowBelow = r.nextBoolean();
        shadowDarkness = 0.35 + 0.25 * r.nextDouble();
        shadowSoftness = 1 + 2 * r.nextDouble();
        gradientDirection = r.nextInt(4);
        gradientStrength = 0.4 + 0.3 * r.nextDouble();
        gradientGamma = 0.8 + 0.6 * r.nextDouble();
        vignetteStrength = 0.55 + 0.25 * r.nextDouble();
        vignettePower = 1 + 0.8 * r.nextDouble();
        baseLightAngle = r.nextDouble() * 2 * Math.PI;
        baseLight = 0.06 * r.nextDouble();
        noise = 0.008 + 0.012 * r.nextDouble();
        noiseSeed = r.nextLong();
        jpegQuality = 0.10f + 0.15f * r.nextFloat();
        widthFactor = 2 + 2 * r.nextDouble();
        heightFactor = 2 + 2 * r.nextDouble();
        aspect = 0.35 + 0.4 * r.nextDouble();
        place = new double[]{0.2 + 0.6 * r.nextDouble(), 0.25 + 0.5 * r.nextDouble()};
    }

    private static int sign(Random r) {
        return r.nextBoolean() ? 1 : -1;
    }

    /**
     * The light on a page of {@code width × height} with the number in {@code box}: a gentle unevenness always (no
     * photo is evenly lit), and the shadow, gradient and vignette when they apply.
     */
    NumberPage.Light light(Set<NumberCondition> on, Box box, int width, int height) {
        double baseX = Math.cos(baseLightAngle) / width;
        double baseY = Math.sin(baseLightAngle) / height;
        boolean shadow = on.contains(NumberCondition.SHADOW);
        boolean gradient = on.contains(NumberCondition.GRADIENT);
        boolean vignette = on.contains(NumberCondition.VIGNETTE);
        // The shadow's edge runs through a point inside the number, so it always covers part of the line.
        double px = box.x() + box.width() * (0.3 + 0.4 * shadowAt[0]);
        double py = box.y() + box.height() * (0.35 + 0.3 * shadowAt[1]);
        double nx = -Math.sin(Math.toRadians(shadowAngle)) * (shadowBelow ? 1 : -1);
        double ny = Math.cos(Math.toRadians(shadowAngle)) * (shadowBelow ? 1 : -1);
        return (x, y, factor) -> {
            double f = 1 - baseLight * (0.5 + (x - width / 2.0) * baseX + (y - height / 2.0) * baseY);
            if (gradient) {
                double t = switch (gradientDirection) {
                    case 0 -> y / height;
                    case 1 -> 1 - y / height;
                    case 2 -> x / width;
                    default -> 1 - x / width;
                };
                f *= 1 - gradientStrength * Math.pow(t, gradientGamma);
            }
            if (vignette) {
                double dx = (x - width / 2.0) / (width / 2.0);
                double dy = (y - height / 2.0) / (height / 2.0);
                f *= 1 - vignetteStrength * Math.pow((dx * dx + dy * dy) / 2, vignettePower);
            }
            float blueShift = 0;
            if (shadow) {
                double d = ((x - px) * nx + (y - py) * ny) / shadowSoftness;
                double a = d <= -1 ? 0 : d >= 1 ? 1 : (d + 1) / 2;
                f *= 1 - shadowDarkness * a;
                // Shadows are lit by the sky or the room, a little bluer than direct light.
                blueShift = (float) (0.04 * a);
            }
            factor[0] = (float) f * (1 - blueShift);
            factor[1] = (float) f;
            factor[2] = (float) f * (1 + blueShift);
        };
    }
}
