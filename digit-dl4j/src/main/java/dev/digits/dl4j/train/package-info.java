/**
 * Training of the bundled models from a fixed seed: architectures, on-the-fly distortions, checkpoints that a run
 * resumes from, and the model card written with the model.
 */
package dev.digits.dl4j.train;
