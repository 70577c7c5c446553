package dev.digits.examples.cli;

import dev.digits.BackendInfo;
import dev.digits.Digits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code digits backends}: which backends are on the class path and whether they load. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "Lists the backends found, whether their native code loads here, and their priority.")
final class BackendsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        List<BackendInfo> backends = Digits.backends();
        if (common.json) {
            List<Map<String, Object>> rows = backends.stream().map(b -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", b.name());
                row.put("available", b.available());
                row.put("priority", b.priority());
                row.put("artifact", b.artifact());
                return row;
            }).toList();
            Json.printLine(rows);
        } else {
            System.out.printf("%-8s %-10s %-9s %s%n", "NAME", "AVAILABLE", "PRIORITY", "ARTIFACT");
            for (BackendInfo b : backends) {
                System.out.printf("%-8s %-10s %-9d %s%n", b.name(), b.available() ? "yes" : "no", b.priority(), b.artifact());
            }
        }
        return 0;
    }
}
