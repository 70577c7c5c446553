package dev.digits.spark;

import dev.digits.BadImageException;
import dev.digits.preprocess.Pictures;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * Reads picture files by path on an executor: a local path or {@code file:} URI through {@link Pictures} exactly as
 * {@code digits predict} reads a file, any other URI ({@code hdfs://}, {@code s3a://}) through Hadoop's file
 * systems with the driver's Hadoop settings, refused beyond {@link #MAX_FILE_BYTES} before it is read.
 */
final class HadoopFiles implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The largest picture file read whole into memory: Digits' limit on decoded bytes. */
    static final long MAX_FILE_BYTES = Pictures.MAX_DECODED_BYTES;

    private final Map<String, String> settings;
    private transient Configuration configuration;

    /** The driver's Hadoop settings, to read with on the executors. */
    HadoopFiles(Configuration driverSettings) {
        settings = new HashMap<>();
        for (Map.Entry<String, String> entry : driverSettings) {
            settings.put(entry.getKey(), entry.getValue());
        }
    }

    /**
     * Decodes the picture file at {@code location}.
     *
     * @throws BadImageException when the file is missing, empty, too large or not a picture Digits reads
     */
    Pictures.Sized read(String location) {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
        URI uri = path.toUri();
        if (uri.getScheme() == null || "file".equals(uri.getScheme())) {
            Path file = Path.of(uri.getPath());
            if (java.nio.file.Files.isRegularFile(file) && file.toFile().length() == 0) {
                throw new BadImageException(location + " is empty (0 bytes), not a picture; give a PNG, JPEG, GIF or BMP picture");
            }
            return Pictures.readSized(file);
        }
        try {
            FileSystem fs = path.getFileSystem(configuration());
            FileStatus status;
            try {
                status = fs.getFileStatus(path);
            } catch (java.io.FileNotFoundException e) {
                throw new BadImageException("Picture " + location + " does not exist or is not a file");
            }
            if (!status.isFile()) {
                throw new BadImageException("Picture " + location + " is not a file");
            }
            if (status.getLen() > MAX_FILE_BYTES) {
                throw new BadImageException(location + " is " + status.getLen() / 1_000_000 + " MB, beyond the "
                        + MAX_FILE_BYTES / 1_000_000 + " MB Digits reads; scale it down first");
            }
            try (InputStream in = fs.open(path)) {
                return Pictures.readSized(in.readAllBytes(), location);
            }
        } catch (IOException e) {
            throw new BadImageException("Cannot read " + location + ": " + e.getMessage(), e);
        }
    }

    private Configuration configuration() {
        if (configuration == null) {
            Configuration fresh = new Configuration(false);
            settings.forEach(fresh::set);
            configuration = fresh;
        }
        return configuration;
    }
}
