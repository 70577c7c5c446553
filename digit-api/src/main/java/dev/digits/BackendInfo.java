package dev.digits;

/**
 * A backend found on the class path.
 *
 * @param name      the name to ask for it by ({@code dl4j}, {@code onnx})
 * @param available whether its native code loads here
 * @param priority  higher wins when none is asked for by name
 * @param artifact  its Maven coordinates
 */
public record BackendInfo(String name, boolean available, int priority, String artifact) {
}
