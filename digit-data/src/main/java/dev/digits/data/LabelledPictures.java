package dev.digits.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A folder of labelled pictures described by a CSV manifest with a header row and at least the columns
 * {@code file} (relative to the manifest's folder, and inside it: entries that lead outside, by {@code ..}, an
 * absolute path or a symbolic link, are refused) and {@code label} (text, so "0123" keeps its zero).
 * Other columns are ignored.
 */
public final class LabelledPictures {
    /** Manifests longer than this are refused unread (a million rows take about 40 MB). */
    static final int MAX_MANIFEST_BYTES = 64 << 20;

    private LabelledPictures() {
    }

    /** One row of a manifest. */
    public record Entry(Path file, String label) {
    }

    /**
     * One row of a manifest of pictures that are not digits, such as real handwritten letters.
     *
     * @param label     what the picture shows, e.g. {@code A}, {@code +}
     * @param ambiguous whether the picture looks like a digit (the manifest's {@code ambiguous} column is 1, yes
     *                  or true), so that refusing it is not required
     */
    public record LetterEntry(Path file, String label, boolean ambiguous) {
    }

    /**
     * Reads a manifest.
     *
     * @throws BadDataException when it is missing, lacks a column, or has a malformed row
     */
    public static List<Entry> read(Path manifest) {
        List<Entry> entries = new ArrayList<>();
        rows(manifest, "label", (file, row, line) -> {
            String label = row.get(0).trim();
            if (!label.matches("[0-9]+")) {
                throw new BadDataException("Manifest " + manifest + " line " + line + ": label '" + label
                        + "' is not made of digits");
            }
            entries.add(new Entry(file, label));
        });
        return entries;
    }

    /**
     * Reads a manifest of pictures that are not digits: columns {@code file}, {@code label} (anything but empty)
     * and {@code ambiguous}.
     *
     * @throws BadDataException when it is missing, lacks a column, or has a malformed row
     */
    public static List<LetterEntry> readLetters(Path manifest) {
        List<LetterEntry> entries = new ArrayList<>();
        rows(manifest, "label,ambiguous", (file, row, line) -> {
            String label = row.get(0).trim();
            String ambiguous = row.get(1).trim().toLowerCase(Locale.ROOT);
            if (label.isEmpty() || !List.of("0", "1", "yes", "no", "true", "false", "").contains(ambiguous)) {
                throw new BadDataException("Manifest " + manifest + " line " + line + ": give a label and, in the"
                        + " column ambiguous, 1 or 0 (got '" + label + "', '" + ambiguous + "')");
            }
            entries.add(new LetterEntry(file, label, List.of("1", "yes", "true").contains(ambiguous)));
        });
        return entries;
    }

    private interface RowReader {
        void read(Path file, List<String> columns, int line);
    }

    /** Each row's picture and its values of {@code columns} (comma-separated names), in that order. */
    private static void rows(Path manifest, String columns, RowReader reader) {
        List<String> lines = lines(manifest);
        if (lines.isEmpty()) {
            throw new BadDataException("Manifest " + manifest + " is empty; it needs a header with the columns file and "
                    + columns.replace(",", " and "));
        }
        List<String> header = Csv.parseLine(stripBom(lines.get(0)));
        int fileColumn = indexOf(header, "file", manifest);
        List<Integer> wanted = new ArrayList<>();
        for (String column : columns.split(",")) {
            wanted.add(indexOf(header, column, manifest));
        }
        int widest = Math.max(fileColumn, wanted.stream().mapToInt(Integer::intValue).max().orElse(0));
        Path folder = manifest.toAbsolutePath().normalize().getParent();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> row = Csv.parseLine(lines.get(i));
            if (row.size() <= widest) {
                throw new BadDataException("Manifest " + manifest + " line " + (i + 1) + " has " + row.size()
                        + " columns; the header has " + header.size());
            }
            reader.read(inside(folder, row.get(fileColumn).trim(), manifest, i + 1),
                    wanted.stream().map(row::get).toList(), i + 1);
        }
    }

    /** The manifest's lines, read with a bound: a device or a huge file must not fill memory. */
    private static List<String> lines(Path manifest) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(manifest)) {
            bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BadDataException("No manifest " + manifest + ": a labelled folder lists its pictures in a CSV file"
                    + " with the columns file and label, one picture a line (for example: file,label / 7_mine.png,7);"
                    + " write one there, or name it with --manifest", e);
        } catch (IOException e) {
            String reason = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : String.valueOf(e.getMessage());
            throw new BadDataException("Cannot read manifest " + manifest + ": " + reason, e);
        }
        if (bytes.length > MAX_MANIFEST_BYTES) {
            throw new BadDataException("Manifest " + manifest + " is over " + (MAX_MANIFEST_BYTES >> 20) + " MiB, which no"
                    + " list of pictures needs; give a CSV file with the columns file and label");
        }
        return new String(bytes, StandardCharsets.UTF_8).lines().toList();
    }

    /**
     * The picture a row names, which must lie inside the manifest's folder, also after following symbolic
     * links: a manifest from elsewhere must not make Digits read, or tell the existence of, other files. The
     * message is the same whether such a file exists or not.
     */
    private static Path inside(Path folder, String name, Path manifest, int line) {
        String refusal = "Manifest " + manifest + " line " + line + ": '" + name + "' is not a file inside the manifest's"
                + " folder " + folder + "; list pictures by paths relative to that folder, without '..'";
        Path file;
        try {
            Path relative = Path.of(name);
            file = folder.resolve(relative).normalize();
            if (name.isEmpty() || relative.isAbsolute() || !file.startsWith(folder) || file.equals(folder)) {
                throw new BadDataException(refusal);
            }
        } catch (InvalidPathException e) {
            throw new BadDataException(refusal);
        }
        if (Files.exists(file)) {
            try {
                if (!file.toRealPath().startsWith(folder.toRealPath())) {
                    throw new BadDataException(refusal);
                }
            } catch (IOException e) {
                throw new BadDataException(refusal);
            }
        }
        return file;
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
