package dev.digits.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The Street View House Numbers data set (SVHN), "cropped digits" form: 32×32 colour pictures of single digits
 * cut from photographs of house numbers, in MATLAB (MAT v5) files. Reading them needs a MAT-file reader,
 * which lives with the training code in {@code digit-dl4j} ({@code dev.digits.dl4j.data.SvhnMatReader}); this
 * class only finds, fetches and verifies the files.
 *
 * <p>Kept in {@code <data>/svhn}, where {@code <data>} is {@link Mnist#defaultDataRoot()} (the system property
 * {@code digits.data}, else the environment variable {@code DIGITS_DATA}, else {@code ~/.cache/digits}). The files
 * are large (the training file is 182 MB), so they are downloaded from the data set's site only when asked;
 * whatever their origin, they are used only when their MD5 (the only checksum the publisher gives) is right.
 * Thread-safe.
 */
public final class Svhn {
    /** The data set's site, which serves the files as they are. */
    public static final String SITE = "http://ufldl.stanford.edu/housenumbers/";

    /** One of SVHN's three files. */
    public enum Part {
        /** 73,257 pictures for training. */
        TRAIN("train_32x32.mat", "e26dedcc434d2e4c54c9b2d4a06d8373", 182_040_794L),
        /** 26,032 pictures for final measurement only. */
        TEST("test_32x32.mat", "eb5a983be6a315427106f1b164d9cef3", 64_275_384L),
        /** 531,131 further, easier pictures that may be added to the training set. */
        EXTRA("extra_32x32.mat", "a93ce644f1a588dc4d68dda5feec44a7", -1L);

        private final String fileName;
        private final String md5;
        private final long size;

        Part(String fileName, String md5, long size) {
            this.fileName = fileName;
            this.md5 = md5;
            this.size = size;
        }

        /** The file's name, as the site serves it. */
        public String fileName() {
            return fileName;
        }

        /** The file's MD5, as the site publishes it. */
        public String md5() {
            return md5;
        }

        /** The file's size in bytes, or -1 where the project has not recorded it. */
        public long size() {
            return size;
        }

        /** The part named {@code train}, {@code test} or {@code extra} (any case). */
        public static Part named(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown SVHN part '" + name + "'; use train, test or extra", e);
            }
        }
    }

    private final Path directory;
    private final VerifiedCache downloading;

    private Svhn(Path directory) {
        this.directory = directory;
        this.downloading = new VerifiedCache(directory, List.of(HttpMirror.plain(SITE)));
    }

    /** SVHN in the default data folder, as configured at the time of the call. */
    public static Svhn fromDataFolder() {
        return in(Mnist.defaultDataRoot());
    }

    /** SVHN in {@code <dataRoot>/svhn}. */
    public static Svhn in(Path dataRoot) {
        return new Svhn(dataRoot.toAbsolutePath().normalize().resolve("svhn"));
    }

    /** The folder that holds the files. */
    public Path directory() {
        return directory;
    }

    /**
     * The verified file of one part.
     *
     * @param download fetch the file from {@link #SITE} when it is absent or corrupt (else only look)
     * @throws DataUnavailableException when the file is absent or corrupt and may not, or cannot, be fetched; the
     *                                  message says where to put it or how to fetch it
     */
    public Path file(Part part, boolean download) {
        if (download) {
            return downloading.file(part.fileName(), VerifiedCache.MD5, part.md5());
        }
        Path target = directory.resolve(part.fileName());
        if (!Files.isRegularFile(target)) {
            throw new DataUnavailableException("SVHN's " + part.fileName() + " is not in " + directory + ". Download it from "
                    + SITE + " into that folder (or set DIGITS_DATA to the folder above it), or let Digits fetch it:"
                    + " add --download to the command (" + describeSize(part) + ")");
        }
        // Checked without the cache's repair, which would delete a file the user put there by hand.
        String actual = VerifiedCache.digest(target, VerifiedCache.MD5);
        if (!actual.equals(part.md5())) {
            throw new DataUnavailableException(target + " is not SVHN's " + part.fileName() + ": its MD5 is " + actual
                    + ", not " + part.md5() + " (truncated, or another file). Delete it and download it again from " + SITE
                    + ", or add --download to the command");
        }
        return target;
    }

    private static String describeSize(Part part) {
        return part.size() > 0 ? String.format(Locale.ROOT, "%,d bytes", part.size()) : "a large file";
    }
}
