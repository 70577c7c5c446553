package dev.digits.eval;

import dev.digits.DigitClassifier;
import dev.digits.DigitGenerator;
import dev.digits.DigitImage;
import dev.digits.Prediction;
import dev.digits.data.DigitDataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * How good a generator's digits are, judged by a classifier and measured on its features ({@link GeneratorMetrics}).
 * The features are a parameter because they come from a backend's network (the bundled classifier's penultimate
 * layer in the command-line tool), which this module does not run.
 *
 * @param count                 pictures generated, the same number of each digit
 * @param labelAgreement        share of them the judge names as the digit asked for
 * @param fid                   Fréchet distance between the generated and the real test pictures' features
 * @param fidRealFloor          the same between other real pictures and the test pictures: the best a generator
 *                              can hope for with this many pictures
 * @param diversity             mean over the digits of {@code diversityByDigit}
 * @param labelAgreementByDigit label agreement of each digit, 0 to 9
 * @param diversityByDigit      per digit, the mean pairwise feature distance of generated pictures divided by that
 *                              of real ones (mode collapse shows as a low value)
 */
public record GeneratorEvaluation(int count, double labelAgreement, double fid, double fidRealFloor, double diversity,
                                  List<Double> labelAgreementByDigit, List<Double> diversityByDigit) {
    /** Pictures generated of each digit by default. */
    public static final int PER_DIGIT = 1000;
    /** Pictures of each digit, generated and real, whose pairwise distances are averaged by default. */
    public static final int DIVERSITY_SAMPLE = 300;
    /** The seed of digit {@code d}'s pictures is this plus {@code d} by default. */
    public static final long SEED = 2024;

    public GeneratorEvaluation {
        labelAgreementByDigit = List.copyOf(labelAgreementByDigit);
        diversityByDigit = List.copyOf(diversityByDigit);
    }

    /**
     * Measures a generator with the defaults: {@value #PER_DIGIT} pictures of each digit, diversity on
     * {@value #DIVERSITY_SAMPLE} of each.
     *
     * @see #of(DigitGenerator, DigitClassifier, Function, DigitDataset, DigitDataset, int, int, long, Runnable)
     */
    public static GeneratorEvaluation of(DigitGenerator generator, DigitClassifier judge,
                                         Function<List<DigitImage>, float[][]> features, DigitDataset realTest,
                                         DigitDataset realOther, Runnable digitDone) {
        return of(generator, judge, features, realTest, realOther, PER_DIGIT, DIVERSITY_SAMPLE, SEED, digitDone);
    }

    /**
     * Measures a generator.
     *
     * @param judge           names the generated digits (label agreement)
     * @param features        one row of features per picture, the same width for every picture
     * @param realTest        the real pictures compared with (MNIST's test set), each digit at least
     *                        {@code diversitySample} times among them
     * @param realOther       other real pictures for the FID floor (as many MNIST training pictures)
     * @param perDigit        pictures generated of each digit, at least {@code diversitySample}
     * @param diversitySample pictures of each digit whose pairwise distances are averaged, at least 2
     * @param seed            digit {@code d}'s pictures are generated with seed {@code seed + d}
     * @param digitDone       run after each digit's pictures are generated (for progress), may be null
     */
    public static GeneratorEvaluation of(DigitGenerator generator, DigitClassifier judge,
                                         Function<List<DigitImage>, float[][]> features, DigitDataset realTest,
                                         DigitDataset realOther, int perDigit, int diversitySample, long seed,
                                         Runnable digitDone) {
        if (diversitySample < 2 || perDigit < diversitySample) {
            throw new IllegalArgumentException("Need 2 <= diversitySample <= perDigit, got " + diversitySample + " and "
                    + perDigit);
        }
        List<DigitImage> generated = new ArrayList<>(10 * perDigit);
        for (int digit = 0; digit < 10; digit++) {
            generated.addAll(generator.generate(digit, perDigit, seed + digit));
            if (digitDone != null) {
                digitDone.run();
            }
        }
        int[] agreeByDigit = new int[10];
        List<Prediction> predictions = judge.classify(generated);
        for (int i = 0; i < predictions.size(); i++) {
            if (predictions.get(i).digit() == i / perDigit) {
                agreeByDigit[i / perDigit]++;
            }
        }
        float[][] testFeatures = features.apply(realTest.images());
        float[][] generatedFeatures = features.apply(generated);
        double fid = GeneratorMetrics.frechetDistance(generatedFeatures, testFeatures);
        double floor = GeneratorMetrics.frechetDistance(features.apply(realOther.images()), testFeatures);
        List<Double> agreement = new ArrayList<>();
        List<Double> diversities = new ArrayList<>();
        int agree = 0;
        double diversity = 0;
        for (int digit = 0; digit < 10; digit++) {
            float[][] fake = Arrays.copyOfRange(generatedFeatures, digit * perDigit, digit * perDigit + diversitySample);
            float[][] real = realOfDigit(realTest, testFeatures, digit, diversitySample);
            double ratio = GeneratorMetrics.meanPairwiseDistance(fake) / GeneratorMetrics.meanPairwiseDistance(real);
            diversities.add(ratio);
            diversity += ratio / 10;
            agreement.add((double) agreeByDigit[digit] / perDigit);
            agree += agreeByDigit[digit];
        }
        return new GeneratorEvaluation(generated.size(), (double) agree / generated.size(), fid, floor, diversity,
                agreement, diversities);
    }

    /**
     * The label agreement of another judge on the same pictures {@link #of} measures (same count per digit and
     * seeds): a generator tuned to one classifier's quirks shows up as agreement that a second classifier, sharing
     * nothing with the first, does not confirm.
     *
     * @return the share of all pictures, then of each digit's, that {@code judge} names as the digit asked for
     */
    public static double[] labelAgreement(DigitGenerator generator, DigitClassifier judge, int perDigit, long seed) {
        double[] shares = new double[11];
        int agree = 0;
        for (int digit = 0; digit < 10; digit++) {
            int agreeing = 0;
            for (Prediction prediction : judge.classify(generator.generate(digit, perDigit, seed + digit))) {
                agreeing += prediction.digit() == digit ? 1 : 0;
            }
            shares[digit + 1] = (double) agreeing / perDigit;
            agree += agreeing;
        }
        shares[0] = (double) agree / (10.0 * perDigit);
        return shares;
    }

    /** The features of the first {@code sample} real pictures of {@code digit}. */
    private static float[][] realOfDigit(DigitDataset test, float[][] features, int digit, int sample) {
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < test.size() && rows.size() < sample; i++) {
            if (test.label(i) == digit) {
                rows.add(features[i]);
            }
        }
        return rows.toArray(new float[0][]);
    }
}
