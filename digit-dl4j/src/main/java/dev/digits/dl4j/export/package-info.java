/**
 * Export of DL4J networks and computation graphs to ONNX, without an ONNX library: the protobuf classes nd4j-api
 * already holds. Exported files carry their model card in their metadata.
 */
package dev.digits.dl4j.export;
