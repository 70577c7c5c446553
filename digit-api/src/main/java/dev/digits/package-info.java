/**
 * Digits: reads handwritten digits. The front door {@link dev.digits.Digits} opens a
 * {@link dev.digits.DigitClassifier}, {@link dev.digits.DigitGenerator} or {@link dev.digits.NumberReader} on the
 * best backend for the {@link dev.digits.Task} and the model's format; pictures are
 * {@link dev.digits.DigitImage}s, answers {@link dev.digits.Prediction}s. Models come from a
 * {@link dev.digits.ModelSource} and are described by a {@link dev.digits.ModelCard}, which
 * {@link dev.digits.LoadedModel#resolve} reads and verifies once for every backend. Backends implement
 * {@link dev.digits.DigitBackend}, found with {@link java.util.ServiceLoader}. Every error is a
 * {@link dev.digits.DigitsException} whose message says what to do. What a card's entries mean is
 * {@link dev.digits.CardSchema}'s, where cards live {@link dev.digits.CardFiles}'; what a model file's format is,
 * the {@link dev.digits.ModelFormat}s that backends bring.
 *
 * <p>Package dependencies run one way: {@code io} below this package; {@code preprocess}, {@code read}
 * and {@code spi} above it. So this package depends on no other of the API, and what the front door must know
 * of the SPI ({@link dev.digits.DigitBackend}, {@link dev.digits.ModelFormat},
 * {@link dev.digits.NumberSequenceModel}) lives here.
 */
package dev.digits;
