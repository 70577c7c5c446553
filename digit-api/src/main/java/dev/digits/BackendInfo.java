package dev.digits;

import java.util.Set;

/**
 * A backend found on the class path.
 *
 * @param name      the name to ask for it by ({@code dl4j}, {@code onnx})
 * @param available whether its native code loads here
 * @param priority  higher wins when none is asked for by name
 * @param artifact  its Maven coordinates
 * @param tasks     the tasks it serves
 * @param formats   the model formats it loads
 */
public record BackendInfo(String name, boolean available, int priority, String artifact, Set<Task> tasks,
                          Set<String> formats) {
    public BackendInfo {
        tasks = Set.copyOf(tasks);
        formats = Set.copyOf(formats);
    }
}
