/**
 * The desktop app opened by {@code digits app}: draw or open a digit and see every preprocessing stage and the
 * ten probabilities, read whole numbers with their boxes, and draw new digits with the generator. All model
 * work runs on one background thread ({@link dev.digits.examples.app.ModelWork}); the panels build without a
 * display, so tests drive them headless.
 */
package dev.digits.examples.app;
