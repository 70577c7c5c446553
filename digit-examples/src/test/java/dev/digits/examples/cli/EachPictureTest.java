package dev.digits.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.BadImageException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One input that fails in any way, even out of memory, costs only its own answer in a batch. */
class EachPictureTest {
    @Test
    void outOfMemoryOnOnePictureLeavesTheOthersAnswered() {
        List<Path> pictures = List.of(Path.of("a.png"), Path.of("huge.png"), Path.of("bad.png"), Path.of("b.png"), Path.of("bug.png"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        int status;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            status = EachPicture.run(pictures, true, "digit", (image, index) -> {
                switch (image.toString()) {
                    case "huge.png" -> throw new OutOfMemoryError("Java heap space");
                    case "bad.png" -> throw new BadImageException("bad.png is damaged");
                    case "bug.png" -> throw new IllegalStateException("a bug");
                    default -> Json.printLine(java.util.Map.of("file", image.toString(), "digit", 1));
                }
            });
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        assertEquals(1, status);
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\\R");
        assertEquals(5, lines.length, "one JSON line per picture: " + String.join("\n", lines));
        assertTrue(lines[1].contains("huge.png") && lines[1].contains("not enough memory") && lines[1].contains("\"digit\":null"),
                lines[1]);
        assertTrue(lines[3].contains("b.png") && lines[3].contains("\"digit\":1"), lines[3]);
        String errors = err.toString(StandardCharsets.UTF_8);
        assertEquals(3, errors.strip().split("\\R").length, errors);
        assertTrue(errors.contains("digits: bad.png is damaged"), errors);
    }
}
