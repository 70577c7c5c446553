/** Measuring a classifier: accuracy, confusion matrix and the pictures it got wrong. */
package dev.digits.eval;
