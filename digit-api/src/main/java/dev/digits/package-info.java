/**
 * Digits: reads handwritten digits. The front door {@link dev.digits.Digits} opens a
 * {@link dev.digits.DigitClassifier}, {@link dev.digits.DigitGenerator} or {@link dev.digits.NumberReader} on the
 * best backend for the {@link dev.digits.Task} and the model's format; pictures are
 * {@link dev.digits.DigitImage}s, answers {@link dev.digits.Prediction}s. Models come from a
 * {@link dev.digits.ModelSource} and are described by a {@link dev.digits.ModelCard}, which
 * {@link dev.digits.ModelLoader} reads and verifies once for every backend. Backends implement
 * {@link dev.digits.DigitBackend}, found with {@link java.util.ServiceLoader}. Every error is a
 * {@link dev.digits.DigitsException} whose message says what to do.
 *
 * <p>Package dependencies run one way: {@code io} below this package; {@code preprocess}, {@code data},
 * {@code eval} and {@code spi} above it.
 */
package dev.digits;
