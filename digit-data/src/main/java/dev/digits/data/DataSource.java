package dev.digits.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A place data files can be fetched from: a web mirror, a package registry. Delivered files are
 * verified by the caller; a source only fetches.
 */
public interface DataSource {

    /** What this source is, for logs and error messages. */
    String describe();

    /**
     * Writes the raw (decompressed) content of {@code fileName} to {@code target}.
     *
     * @throws IOException when this source cannot deliver it; the caller then tries the next source
     */
    void fetch(String fileName, Path target) throws IOException;
}
