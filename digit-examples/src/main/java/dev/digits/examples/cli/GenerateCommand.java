package dev.digits.examples.cli;

import dev.digits.DigitGenerator;
import dev.digits.DigitImage;
import dev.digits.io.AtomicFiles;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code digits generate}: draws new handwritten digits with the conditional GAN's generator. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        header = "Draws new handwritten digits with the conditional GAN.",
        description = "Draws new handwritten digits with the conditional GAN and writes them as a grid (PNG). "
                + "With --digit, all are that digit; with --each-digit, one row per digit; otherwise random "
                + "digits. The same --seed gives the same pictures on every backend.")
final class GenerateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    GeneratorOptions generatorOptions;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--digit", paramLabel = "D", description = "The digit to draw, 0 to 9 (default: random digits).")
    Integer digit;

    @Option(names = "--each-digit", description = "One row per digit, 0 to 9, --count pictures in each.")
    boolean eachDigit;

    @Option(names = "--count", paramLabel = "N", defaultValue = "16",
            description = "How many pictures (per row with --each-digit; default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the latent vectors (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--columns", paramLabel = "C", description = "Pictures per row of the grid (default: up to 10).")
    Integer columns;

    @Option(names = "--scale", paramLabel = "N", defaultValue = "1",
            description = "Pixels per MNIST pixel: each digit's cell is N times 28 pixels wide, smoothly enlarged "
                    + "(28-pixel digits are tiny on today's screens; default: ${DEFAULT-VALUE}, 1 to 16).")
    int scale;

    @Option(names = "--out", paramLabel = "FILE.png", required = true, description = "Where to write the grid.")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (digit != null && (digit < 0 || digit > 9)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--digit must be 0 to 9, got " + digit);
        }
        if (count < 1 || count > 10_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--count must be 1 to 10000, got " + count);
        }
        if (columns != null && (columns < 1 || columns > 10_000)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--columns must be 1 to 10000, got " + columns);
        }
        if (scale < 1 || scale > 16) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scale must be 1 to 16, got " + scale);
        }
        if (digit != null && eachDigit) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--digit and --each-digit exclude each other");
        }
        List<DigitImage> pictures = new ArrayList<>();
        List<Integer> digits = new ArrayList<>();
        int perRow;
        try (DigitGenerator generator = generatorOptions.open()) {
            if (eachDigit) {
                for (int d = 0; d < 10; d++) {
                    pictures.addAll(generator.generate(d, count, seed));
                    for (int i = 0; i < count; i++) {
                        digits.add(d);
                    }
                }
                perRow = count;
            } else if (digit != null) {
                pictures.addAll(generator.generate(digit, count, seed));
                for (int i = 0; i < count; i++) {
                    digits.add(digit);
                }
                perRow = Math.min(count, 10);
            } else {
                Random random = new Random(seed);
                for (int i = 0; i < count; i++) {
                    int d = random.nextInt(10);
                    float[] latent = new float[generator.latentSize()];
                    for (int j = 0; j < latent.length; j++) {
                        latent[j] = (float) random.nextGaussian();
                    }
                    pictures.add(generator.generate(d, latent));
                    digits.add(d);
                }
                perRow = Math.min(count, 10);
            }
        }
        int gridColumns = columns != null ? columns : perRow;
        AtomicFiles.write(out, temporary -> {
            if (!ImageIO.write(enlarged(DigitImage.grid(pictures, gridColumns, 2), scale), "png", temporary.toFile())) {
                throw new IOException("no PNG writer");
            }
        });
        if (common.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("file", out.toAbsolutePath().toString());
            json.put("digit", digit);
            json.put("count", pictures.size());
            json.put("digits", digits);
            json.put("seed", seed);
            Json.printLine(json);
        } else {
            System.out.printf(Locale.ROOT, "Wrote %d generated digits to %s%n", pictures.size(), out);
        }
        return 0;
    }

    /** The grid {@code scale} times as large, bicubically: smooth strokes rather than blocks of pixels. */
    static BufferedImage enlarged(BufferedImage grid, int scale) {
        if (scale == 1) {
            return grid;
        }
        BufferedImage large = new BufferedImage(grid.getWidth() * scale, grid.getHeight() * scale, grid.getType());
        Graphics2D g = large.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(grid, 0, 0, large.getWidth(), large.getHeight(), null);
        } finally {
            g.dispose();
        }
        return large;
    }
}
