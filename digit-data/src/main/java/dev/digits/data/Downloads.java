package dev.digits.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Where the progress of data downloads (MNIST, Fashion-MNIST, SVHN) goes. Digits never prints: a program that
 * wants to show a download, as the {@code digits} command does on standard error, sets a {@link Listener};
 * without one, progress is dropped and only the log says that a file is being fetched.
 */
public final class Downloads {
    /** Told how far a download has come. Called from the downloading thread; keep it quick. */
    public interface Listener {
        /**
         * Some more bytes of {@code file} arrived.
         *
         * @param file       the file's name
         * @param bytes      bytes received so far
         * @param totalBytes the download's size, or -1 when the source does not say
         */
        void progress(String file, long bytes, long totalBytes);

        /** The download of {@code file} ended, whether it succeeded or not. */
        void finished(String file);
    }

    private static final Listener NONE = new Listener() {
        @Override
        public void progress(String file, long bytes, long totalBytes) {
        }

        @Override
        public void finished(String file) {
        }
    };
    private static volatile Listener listener = NONE;

    private Downloads() {
    }

    /** Sends the progress of every later download to {@code listener}; {@code null} drops it again. */
    public static void setListener(Listener listener) {
        Downloads.listener = listener == null ? NONE : listener;
    }

    static Listener listener() {
        return listener;
    }

    /** {@code in}, telling the listener of every read from it. */
    static InputStream counting(InputStream in, String file, long totalBytes) {
        Objects.requireNonNull(in, "in");
        Listener told = listener;
        told.progress(file, 0, totalBytes);
        return new FilterInputStream(in) {
            private long bytes;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    told.progress(file, ++bytes, totalBytes);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    bytes += n;
                    told.progress(file, bytes, totalBytes);
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    told.finished(file);
                }
            }
        };
    }
}
