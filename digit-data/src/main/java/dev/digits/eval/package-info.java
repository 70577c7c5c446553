/**
 * Measuring models: a classifier's accuracy, confusion matrix and the pictures it got wrong
 * ({@link dev.digits.eval.Evaluation}), and a number reader's sequence and digit accuracy
 * ({@link dev.digits.eval.NumberEvaluation}).
 */
package dev.digits.eval;
