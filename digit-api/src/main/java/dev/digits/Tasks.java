package dev.digits;

import java.util.Collection;
import java.util.stream.Collectors;

/** Wording of task lists in messages. */
final class Tasks {
    private Tasks() {
    }

    static String describe(Collection<Task> tasks) {
        return tasks.isEmpty() ? "no task" : tasks.stream().sorted().map(Task::id).collect(Collectors.joining(", "));
    }
}
