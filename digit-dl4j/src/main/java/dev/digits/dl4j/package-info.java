/**
 * The Deeplearning4j backend ({@code dl4j}): runs every Digits model on ND4J with oneDNN switched on, and saves and
 * loads DL4J networks with their cards. Training is in {@code dev.digits.dl4j.train}, export to ONNX in
 * {@code dev.digits.dl4j.export}.
 */
package dev.digits.dl4j;
