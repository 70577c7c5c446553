package dev.digits.preprocess;

/** Resizing of gray planes. */
final class Resize {
    private Resize() {
    }

    /**
     * Area-averaging resize: each target pixel is the mean of the source area it covers (with fractional
     * weights at the edges), which keeps thin strokes visible when shrinking. Enlarging uses the same rule,
     * which then amounts to nearest-neighbour with blended seams.
     */
    public static float[] areaAverage(float[] source, int width, int height, int targetWidth, int targetHeight) {
        float[] target = new float[targetWidth * targetHeight];
        double scaleX = (double) width / targetWidth;
        double scaleY = (double) height / targetHeight;
        for (int ty = 0; ty < targetHeight; ty++) {
            double y0 = ty * scaleY;
            double y1 = y0 + scaleY;
            for (int tx = 0; tx < targetWidth; tx++) {
                double x0 = tx * scaleX;
                double x1 = x0 + scaleX;
                double sum = 0;
                double area = 0;
                for (int sy = (int) y0; sy < Math.min(height, Math.ceil(y1)); sy++) {
                    double wy = Math.min(y1, sy + 1) - Math.max(y0, sy);
                    if (wy <= 0) {
                        continue;
                    }
                    for (int sx = (int) x0; sx < Math.min(width, Math.ceil(x1)); sx++) {
                        double wx = Math.min(x1, sx + 1) - Math.max(x0, sx);
                        if (wx <= 0) {
                            continue;
                        }
                        sum += wx * wy * source[sy * width + sx];
                        area += wx * wy;
                    }
                }
                target[ty * targetWidth + tx] = area > 0 ? (float) (sum / area) : 0f;
            }
        }
        return target;
    }

    /** Bilinear resize, pixel centres aligned; used for enlarging, where area averaging would block. */
    public static float[] bilinear(float[] source, int width, int height, int targetWidth, int targetHeight) {
        float[] target = new float[targetWidth * targetHeight];
        double scaleX = (double) width / targetWidth;
        double scaleY = (double) height / targetHeight;
        for (int ty = 0; ty < targetHeight; ty++) {
            double sy = Math.max(0, Math.min(height - 1, (ty + 0.5) * scaleY - 0.5));
            int y0 = (int) sy;
            int y1 = Math.min(height - 1, y0 + 1);
            double fy = sy - y0;
            for (int tx = 0; tx < targetWidth; tx++) {
                double sx = Math.max(0, Math.min(width - 1, (tx + 0.5) * scaleX - 0.5));
                int x0 = (int) sx;
                int x1 = Math.min(width - 1, x0 + 1);
                double fx = sx - x0;
                target[ty * targetWidth + tx] = (float) ((1 - fy) * ((1 - fx) * source[y0 * width + x0] + fx * source[y0 * width + x1])
                        + fy * ((1 - fx) * source[y1 * width + x0] + fx * source[y1 * width + x1]));
            }
        }
        return target;
    }
}
