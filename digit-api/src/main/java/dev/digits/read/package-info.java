/**
 * Reading numbers of several handwritten digits. {@link dev.digits.read.NumberReaders#segmenting} reads a
 * number by segmentation: the picture is cleaned, cut into digits and separators
 * ({@link dev.digits.preprocess.NumberSegmenter}), and each digit is named by any
 * {@link dev.digits.DigitClassifier}. Dependencies run from this package to {@code dev.digits} and
 * {@code dev.digits.preprocess}, never back.
 */
package dev.digits.read;
