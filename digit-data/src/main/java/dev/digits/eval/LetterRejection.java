package dev.digits.eval;

import dev.digits.DigitClassifier;
import dev.digits.DigitsException;
import dev.digits.NoDigitFoundException;
import dev.digits.Prediction;
import dev.digits.Verdict;
import dev.digits.data.FontLetters;
import dev.digits.data.HandwritingFonts;
import dev.digits.data.HandwritingFonts.HandwritingFont;
import dev.digits.data.LabelledPictures;
import dev.digits.preprocess.Pictures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a classifier answers letters and symbols, which are not digits: letters drawn in handwriting fonts never
 * used in training ({@link HandwritingFonts.Split#HELD_OUT}), and folders of real handwritten letters.
 *
 * @param count             letters and symbols measured, digit-like ones apart
 * @param lettersRejected   share of them answered "not a digit"
 * @param lettersRefused    share answered "not a digit" or "not sure"
 * @param byFont            share answered "not a digit", per held-out font
 * @param digitLikeCount    digit-like letters measured ({@link FontLetters#DIGIT_LIKE}), reported apart
 * @param digitLikeVerdicts share of those given each verdict, by its key ({@code digit}, {@code unsure},
 *                          {@code not-a-digit})
 * @param answeredAsDigit   per character, the share answered as a digit; the characters still taken for digits
 */
public record LetterRejection(int count, double lettersRejected, double lettersRefused, Map<String, Double> byFont,
                              int digitLikeCount, Map<String, Double> digitLikeVerdicts,
                              Map<String, Double> answeredAsDigit) {
    /** The seed of the held-out letters. */
    public static final long TEST_SEED = RejectionEvaluation.TEST_SEED;

    public LetterRejection {
        byFont = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byFont));
        digitLikeVerdicts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(digitLikeVerdicts));
        answeredAsDigit = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(answeredAsDigit));
    }

    /**
     * Measures {@code count} letters and symbols ({@link FontLetters#LETTERS}, {@link FontLetters#SYMBOLS}) and
     * a quarter as many digit-like letters, all in the held-out fonts.
     *
     * @throws dev.digits.data.DataUnavailableException when the held-out fonts are not installed
     */
    public static LetterRejection heldOutFonts(DigitClassifier classifier, int count) {
        List<HandwritingFont> fonts = HandwritingFonts.installed(HandwritingFonts.Split.HELD_OUT);
        List<FontLetters.Letter> letters = FontLetters.make(fonts, FontLetters.LETTERS + FontLetters.SYMBOLS, count,
                TEST_SEED);
        List<Prediction> answers = classifier.classify(FontLetters.images(letters));
        Map<String, int[]> perFont = new TreeMap<>();
        Map<String, int[]> perCharacter = new TreeMap<>();
        for (int i = 0; i < letters.size(); i++) {
            Verdict verdict = answers.get(i).verdict();
            tally(perFont, letters.get(i).font(), verdict == Verdict.NOT_A_DIGIT);
            tally(perCharacter, String.valueOf(letters.get(i).character()), verdict == Verdict.DIGIT);
        }
        List<Prediction> digitLike = classifier.classify(FontLetters.images(FontLetters.make(fonts,
                FontLetters.DIGIT_LIKE, Math.max(1, count / 4), TEST_SEED + 1)));
        Map<String, Double> answeredAsDigit = new LinkedHashMap<>();
        perCharacter.forEach((character, tally) -> {
            if (tally[0] > 0) {
                answeredAsDigit.put(character, (double) tally[0] / tally[1]);
            }
        });
        Map<String, Double> digitLikeVerdicts = new LinkedHashMap<>();
        for (Verdict verdict : Verdict.values()) {
            digitLikeVerdicts.put(verdict.key(), Rejection.share(digitLike, verdict));
        }
        return new LetterRejection(letters.size(), Rejection.share(answers, Verdict.NOT_A_DIGIT),
                Rejection.refusedShare(answers), shares(perFont), digitLike.size(), digitLikeVerdicts, answeredAsDigit);
    }

    /**
     * How a classifier answers a folder of real letters.
     *
     * @param count            pictures that are not digit-like
     * @param refused          of those, answered "not a digit" or "not sure", or in which no digit was found
     * @param ambiguousCount   pictures marked ambiguous (they look like digits)
     * @param ambiguousRefused of those, refused
     * @param answeredAsDigits each picture not marked ambiguous that was answered as a digit: its file, its label
     *                         and the digit, e.g. {@code A_1.png (A as 4)}
     */
    public record RealLetters(int count, int refused, int ambiguousCount, int ambiguousRefused,
                              List<String> answeredAsDigits) {
        public RealLetters {
            answeredAsDigits = List.copyOf(answeredAsDigits);
        }
    }

    /**
     * Classifies every picture of a folder of real letters (a manifest's entries, {@link LabelledPictures#readLetters}).
     *
     * @param folder the manifest's folder: pictures are named by their file relative to it
     */
    public static RealLetters realLetters(DigitClassifier classifier, Path folder, List<LabelledPictures.LetterEntry> entries) {
        int count = 0;
        int refused = 0;
        int ambiguousCount = 0;
        int ambiguousRefused = 0;
        List<String> answeredAsDigits = new ArrayList<>();
        Path base = folder.toAbsolutePath();
        for (LabelledPictures.LetterEntry entry : entries) {
            Prediction answer;
            try {
                answer = classifier.classify(Pictures.read(entry.file()));
            } catch (NoDigitFoundException e) {
                answer = null;
            } catch (DigitsException e) {
                throw new DigitsException("Cannot classify " + entry.file() + ": " + e.getMessage(), e);
            }
            boolean wasRefused = answer == null || answer.verdict() != Verdict.DIGIT;
            if (entry.ambiguous()) {
                ambiguousCount++;
                ambiguousRefused += wasRefused ? 1 : 0;
            } else {
                count++;
                refused += wasRefused ? 1 : 0;
                if (!wasRefused) {
                    answeredAsDigits.add(base.relativize(entry.file().toAbsolutePath()) + " (" + entry.label() + " as "
                            + answer.digit() + ")");
                }
            }
        }
        return new RealLetters(count, refused, ambiguousCount, ambiguousRefused, answeredAsDigits);
    }

    private static void tally(Map<String, int[]> tallies, String key, boolean counted) {
        int[] tally = tallies.computeIfAbsent(key, k -> new int[2]);
        tally[0] += counted ? 1 : 0;
        tally[1]++;
    }

    private static Map<String, Double> shares(Map<String, int[]> tallies) {
        Map<String, Double> shares = new LinkedHashMap<>();
        tallies.forEach((key, tally) -> shares.put(key, (double) tally[0] / tally[1]));
        return shares;
    }
}
