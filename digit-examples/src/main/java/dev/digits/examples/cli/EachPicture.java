package dev.digits.examples.cli;

import dev.digits.DigitsException;
import dev.digits.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop of the commands that answer picture by picture ({@code predict}, {@code read}): a picture that
 * fails is reported (one line on standard error, and with {@code --json} a line with {@code error}) and the
 * others are still answered; the exit status is 1 when any failed. Each answer is flushed as soon as it is made.
 */
final class EachPicture {
    private static final Logger LOG = LoggerFactory.getLogger(EachPicture.class);

    /** The work on one picture. */
    interface Work {
        void run(Path image, int index) throws IOException;
    }

    private EachPicture() {
    }

    /** File names a folder's pictures end with (any case). */
    private static final java.util.Set<String> PICTURE_ENDINGS = java.util.Set.of("png", "jpg", "jpeg", "gif", "bmp",
            "tif", "tiff", "webp", "pgm", "ppm");

    /**
     * The pictures a list of arguments stands for: a folder stands for the pictures directly in it (by their
     * file names' endings), sorted by name, not recursively; anything else for itself. A folder without pictures
     * stands for itself, so its answer explains.
     */
    static List<Path> expand(List<Path> given) {
        List<Path> images = new java.util.ArrayList<>();
        for (Path path : given) {
            if (!java.nio.file.Files.isDirectory(path)) {
                images.add(path);
                continue;
            }
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(path)) {
                List<Path> pictures = files.filter(java.nio.file.Files::isRegularFile).filter(f -> {
                    String name = f.getFileName().toString();
                    int dot = name.lastIndexOf('.');
                    return dot > 0 && PICTURE_ENDINGS.contains(name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT));
                }).sorted(java.util.Comparator.comparing(f -> f.getFileName().toString())).toList();
                images.addAll(pictures.isEmpty() ? List.of(path) : pictures);
            } catch (IOException e) {
                images.add(path); // its answer says why it cannot be read
            }
        }
        return images;
    }

    /**
     * Runs the work on each picture (a folder: each picture in it, see {@link #expand}).
     *
     * @param answerKey the JSON key of the answer, printed as null for a failed picture
     * @return the exit status: 0 when every picture was answered, else 1
     */
    static int run(List<Path> given, boolean json, String answerKey, Work work) {
        List<Path> images = expand(given);
        int failures = 0;
        for (int i = 0; i < images.size(); i++) {
            Path image = images.get(i);
            try {
                work.run(image, i);
            } catch (DigitsException | IOException e) {
                failures++;
                report(image, json, answerKey, aboutPicture(image, e), e);
            } catch (OutOfMemoryError e) {
                // Whatever this picture allocated is garbage now; the next pictures still get their answers.
                failures++;
                report(image, json, answerKey, image + ": not enough memory to read this picture (" + e.getMessage()
                        + "); give a smaller picture or run java with a larger -Xmx", e);
            } catch (RuntimeException e) {
                failures++;
                report(image, json, answerKey, image + ": unexpected error " + e
                        + " (run with --verbose for details, and please report it)", e);
            } finally {
                // Each answer leaves the process as soon as it is made, so a later input that kills the JVM
                // costs only its own answer, whatever buffering standard output was given.
                System.out.flush();
                System.err.flush();
            }
        }
        return failures == 0 ? 0 : 1;
    }

    private static void report(Path image, boolean json, String answerKey, String message, Throwable e) {
        System.err.println("digits: " + message);
        LOG.debug("Failed on {}", image, e);
        if (json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("file", image.toString());
            line.put(answerKey, null);
            line.put("error", message);
            Json.printLine(line);
        }
    }

    /** The error's message, led by the picture's name unless the message names it already. */
    static String aboutPicture(Path image, Exception e) {
        String message = e.getMessage() != null ? e.getMessage() : e.toString();
        return message.contains(image.toString()) ? message : image + ": " + message;
    }

    /** Where {@code --steps OUT.png} goes for picture {@code index}: OUT.png alone, else OUT-1.png, OUT-2.png, ... */
    static Path stepsFile(Path steps, List<Path> images, int index) {
        if (expand(images).size() == 1) {
            return steps;
        }
        String name = steps.getFileName().toString();
        int dot = name.lastIndexOf('.');
        int number = index + 1;
        String numbered = dot > 0 ? name.substring(0, dot) + "-" + number + name.substring(dot) : name + "-" + number;
        return steps.resolveSibling(numbered);
    }

    /** Writes a PNG atomically: a reader never sees half a file. */
    static void writePng(BufferedImage picture, Path file) throws IOException {
        AtomicFiles.write(file, temporary -> {
            if (!ImageIO.write(picture, "png", temporary.toFile())) {
                throw new IOException("no PNG writer");
            }
        });
    }
}
