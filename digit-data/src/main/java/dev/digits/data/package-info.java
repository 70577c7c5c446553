/**
 * Data sets: the IDX format (MNIST's), {@link dev.digits.data.DigitDataset} with seeded splits and batches,
 * {@link dev.digits.data.Mnist} which finds, fetches and verifies MNIST, labelled picture folders, and the
 * synthetic robustness set.
 */
package dev.digits.data;
