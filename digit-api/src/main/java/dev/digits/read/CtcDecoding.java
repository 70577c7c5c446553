package dev.digits.read;

import dev.digits.NumberSequenceModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Greedy (best-path) decoding of a CTC reader's columns: the likeliest class in each column, repeats merged,
 * blanks dropped. Each digit keeps the columns it was read from, its probabilities (from the column where it is
 * likeliest, renormalised over the ten digits) and its confidence. Stateless.
 */
final class CtcDecoding {
    private CtcDecoding() {
    }

    /**
     * One digit of a decoded line.
     *
     * @param digit         the digit
     * @param firstColumn   the first column read as this digit
     * @param lastColumn    the last column read as this digit
     * @param probabilities the ten digits' probabilities at the column where this digit is likeliest
     * @param confidence    this digit's probability at that column (blank included in the normalisation)
     */
    record Digit(int digit, int firstColumn, int lastColumn, float[] probabilities, float confidence) {
    }

    /**
     * A decoded line.
     *
     * @param digits     the digits, left to right
     * @param pathProbability the probability of the best path (every column's likeliest class)
     */
    record Line(List<Digit> digits, double pathProbability) {
        String text() {
            StringBuilder text = new StringBuilder(digits.size());
            digits.forEach(d -> text.append(d.digit()));
            return text.toString();
        }
    }

    /** Decodes {@code [columns][CLASSES]} logits. */
    static Line decode(float[][] logits) {
        float[][] p = softmax(logits);
        List<Digit> digits = new ArrayList<>();
        double logPath = 0;
        int previous = NumberSequenceModel.BLANK;
        int runStart = -1;
        int runBest = -1;
        for (int t = 0; t <= p.length; t++) {
            int best = t < p.length ? argMax(p[t]) : NumberSequenceModel.BLANK;
            if (t < p.length) {
                logPath += Math.log(Math.max(1e-30, p[t][best]));
            }
            if (best != previous || best == NumberSequenceModel.BLANK) {
                if (previous != NumberSequenceModel.BLANK) {
                    digits.add(digit(p, previous, runStart, t - 1, runBest));
                }
                runStart = t;
                runBest = t;
            } else if (t < p.length && p[t][best] > p[runBest][best]) {
                runBest = t;
            }
            previous = best;
        }
        return new Line(List.copyOf(digits), Math.exp(logPath));
    }

    private static Digit digit(float[][] p, int digit, int first, int last, int best) {
        float[] probabilities = new float[10];
        float sum = 0;
        for (int d = 0; d < 10; d++) {
            sum += p[best][d];
        }
        for (int d = 0; d < 10; d++) {
            probabilities[d] = p[best][d] / sum;
        }
        return new Digit(digit, first, last, probabilities, p[best][digit]);
    }

    /** The text of the best path of {@code [columns][CLASSES]} logits. */
    static String text(float[][] logits) {
        StringBuilder text = new StringBuilder();
        int previous = NumberSequenceModel.BLANK;
        for (float[] column : logits) {
            int best = argMax(column);
            if (best != previous && best != NumberSequenceModel.BLANK) {
                text.append(best);
            }
            previous = best;
        }
        return text.toString();
    }

    private static float[][] softmax(float[][] logits) {
        float[][] p = new float[logits.length][];
        for (int t = 0; t < logits.length; t++) {
            float max = Float.NEGATIVE_INFINITY;
            for (float v : logits[t]) {
                max = Math.max(max, v);
            }
            double sum = 0;
            p[t] = new float[logits[t].length];
            for (int c = 0; c < logits[t].length; c++) {
                p[t][c] = (float) Math.exp(logits[t][c] - max);
                sum += p[t][c];
            }
            for (int c = 0; c < logits[t].length; c++) {
                p[t][c] /= (float) sum;
            }
        }
        return p;
    }

    private static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
