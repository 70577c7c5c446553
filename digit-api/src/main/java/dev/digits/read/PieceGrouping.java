package dev.digits.read;

import dev.digits.Box;
import dev.digits.DigitClassifier;
import dev.digits.Prediction;
import dev.digits.preprocess.Cleaner.CleanedPicture;
import dev.digits.preprocess.Segmenter.DigitCandidate;
import dev.digits.preprocess.Normaliser;
import dev.digits.preprocess.NumberSegmenter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides which pieces of ink make one digit, with the classifier as judge: every run of up to
 * {@value #MAX_PIECES} neighbouring pieces that could be one digit (not too wide, no wide gap inside) is
 * classified, all in one batch, and dynamic programming picks the grouping whose digits the classifier is
 * surest of. A group's score is its number of pieces times the log of its confidence that the group is that
 * digit (the digit's probability times the probability that it is a digit at all), so that a grouping
 * is not favoured for having fewer (or more) digits; joining separate ink components costs
 * {@value #JOIN_COST} each, as ink that was not connected is more often two digits than one, and cutting
 * connected ink into two digits costs {@value #CUT_COST}; a group much lower than the line's digits costs
 * {@value #SMALL_COST}, as a digit is seldom so small. This mends
 * both a digit broken into side-by-side strokes (an MNIST 5 whose flag came off) and a wide digit that
 * the segmenter cut as if it were two touching ones.
 */
final class PieceGrouping {
    /** The most pieces one digit is made of. */
    static final int MAX_PIECES = 4;
    /** A group at most this many line heights wide. */
    private static final double MAX_WIDTH = 2.0;
    /** Pieces of one group lie at most this many line heights apart. */
    private static final double MAX_GAP = 0.3;
    /** Score cost of each extra ink component in a group. */
    static final double JOIN_COST = 0.3;
    /** Score cost of cutting one ink component into two digits. */
    static final double CUT_COST = 0.3;
    /** A group lower than this share of the line height is a mark, hardly a digit... */
    private static final double SMALL = 0.5;
    /** ...and costs this much to read as one: only when nothing it could join is near. */
    private static final double SMALL_COST = 3;

    /**
     * A digit: the pieces it is made of, its ink and what the classifier says of it.
     *
     * @param candidate  the digit's ink
     * @param prediction the classifier's answer
     */
    record Digit(DigitCandidate candidate, Prediction prediction) {
    }

    private PieceGrouping() {
    }

    static List<Digit> digits(NumberSegmenter segmenter, Normaliser normaliser, DigitClassifier classifier,
                              CleanedPicture picture, NumberSegmenter.Segments segments) {
        List<NumberSegmenter.Piece> pieces = segments.pieces();
        int n = pieces.size();
        double height = segments.lineHeight();
        // groups[i][k]: pieces i..i+k as one digit, or null when they cannot be one.
        DigitCandidate[][] groups = new DigitCandidate[n][MAX_PIECES];
        int[][] components = new int[n][MAX_PIECES];
        List<DigitCandidate> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int right = Integer.MIN_VALUE;
            Set<Integer> seen = new HashSet<>();
            List<DigitCandidate> run = new ArrayList<>();
            for (int k = 0; k < MAX_PIECES && i + k < n; k++) {
                NumberSegmenter.Piece piece = pieces.get(i + k);
                Box box = piece.candidate().workingBox();
                if (k > 0 && (box.x() - right > MAX_GAP * height
                        || Math.max(right, box.right()) - pieces.get(i).candidate().workingBox().x() > MAX_WIDTH * height)) {
                    break;
                }
                right = Math.max(right, box.right());
                seen.add(piece.component());
                run.add(piece.candidate());
                groups[i][k] = segmenter.join(picture, run);
                components[i][k] = seen.size();
                batch.add(groups[i][k]);
            }
        }
        List<Prediction> predictions = classifier.classify(batch.stream().map(normaliser::normalise).toList());
        Prediction[][] answers = new Prediction[n][MAX_PIECES];
        int next = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < MAX_PIECES && groups[i][k] != null; k++) {
                answers[i][k] = predictions.get(next++);
            }
        }
        // best[j]: the best score of pieces 0..j-1; from[j]: where its last group starts.
        double[] best = new double[n + 1];
        int[] from = new int[n + 1];
        for (int j = 1; j <= n; j++) {
            best[j] = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < MAX_PIECES && j - 1 - k >= 0; k++) {
                int i = j - 1 - k;
                if (groups[i][k] == null) {
                    continue;
                }
                // A group the classifier takes for no digit at all (two digits joined, half a digit) is worth little.
                double sure = answers[i][k].confidence() * (1 - answers[i][k].notDigitProbability());
                double score = best[i] + (k + 1) * Math.log(Math.max(1e-6, sure))
                        - JOIN_COST * (components[i][k] - 1);
                if (i > 0 && pieces.get(i - 1).component() == pieces.get(i).component()) {
                    score -= CUT_COST;
                }
                if (groups[i][k].workingBox().height() < SMALL * height) {
                    score -= SMALL_COST;
                }
                if (score > best[j]) {
                    best[j] = score;
                    from[j] = i;
                }
            }
        }
        List<Digit> digits = new ArrayList<>();
        for (int j = n; j > 0; j = from[j]) {
            int i = from[j];
            digits.add(0, new Digit(groups[i][j - 1 - i], answers[i][j - 1 - i]));
        }
        return digits;
    }
}
