package dev.digits.preprocess;

import java.util.ArrayList;
import java.util.List;

/** 8-connected components of a 0/1 mask. */
final class Components {
    private Components() {
    }

    /** One component: its label in {@link Labelling#labels}, area, bounding box and whether it touches the border. */
    record Component(int label, int area, int minX, int minY, int maxX, int maxY, boolean touchesBorder) {
        int width() {
            return maxX - minX + 1;
        }

        int height() {
            return maxY - minY + 1;
        }
    }

    /** Labels per pixel (0 = background) and the components. */
    record Labelling(int[] labels, List<Component> components) {
    }

    static Labelling label(byte[] mask, int width, int height) {
        int[] labels = new int[mask.length];
        List<Component> components = new ArrayList<>();
        int[] stack = new int[mask.length];
        int next = 1;
        for (int start = 0; start < mask.length; start++) {
            if (mask[start] == 0 || labels[start] != 0) {
                continue;
            }
            int label = next++;
            int top = 0;
            stack[top++] = start;
            labels[start] = label;
            int area = 0;
            int minX = width;
            int minY = height;
            int maxX = -1;
            int maxY = -1;
            while (top > 0) {
                int p = stack[--top];
                int x = p % width;
                int y = p / width;
                area++;
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
                for (int dy = -1; dy <= 1; dy++) {
                    int ny = y + dy;
                    if (ny < 0 || ny >= height) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        if (nx < 0 || nx >= width) {
                            continue;
                        }
                        int q = ny * width + nx;
                        if (mask[q] != 0 && labels[q] == 0) {
                            labels[q] = label;
                            stack[top++] = q;
                        }
                    }
                }
            }
            boolean border = minX == 0 || minY == 0 || maxX == width - 1 || maxY == height - 1;
            components.add(new Component(label, area, minX, minY, maxX, maxY, border));
        }
        return new Labelling(labels, components);
    }
}
