package dev.digits.examples.cli;

import dev.digits.Box;
import dev.digits.NumberReader;
import dev.digits.NoDigitFoundException;
import dev.digits.NumberReading;
import dev.digits.read.NumberReaders;
import java.awt.image.BufferedImage;
import dev.digits.preprocess.Pictures;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code digits read}: reads the number of several digits in each picture. */
@Command(name = "read", mixinStandardHelpOptions = true,
        header = "Reads the handwritten number in each picture.",
        description = "Reads the handwritten number (one or more digits on one line) in each picture (PNG, "
                + "JPEG, GIF, BMP). The most digit-like line of the page is found, then read twice: cut into "
                + "digits, each named by the digit classifier, and whole, by a learned reader of the line (see "
                + "--strategy). The reading's verdict is number when they agree and unsure when they do not. "
                + "Dots, commas and dashes between digits are separators, not digits. A picture that fails is "
                + "reported on standard error; the others are still read, and the exit status is 1.")
final class ReadCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    ReaderOptions readerOptions;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Pictures of numbers; a folder stands for the pictures in it, sorted by name.")
    List<Path> images;

    @Option(names = "--steps", paramLabel = "OUT.png",
            description = "Write the picture with each digit's box and reading, over a strip of the steps before"
                    + " reading (background removed, threshold, the line found), to this PNG (with several pictures:"
                    + " OUT-1.png, OUT-2.png, ...).")
    Path steps;

    @Override
    public Integer call() {
        try (NumberReader reader = readerOptions.open()) {
            return EachPicture.run(images, common.json, "text", (image, i) -> {
                // Decoded as the API's Pictures.read decodes it (so both read the same), bounded in memory like
                // predict; the boxes are then given in the file's own pixels, as promised.
                Pictures.Sized sized = Pictures.readSized(image);
                Map<String, BufferedImage> stages = null;
                if (steps != null) {
                    try {
                        stages = NumberReaders.stages(sized.picture());
                    } catch (NoDigitFoundException e) {
                        // The stages up to the failure, with the reason on the picture: what the user needs to see why.
                        EachPicture.writePng(StepsImage.render(e.stages(), e.getMessage()),
                                EachPicture.stepsFile(steps, images, i));
                        throw e;
                    }
                }
                NumberReading reading = reader.read(sized.picture());
                if (steps != null) {
                    EachPicture.writePng(ReadingImage.withStages(ReadingImage.render(sized.picture(), reading),
                            StepsImage.render(stages)), EachPicture.stepsFile(steps, images, i));
                }
                print(image, reading, sized);
            });
        }
    }

    private void print(Path image, NumberReading reading, Pictures.Sized sized) {
        if (!common.json) {
            String lines = reading.candidateLines() > 1
                    ? "; the most digit-like of " + reading.candidateLines() + " lines" : "";
            if (reading.isConfident()) {
                System.out.printf(Locale.ROOT, "%s: %s (%.1f%%)%s%n", image, reading.text(), reading.confidence() * 100,
                        lines);
            } else {
                System.out.printf(Locale.ROOT, "%s: not sure (%s? %.1f%%: %s)%s%n", image, reading.text(),
                        reading.confidence() * 100, reading.doubt(), lines);
            }
            return;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", image.toString());
        json.put("text", reading.text());
        json.put("confidence", reading.confidence());
        json.put("verdict", reading.verdict().key());
        json.put("doubt", reading.doubt());
        json.put("candidateLines", reading.candidateLines());
        json.put("digits", reading.digits().stream().map(digit -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("digit", digit.prediction().digit());
            row.put("confidence", digit.prediction().confidence());
            row.put("verdict", digit.prediction().verdict().key());
            row.put("notDigit", digit.prediction().notDigitProbability());
            row.put("box", sized.toFile(digit.box()).toArray());
            return row;
        }).toList());
        json.put("separators", reading.separators().stream().map(box -> sized.toFile(box).toArray()).toList());
        Json.printLine(json);
    }
}
