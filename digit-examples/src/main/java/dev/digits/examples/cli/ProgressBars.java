package dev.digits.examples.cli;

import dev.digits.data.Downloads;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars on standard error, so that standard output keeps only results (and JSON). */
final class ProgressBars {
    private ProgressBars() {
    }

    /** A bar for {@code max} steps of {@code task}. */
    static ProgressBar of(String task, long max) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    /**
     * A bar per data download, in MB, on standard error: the first {@code evaluate} on an empty data folder would
     * otherwise be silent while MNIST arrives. Downloads of one program run one after another.
     */
    static Downloads.Listener downloads() {
        return new Downloads.Listener() {
            private ProgressBar bar;
            private String file;

            @Override
            public synchronized void progress(String name, long bytes, long totalBytes) {
                if (bar == null || !name.equals(file)) {
                    close();
                    file = name;
                    bar = new ProgressBarBuilder().setTaskName("Downloading " + name).setInitialMax(totalBytes)
                            .setUnit(" MB", 1 << 20).showSpeed().setStyle(ProgressBarStyle.ASCII)
                            .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
                }
                bar.stepTo(bytes);
            }

            @Override
            public synchronized void finished(String name) {
                if (name.equals(file)) {
                    close();
                }
            }

            private void close() {
                if (bar != null) {
                    bar.close();
                    bar = null;
                    file = null;
                }
            }
        };
    }

    /** One bar after another, one per epoch of a training. */
    static final class PerEpoch implements AutoCloseable {
        private ProgressBar bar;

        /** Ends the previous epoch's bar and starts one for this epoch. */
        void start(String task, long steps) {
            close();
            bar = of(task, steps);
        }

        void step() {
            if (bar != null) {
                bar.step();
            }
        }

        void message(String text) {
            if (bar != null) {
                bar.setExtraMessage(text);
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
