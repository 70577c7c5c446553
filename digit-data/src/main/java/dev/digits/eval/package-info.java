/**
 * Measuring models, as library procedures that take an opened model and data and return the figures: a
 * classifier's accuracy, confusion matrix and the pictures it got wrong ({@link dev.digits.eval.Evaluation}, on a
 * data set, a folder or pictures through a preprocessing; {@link dev.digits.eval.RobustnessEvaluation} by
 * corruption), how it refuses non-digits ({@link dev.digits.eval.RejectionEvaluation}) and how well its confidence is
 * calibrated ({@link dev.digits.eval.Calibration}); a number reader's sequence and digit accuracy
 * ({@link dev.digits.eval.NumberEvaluation}; {@link dev.digits.eval.NumberRobustnessEvaluation} by condition); a generator's label agreement, FID and diversity
 * ({@link dev.digits.eval.GeneratorEvaluation}, on features a backend supplies). None of them prints; the
 * command-line tool does.
 */
package dev.digits.eval;
