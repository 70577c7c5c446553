package dev.digits.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.DigitImage;
import dev.digits.data.HandwritingFonts.HandwritingFont;
import dev.digits.data.HandwritingFonts.Split;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Letters in handwriting fonts: the same seed draws the same pictures, the held-out fonts share no family and no
 * file with the training fonts, and digit-like letters are never among the letters taught as "not a digit". Needs
 * the fonts' Debian packages ({@code .ci/run} installs them; the error names them).
 */
class FontLettersTest {
    @TempDir
    Path empty;

    @Test
    void theSameSeedDrawsTheSamePicturesAndAnotherSeedOthers() {
        List<HandwritingFont> fonts = HandwritingFonts.installed(Split.TRAINING);
        String characters = FontLetters.LETTERS + FontLetters.SYMBOLS;
        List<FontLetters.Letter> first = FontLetters.make(fonts, characters, 40, 5);
        List<FontLetters.Letter> again = FontLetters.make(fonts, characters, 40, 5);
        List<FontLetters.Letter> other = FontLetters.make(fonts, characters, 40, 6);
        assertEquals(40, first.size());
        int differ = 0;
        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i).character(), again.get(i).character());
            assertEquals(first.get(i).font(), again.get(i).font());
            assertArrayEquals(first.get(i).image().pixels(), again.get(i).image().pixels(), "letter " + i);
            differ += java.util.Arrays.equals(first.get(i).image().pixels(), other.get(i).image().pixels()) ? 0 : 1;
        }
        assertEquals(40, differ, "another seed draws other pictures");
    }

    @Test
    void lettersAreInMnistFormWithStrokesNotBlobs() {
        List<FontLetters.Letter> letters = FontLetters.make(HandwritingFonts.installed(Split.HELD_OUT),
                FontLetters.LETTERS + FontLetters.SYMBOLS, 60, 9);
        Set<Character> drawn = new HashSet<>();
        for (FontLetters.Letter letter : letters) {
            DigitImage image = letter.image();
            assertEquals(DigitImage.MNIST_SIZE, image.width());
            assertEquals(DigitImage.MNIST_SIZE, image.height());
            long inked = 0;
            for (float value : image.pixels()) {
                inked += value > 0.5f ? 1 : 0;
            }
            assertTrue(inked > 10 && inked < 0.4 * 784, letter.character() + " in " + letter.font() + ": " + inked);
            drawn.add(letter.character());
        }
        assertTrue(drawn.size() >= 25, "60 letters cover many characters: " + drawn);
    }

    @Test
    void heldOutFontsAreNeverTrainingFonts() {
        List<HandwritingFont> training = HandwritingFonts.installed(Split.TRAINING);
        List<HandwritingFont> heldOut = HandwritingFonts.installed(Split.HELD_OUT);
        Set<String> trainingFamilies = training.stream().map(HandwritingFont::family).collect(Collectors.toSet());
        Set<Path> trainingFiles = training.stream().map(HandwritingFont::file).collect(Collectors.toSet());
        Set<String> trainingNames = training.stream().map(HandwritingFont::name).collect(Collectors.toSet());
        for (HandwritingFont font : heldOut) {
            assertFalse(trainingFamilies.contains(font.family()), font.family());
            assertFalse(trainingFiles.contains(font.file()), font.file().toString());
            assertFalse(trainingNames.contains(font.name()), font.name());
        }
        assertTrue(heldOut.stream().map(HandwritingFont::family).distinct().count() >= 4,
                "several held-out families: " + heldOut);
        assertTrue(training.size() >= 15, "the training fonts: " + training);
        Set<String> shared = new HashSet<>(HandwritingFonts.TRAINING_FAMILIES);
        shared.retainAll(HandwritingFonts.HELD_OUT_FAMILIES);
        assertTrue(shared.isEmpty(), "families on both sides: " + shared);
    }

    @Test
    void digitLikeLettersAreNeverTaughtAsNonDigits() {
        for (char c : FontLetters.DIGIT_LIKE.toCharArray()) {
            assertEquals(-1, (FontLetters.LETTERS + FontLetters.SYMBOLS).indexOf(c), "'" + c + "' is digit-like");
        }
        for (char c : "OoDQIlSsZzBGgqb|".toCharArray()) {
            assertTrue(FontLetters.DIGIT_LIKE.indexOf(c) >= 0, "the issue's digit-like letter '" + c + "'");
        }
    }

    @Test
    void missingFontsAreRefusedWithThePackagesToInstall() {
        DataUnavailableException e = assertThrows(DataUnavailableException.class,
                () -> HandwritingFonts.installed(empty, Split.HELD_OUT));
        assertTrue(e.getMessage().contains("apt-get install fonts-femkeklaver"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FontLetters.make(List.of(), "A", 1, 1));
    }
}
