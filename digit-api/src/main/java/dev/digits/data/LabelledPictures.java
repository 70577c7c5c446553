package dev.digits.data;

import dev.digits.BadDataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A folder of labelled pictures described by a CSV manifest with a header row and at least the columns
 * {@code file} (relative to the manifest's folder) and {@code label} (text, so "0123" keeps its zero).
 * Other columns are ignored.
 */
public final class LabelledPictures {
    private LabelledPictures() {
    }

    /** One row of a manifest. */
    public record Entry(Path file, String label) {
    }

    /**
     * Reads a manifest.
     *
     * @throws BadDataException when it is missing, lacks a column, or has a malformed row
     */
    public static List<Entry> read(Path manifest) {
        List<String> lines;
        try {
            lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadDataException("Cannot read manifest " + manifest + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new BadDataException("Manifest " + manifest + " is empty; it needs a header with the columns file and label");
        }
        List<String> header = Csv.parseLine(stripBom(lines.get(0)));
        int fileColumn = indexOf(header, "file", manifest);
        int labelColumn = indexOf(header, "label", manifest);
        Path folder = manifest.toAbsolutePath().getParent();
        List<Entry> entries = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> row = Csv.parseLine(lines.get(i));
            if (row.size() <= Math.max(fileColumn, labelColumn)) {
                throw new BadDataException("Manifest " + manifest + " line " + (i + 1) + " has " + row.size()
                        + " columns; the header has " + header.size());
            }
            String label = row.get(labelColumn).trim();
            if (!label.matches("[0-9]+")) {
                throw new BadDataException("Manifest " + manifest + " line " + (i + 1) + ": label '" + label
                        + "' is not made of digits");
            }
            entries.add(new Entry(folder.resolve(row.get(fileColumn).trim()), label));
        }
        return entries;
    }

    private static int indexOf(List<String> header, String column, Path manifest) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).trim().toLowerCase(Locale.ROOT).equals(column)) {
                return i;
            }
        }
        throw new BadDataException("Manifest " + manifest + " has no column '" + column + "' in its header " + header);
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    /** RFC 4180 fields of one line: commas, double quotes, doubled quotes inside quotes. */
    static final class Csv {
        private Csv() {
        }

        static List<String> parseLine(String line) {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            fields.add(field.toString());
            return fields;
        }
    }
}
