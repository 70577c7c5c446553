package dev.digits;

import java.util.Optional;
import java.util.Set;

/** Backends that exist only in digit-api's tests, listed in its test resources' service file. */
public final class FakeBackends {
    static final String FORMAT = "fake";
    private static final DigitBackend.BundledModels MODELS =
            new DigitBackend.BundledModels(FakeBackends.class, "/dev/digits/fake/", "fake");

    private FakeBackends() {
    }

    /** What the fakes share: available, one task, the fake format, the bundled fake models. */
    private abstract static class Fake implements DigitBackend {
        private final String name;
        private final int priority;
        private final Task task;

        Fake(String name, int priority, Task task) {
            this.name = name;
            this.priority = priority;
            this.task = task;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public boolean isAvailable() {
            return true;
        }

        @Override
        public String artifact() {
            return "test:" + name;
        }

        @Override
        public Set<Task> tasks() {
            return Set.of(task);
        }

        @Override
        public Set<String> formats() {
            return Set.of(FORMAT);
        }

        @Override
        public Optional<BundledModels> bundledModels() {
            return Optional.of(MODELS);
        }
    }

    /** Serves only generation, at the highest priority, and bundles a classifier it cannot run. */
    public static final class GenerateOnly extends Fake {
        public GenerateOnly() {
            super("fake-generate", 100, Task.GENERATE);
        }
    }

    /** Serves only classification, at a low priority; its classifier answers 3 for everything. */
    public static final class ClassifyOnly extends Fake {
        public ClassifyOnly() {
            super("fake-classify", 1, Task.CLASSIFY);
        }

        @Override
        public DigitClassifier classifier(LoadedModel model) {
            return new ConstantClassifier(model.card(), name(), 3);
        }
    }

    /** A provider whose constructor fails, as one with a missing native library would. */
    public static final class Broken extends Fake {
        public Broken() {
            super("broken", 1000, Task.CLASSIFY);
            throw new IllegalStateException("broken on purpose");
        }
    }

    /**
     * The fake backends' own model format, which digit-api knows nothing of: files whose bytes start with
     * {@code fake}. It shows that a backend brings its format without touching digit-api.
     */
    public static final class FakeFormat implements ModelFormat {
        @Override
        public Set<String> names() {
            return Set.of(FORMAT);
        }

        @Override
        public java.util.Optional<String> recognise(byte[] model) {
            return new String(model, 0, Math.min(4, model.length), java.nio.charset.StandardCharsets.ISO_8859_1)
                    .equals("fake") ? java.util.Optional.of(FORMAT) : java.util.Optional.empty();
        }

        @Override
        public String artifact() {
            return "the test backends of digit-api";
        }
    }
}
