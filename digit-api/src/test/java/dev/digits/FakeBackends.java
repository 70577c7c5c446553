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
            model.requireTask(Task.CLASSIFY);
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
}
