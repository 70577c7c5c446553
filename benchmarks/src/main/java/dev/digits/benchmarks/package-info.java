/**
 * JMH benchmarks of Digits' hot paths, each beside the raw runtime call it wraps; run them with
 * {@code benchmarks/run.sh}, which also writes the results table with its targets. Reading a multi-digit
 * number is not benchmarked yet: the number reader arrives with issue 9.
 */
package dev.digits.benchmarks;
