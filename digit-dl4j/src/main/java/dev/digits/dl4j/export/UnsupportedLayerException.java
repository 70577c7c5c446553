package dev.digits.dl4j.export;

import dev.digits.DigitsException;

/**
 * A network holds a layer, vertex, preprocessor, activation or setting that {@link OnnxExporter} cannot
 * write as ONNX. The message names the layer and what the exporter supports.
 */
public class UnsupportedLayerException extends DigitsException {
    private static final long serialVersionUID = 1L;

    public UnsupportedLayerException(String message) {
        super(message);
    }
}
