package dev.digits.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

/**
 * Finds cycles between a module's {@code dev.digits} packages with the JDK's {@code jdeps}, as a reviewer would
 * ({@code jdeps -verbose:package}). Each module's test suite asserts there are none.
 */
public final class PackageCycles {
    private static final Pattern EDGE = Pattern.compile("^\\s+(dev\\.digits\\S*)\\s+->\\s+(dev\\.digits\\S*)\\s", Pattern.MULTILINE);

    private PackageCycles() {
    }

    /** Package to the packages of this module it depends on, from compiled classes (e.g. {@code target/classes}). */
    public static Map<String, Set<String>> dependencies(Path classes) {
        if (!Files.isDirectory(classes)) {
            throw new IllegalArgumentException(classes + " is not a folder of compiled classes");
        }
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new IllegalStateException("This JDK has no jdeps tool"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", classes.toString());
        if (status != 0) {
            throw new IllegalStateException("jdeps failed (" + status + "): " + err);
        }
        Map<String, Set<String>> graph = new TreeMap<>();
        Matcher m = EDGE.matcher(out.toString());
        while (m.find()) {
            if (!m.group(1).equals(m.group(2))) {
                graph.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
            }
        }
        return graph;
    }

    /** The packages that reach themselves through their dependencies, sorted; empty when there is no cycle. */
    public static Set<String> inCycles(Map<String, Set<String>> graph) {
        Set<String> cyclic = new TreeSet<>();
        for (String start : graph.keySet()) {
            Set<String> seen = new HashSet<>();
            List<String> todo = new ArrayList<>(graph.get(start));
            while (!todo.isEmpty()) {
                String next = todo.remove(todo.size() - 1);
                if (next.equals(start)) {
                    cyclic.add(start);
                    break;
                }
                if (seen.add(next)) {
                    todo.addAll(graph.getOrDefault(next, Set.of()));
                }
            }
        }
        return cyclic;
    }

    /**
     * Fails when the compiled classes' packages form a cycle.
     *
     * @throws AssertionError naming the packages in cycles and every dependency, or when jdeps saw no package
     */
    public static void assertNone(Path classes) {
        Map<String, Set<String>> graph = dependencies(classes);
        if (graph.isEmpty()) {
            throw new AssertionError("jdeps saw no dependency between packages in " + classes);
        }
        Set<String> cyclic = inCycles(graph);
        if (!cyclic.isEmpty()) {
            throw new AssertionError("Packages in a cycle: " + cyclic + "; dependencies: " + graph);
        }
    }
}
