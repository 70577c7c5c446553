package dev.digits.examples.cli;

import dev.digits.Digits.BackendInfo;
import dev.digits.Digits;
import dev.digits.Task;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code digits backends}: which backends are on the class path and whether they load. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        header = "Lists the backends found and what they serve.",
        description = "Lists the backends found, whether their native code loads here, their priority and the tasks they serve.",
        footerHeading = "%nExample:%n",
        footer = {"  digits backends",
                "  NAME     AVAILABLE  PRIORITY  TASKS                  ARTIFACT",
                "  onnx     yes        20        classify,generate,read-numbers dev.digits:digit-onnx",
                "  dl4j     yes        10        classify,generate,read-numbers dev.digits:digit-dl4j"})
final class BackendsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        List<BackendInfo> backends = Digits.backends();
        if (common.json) {
            for (BackendInfo b : backends) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", b.name());
                row.put("available", b.available());
                row.put("priority", b.priority());
                row.put("tasks", tasks(b));
                row.put("formats", b.formats().stream().sorted().toList());
                row.put("artifact", b.artifact());
                Json.printLine(row);
            }
        } else {
            System.out.printf("%-8s %-10s %-9s %-22s %s%n", "NAME", "AVAILABLE", "PRIORITY", "TASKS", "ARTIFACT");
            for (BackendInfo b : backends) {
                System.out.printf("%-8s %-10s %-9d %-22s %s%n", b.name(), b.available() ? "yes" : "no", b.priority(),
                        String.join(",", tasks(b)), b.artifact());
            }
        }
        return 0;
    }

    private static List<String> tasks(BackendInfo backend) {
        return backend.tasks().stream().sorted().map(Task::id).toList();
    }
}
