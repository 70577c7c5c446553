package dev.digits.data;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The handwriting fonts Debian packages, split by family into fonts that teach "not a digit" and fonts kept for
 * measuring it: a held-out family is never seen in training, so what it measures is how well the classifier
 * knows letters in a hand it has not met. The split is fixed here, by package, before any measurement.
 *
 * <p>The fonts are needed only to make training and evaluation material, never by the library at run time.
 * They are looked for under {@code /usr/share/fonts}, or under the folder named by the system property or
 * environment variable {@code DIGITS_FONTS}.
 */
public final class HandwritingFonts {
    /** Which side of the split a font is on. */
    public enum Split {
        /** Fonts whose letters teach "not a digit". */
        TRAINING,
        /** Fonts kept for measuring; never used in training. */
        HELD_OUT
    }

    /**
     * One font file.
     *
     * @param family the Debian package it comes from, which is the unit of the split
     * @param file   its file
     * @param split  its side of the split
     */
    public record HandwritingFont(String family, Path file, Split split) {
        /** The file's name without its extension, e.g. {@code Humor-Sans}: how reports name the font. */
        public String name() {
            String fileName = file.getFileName().toString();
            int dot = fileName.lastIndexOf('.');
            return dot > 0 ? fileName.substring(0, dot) : fileName;
        }

        /** The font at one point size, read from its file. */
        public Font load() {
            try {
                return Font.createFont(Font.TRUETYPE_FONT, file.toFile());
            } catch (FontFormatException | IOException e) {
                throw new DataUnavailableException("Cannot read the font " + file + " (" + e.getMessage()
                        + "); reinstall its package, " + family, e);
            }
        }
    }

    /** The Debian packages whose fonts are kept for measuring. */
    public static final List<String> HELD_OUT_FAMILIES = List.of("fonts-femkeklaver", "fonts-humor-sans", "fonts-klee",
            "fonts-sjfonts", "fonts-kaushanscript");

    /** The Debian packages whose fonts teach "not a digit". */
    public static final List<String> TRAINING_FAMILIES = List.of("fonts-dkg-handwriting", "fonts-breip", "fonts-bwht",
            "fonts-dancingscript", "fonts-ecolier-court", "fonts-comic-neue", "fonts-rufscript", "fonts-seto",
            "fonts-yusei-magic", "fonts-leckerli-one", "fonts-kristi", "fonts-havana", "fonts-kiloji");

    /** Each package's folder under the fonts folder. */
    private static final List<String[]> FOLDERS = List.of(
            new String[]{"fonts-dkg-handwriting", "truetype/fifthhorseman"},
            new String[]{"fonts-breip", "truetype/breip"},
            new String[]{"fonts-bwht", "opentype/bwht"},
            new String[]{"fonts-dancingscript", "opentype/dancingscript"},
            new String[]{"fonts-ecolier-court", "truetype/ecolier-court"},
            new String[]{"fonts-comic-neue", "opentype/comic-neue"},
            new String[]{"fonts-rufscript", "truetype/rufscript"},
            new String[]{"fonts-seto", "truetype/seto"},
            new String[]{"fonts-yusei-magic", "truetype/yusei-magic"},
            new String[]{"fonts-leckerli-one", "truetype/leckerli-one"},
            new String[]{"fonts-kristi", "truetype/kristi"},
            new String[]{"fonts-havana", "opentype/havana"},
            new String[]{"fonts-kiloji", "truetype/kiloji"},
            new String[]{"fonts-femkeklaver", "truetype/femkeklaver"},
            new String[]{"fonts-humor-sans", "truetype/humor-sans"},
            new String[]{"fonts-klee", "truetype/klee"},
            new String[]{"fonts-sjfonts", "truetype/sjfonts"},
            new String[]{"fonts-kaushanscript", "opentype/kaushanscript"});

    private HandwritingFonts() {
    }

    /** The folder fonts are looked for in: {@code DIGITS_FONTS} when set, else {@code /usr/share/fonts}. */
    public static Path folder() {
        String configured = System.getProperty("DIGITS_FONTS", System.getenv("DIGITS_FONTS"));
        return Path.of(configured == null || configured.isBlank() ? "/usr/share/fonts" : configured);
    }

    /**
     * The installed fonts of one side of the split, ordered by family and file so that the same fonts give the
     * same material.
     *
     * @throws DataUnavailableException when no font of that side is installed; the message names the packages
     */
    public static List<HandwritingFont> installed(Split split) {
        return installed(folder(), split);
    }

    /** As {@link #installed(Split)}, looking in {@code fontsFolder}. */
    public static List<HandwritingFont> installed(Path fontsFolder, Split split) {
        List<String> families = split == Split.TRAINING ? TRAINING_FAMILIES : HELD_OUT_FAMILIES;
        List<HandwritingFont> fonts = new ArrayList<>();
        for (String[] folder : FOLDERS) {
            if (!families.contains(folder[0])) {
                continue;
            }
            Path directory = fontsFolder.resolve(folder[1]);
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (var files = Files.list(directory)) {
                files.filter(HandwritingFonts::isFontFile).sorted(Comparator.comparing(Path::toString))
                        .forEach(file -> fonts.add(new HandwritingFont(folder[0], file, split)));
            } catch (IOException e) {
                throw new DataUnavailableException("Cannot list the fonts in " + directory + ": " + e.getMessage(), e);
            }
        }
        if (fonts.isEmpty()) {
            throw new DataUnavailableException("No " + split.name().toLowerCase(Locale.ROOT).replace('_', '-')
                    + " handwriting font under " + fontsFolder + "; install them with: apt-get install "
                    + String.join(" ", families) + " (or set DIGITS_FONTS to a folder laid out as /usr/share/fonts)");
        }
        return List.copyOf(fonts);
    }

    private static boolean isFontFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".ttf") || name.endsWith(".otf");
    }
}
