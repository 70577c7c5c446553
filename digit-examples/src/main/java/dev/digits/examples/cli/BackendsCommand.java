package dev.digits.examples.cli;

import dev.digits.Digits;
import dev.digits.Digits.BackendInfo;
import dev.digits.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code digits backends}: which backends are on the class path and whether they load. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        header = "Lists the backends found and what they serve.",
        description = "Lists the backends found, whether their native code loads here, their priority and the tasks they serve.")
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
            // Columns as wide as their widest entry, so that no entry runs into the next; Digits' own artifacts
            // without their group, which keeps a row within 80 columns.
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[]{"NAME", "AVAILABLE", "PRIORITY", "TASKS", "ARTIFACT"});
            for (BackendInfo b : backends) {
                rows.add(new String[]{b.name(), b.available() ? "yes" : "no", Integer.toString(b.priority()),
                        String.join(",", tasks(b)), b.artifact().replaceFirst("^dev\\.digits:", "")});
            }
            int[] widths = new int[rows.get(0).length];
            for (String[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < row.length; i++) {
                    line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
                }
                System.out.println(line);
            }
        }
        return 0;
    }

    private static List<String> tasks(BackendInfo backend) {
        return backend.tasks().stream().sorted().map(Task::id).toList();
    }
}
