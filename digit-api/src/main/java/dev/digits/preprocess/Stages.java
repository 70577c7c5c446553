package dev.digits.preprocess;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;

/** Collects stage pictures only when asked to, so that plain classification pays nothing for them. */
final class Stages {
    private final Map<String, BufferedImage> map = new LinkedHashMap<>();
    private final boolean keep;

    Stages(boolean keep) {
        this.keep = keep;
    }

    /** Continues the stages of an earlier step; they are only kept when {@code keep} is set. */
    Stages(boolean keep, Map<String, BufferedImage> earlier) {
        this(keep);
        if (keep) {
            map.putAll(earlier);
        }
    }

    boolean keep() {
        return keep;
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

    Map<String, BufferedImage> map() {
        return map;
    }
}
