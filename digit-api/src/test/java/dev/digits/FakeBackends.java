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

    /** Serves only generation, at the highest priority, and bundles a classifier it cannot run. */
    public static final class GenerateOnly implements DigitBackend {
        @Override
        public String name() {
            return "fake-generate";
        }

        @Override
        public int priority() {
            return 100;
        }

        @Override
        public boolean isAvailable() {
            return true;
        }

        @Override
        public String artifact() {
            return "test:fake-generate";
        }

        @Override
        public Set<Task> tasks() {
            return Set.of(Task.GENERATE);
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

    /** Serves only classification, at a low priority; its classifier answers 3 for everything. */
    public static final class ClassifyOnly implements DigitBackend {
        @Override
        public String name() {
            return "fake-classify";
        }

        @Override
        public int priority() {
            return 1;
        }

        @Override
        public boolean isAvailable() {
            return true;
        }

        @Override
        public String artifact() {
            return "test:fake-classify";
        }

        @Override
        public Set<Task> tasks() {
            return Set.of(Task.CLASSIFY);
        }

        @Override
        public Set<String> formats() {
            return Set.of(FORMAT);
        }

        @Override
        public Optional<BundledModels> bundledModels() {
            return Optional.of(MODELS);
        }

        @Override
        public DigitClassifier classifier(LoadedModel model) {
            model.requireTask(Task.CLASSIFY);
            return new ConstantClassifier(model.card(), name(), 3);
        }
    }

    /** A provider whose constructor fails, as one with a missing native library would. */
    public static final class Broken implements DigitBackend {
        public Broken() {
            throw new IllegalStateException("broken on purpose");
        }

        @Override
        public String name() {
            return "broken";
        }

        @Override
        public int priority() {
            return 1000;
        }

        @Override
        public boolean isAvailable() {
            return true;
        }

        @Override
        public String artifact() {
            return "test:broken";
        }

        @Override
        public Set<Task> tasks() {
            return Set.of(Task.CLASSIFY);
        }

        @Override
        public Set<String> formats() {
            return Set.of(FORMAT);
        }
    }
}
