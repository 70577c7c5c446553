/**
 * Data sets: the IDX format (MNIST's), {@link dev.digits.data.DigitDataset} with seeded splits and batches,
 * {@link dev.digits.data.Mnist} which finds, fetches and verifies MNIST, labelled picture folders, and the
 * synthetic sets: the robustness set of single digits, numbers ({@link dev.digits.data.SyntheticNumbers}) and
 * numbers photographed on paper under difficult conditions ({@link dev.digits.data.NumberRobustnessSet}).
 */
package dev.digits.data;
