/**
 * Support for backend implementations: base classes that do what every backend's models share (input checks,
 * batching, preprocessing, closed state). The service interface itself, {@link dev.digits.DigitBackend}, is in
 * {@code dev.digits}, beside the front door that discovers it. A test-jar of digit-api carries the contract
 * tests every backend's test suite runs.
 */
package dev.digits.spi;
