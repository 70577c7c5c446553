/**
 * File helpers below every other package: atomic writes, SHA-256, and reading an ONNX file's own metadata. They
 * report plain {@link java.io.IOException}s; callers wrap them in the {@code DigitsException} that fits.
 */
package dev.digits.io;
