/**
 * The ONNX Runtime backend ({@code onnx}): runs the bundled models exported to ONNX, and third-party ONNX digit
 * classifiers described by a card, with no DL4J or ND4J on the class path. {@link dev.digits.onnx.OnnxBackend} is
 * the service; {@link dev.digits.onnx.OnnxClassifier} the classifier; {@link dev.digits.onnx.OnnxOptions} its
 * settings; {@link dev.digits.onnx.OnnxModelSpec} how a card maps pictures onto a model's input.
 */
package dev.digits.onnx;
