/**
 * Turning ordinary pictures of handwritten digits into a model's input form (MNIST form: 28×28, light
 * ink on dark, values in [0, 1]).
 *
 * <p>{@link dev.digits.preprocess.Preprocessor} is the entry point: {@code Preprocessor.mnist()} runs
 * the MNIST procedure for real pictures, {@code simple()} and {@code naive()} are baselines. The MNIST
 * procedure ({@link dev.digits.preprocess.MnistPreprocessor}) is a composition of three public stages,
 * so that a reader of multi-digit numbers can run them itself:
 * <ol>
 * <li><b>clean</b> ({@link dev.digits.preprocess.Cleaner}): gray at a working size, polarity, background
 * and ruled-line removal, threshold, giving a {@link dev.digits.preprocess.Cleaner.CleanedPicture} (an ink mask,
 * or the picture itself when it is already in MNIST form);</li>
 * <li><b>segment</b> ({@link dev.digits.preprocess.Segmenter}): ink components grouped into
 * {@link dev.digits.preprocess.Segmenter.DigitCandidate}s, each with its {@link dev.digits.Box} in the
 * input picture: the one digit of a single-digit picture, or every digit left to right;</li>
 * <li><b>normalise</b> ({@link dev.digits.preprocess.Normaliser}): one candidate cropped, its strokes
 * brought towards MNIST's pen, scaled into 20×20 and centred by mass in 28×28.</li>
 * </ol>
 * {@link dev.digits.preprocess.Pictures} reads picture files upright. Dependencies run from this
 * package to the root package {@code dev.digits} (images, exceptions) and not back, so that the two
 * form no cycle.
 */
package dev.digits.preprocess;

import dev.digits.preprocess.Segmenter.DigitCandidate;
import dev.digits.preprocess.Cleaner.CleanedPicture;