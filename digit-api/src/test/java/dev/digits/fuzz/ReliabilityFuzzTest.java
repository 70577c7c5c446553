package dev.digits.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.digits.ConstantClassifier;
import dev.digits.DigitsException;
import dev.digits.ModelCard;
import dev.digits.NumberReader;
import dev.digits.Task;
import dev.digits.io.AtomicFiles;
import dev.digits.read.NumberReaders;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Issue 23, item 9: fuzzing of the number reader (pictures of random pieces, of any shape, through the whole
 * segmenting reader) and of output paths (links, link chains, loops, folders and FIFOs made from the input, then
 * written through). Only a {@link DigitsException} may leave the reader; a write either lands where the path leads
 * or fails with an {@link IOException}, and never turns a link, folder or FIFO into a file. Seeds run in the normal
 * suite (resources {@code ReliabilityFuzzTestInputs/METHOD/}); fuzz one with {@code JAZZER_FUZZ=1}.
 */
class ReliabilityFuzzTest {
    private static final NumberReader READER = NumberReaders.segmenting(new ConstantClassifier(
            ModelCard.builder().task(Task.CLASSIFY).build(), "stand-in", 3));

    @FuzzTest(maxDuration = "60s")
    void numberReaderPieces(FuzzedDataProvider data) {
        int width = data.consumeInt(1, 3000);
        int height = data.consumeInt(1, Math.max(1, Math.min(3000, 2_000_000 / width)));
        int type = data.pickValue(new int[]{BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_BYTE_GRAY,
                BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_3BYTE_BGR});
        BufferedImage picture = new BufferedImage(width, height, type);
        Graphics2D g = picture.createGraphics();
        g.setColor(new Color(data.consumeInt(0, 0xffffff)));
        g.fillRect(0, 0, width, height);
        int pieces = data.consumeInt(0, 60);
        for (int i = 0; i < pieces && data.remainingBytes() > 0; i++) {
            g.setColor(new Color(data.consumeInt(), data.consumeBoolean()));
            g.setStroke(new BasicStroke(data.consumeInt(1, 40)));
            int x = data.consumeInt(-50, width + 50);
            int y = data.consumeInt(-50, height + 50);
            switch (data.consumeInt(0, 2)) {
                case 0 -> g.drawLine(x, y, data.consumeInt(-50, width + 50), data.consumeInt(-50, height + 50));
                case 1 -> g.fillRect(x, y, data.consumeInt(0, width), data.consumeInt(0, height));
                default -> g.drawOval(x, y, data.consumeInt(0, width), data.consumeInt(0, height));
            }
        }
        g.dispose();
        try {
            READER.read(picture);
        } catch (DigitsException expected) {
            // A clear refusal (no digit found, ...) is an answer.
        }
    }

    private static int mode(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000;
    }

    @FuzzTest(maxDuration = "60s")
    void outputPaths(FuzzedDataProvider data) throws Exception {
        Path folder = Files.createTempDirectory("digits-paths");
        try {
            String[] names = {"a", "b", "c", "d", "sub/e", "sub"};
            // Up to six entries, each a file, folder, link (to another name, absolute or relative, or to nothing)
            // or FIFO, made in an order the input chooses.
            for (int i = 0; i < 6 && data.remainingBytes() > 0; i++) {
                Path at = folder.resolve(data.pickValue(names));
                if (Files.exists(at, LinkOption.NOFOLLOW_LINKS) || !Files.isDirectory(at.getParent())) {
                    continue;
                }
                switch (data.consumeInt(0, 3)) {
                    case 0 -> Files.writeString(at, "old");
                    case 1 -> Files.createDirectory(at);
                    case 2 -> Files.createSymbolicLink(at, data.consumeBoolean() ? folder.resolve(data.pickValue(names))
                            : Paths.get(data.pickValue(new String[]{"a", "../a", "sub/e", "nowhere/x", "b", "."})));
                    default -> new ProcessBuilder("mkfifo", at.toString()).start().waitFor();
                }
            }
            Path target = folder.resolve(data.pickValue(names));
            boolean wasLink = Files.isSymbolicLink(target);
            boolean wasFolder = !wasLink && Files.isDirectory(target);
            Integer fifo = null;
            if (Files.exists(target) && !wasFolder && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                fifo = mode(target.toRealPath()) == 0010000 ? 1 : null;
            }
            if (fifo != null) {
                return; // Writing into a FIFO waits for a reader; AtomicFilesTest covers it.
            }
            byte[] content = data.consumeRemainingAsBytes();
            try {
                AtomicFiles.write(target, content);
                if (Files.isRegularFile(target) && !java.util.Arrays.equals(content, Files.readAllBytes(target))) {
                    throw new AssertionError("the path leads to other bytes than were written: " + target);
                }
            } catch (IOException refused) {
                // A folder, a loop of links, a link into a missing folder: refused with a message.
            }
            if (wasLink && !Files.isSymbolicLink(target)) {
                throw new AssertionError("a link became a file: " + target);
            }
            if (wasFolder && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new AssertionError("a folder was replaced: " + target);
            }
        } finally {
            deleteAll(folder);
        }
    }

    private static void deleteAll(Path folder) throws IOException {
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (UncheckedIOException | IOException e) {
            // Best effort in a temporary folder.
        }
    }
}
