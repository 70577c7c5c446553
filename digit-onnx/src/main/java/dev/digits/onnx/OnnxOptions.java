package dev.digits.onnx;

import dev.digits.DigitsException;
import java.util.Locale;

/**
 * How an {@link OnnxClassifier} runs its model: threads, graph optimisation and execution provider.
 * Immutable.
 *
 * <p>{@link #fromSystemProperties()} reads them from system properties, which is how the ONNX backend
 * found by {@link dev.digits.Digits} is configured:
 * <table>
 * <caption>System properties</caption>
 * <tr><th>property</th><th>values</th><th>default</th></tr>
 * <tr><td>{@code digits.onnx.threads}</td><td>intra-op threads; 0: automatic (see {@link #intraOpThreads()})</td><td>0</td></tr>
 * <tr><td>{@code digits.onnx.optimization}</td><td>{@code none}, {@code basic}, {@code extended}, {@code all}</td><td>{@code all}</td></tr>
 * <tr><td>{@code digits.onnx.provider}</td><td>{@code cpu} or {@code cuda}</td><td>{@code cpu}</td></tr>
 * <tr><td>{@code digits.onnx.cuda.device}</td><td>the CUDA device number</td><td>0</td></tr>
 * </table>
 *
 * <p><b>GPU.</b> The CUDA provider needs the GPU build of ONNX Runtime on the class path instead of the CPU
 * one: replace {@code com.microsoft.onnxruntime:onnxruntime} by {@code com.microsoft.onnxruntime:onnxruntime_gpu}
 * of the same version (exclude the former from {@code dev.digits:digit-onnx}), install the CUDA and cuDNN
 * versions that ONNX Runtime release names, and set {@code -Ddigits.onnx.provider=cuda} (or pass
 * {@code OnnxOptions.defaults().withProvider(Provider.CUDA)}). Operators CUDA lacks fall back to the CPU. With
 * the CPU build, asking for CUDA fails with a {@link dev.digits.BackendUnavailableException} when the model
 * is opened. The digit models are small: a GPU pays off only for large batches.
 *
 * @param intraOpThreads ONNX Runtime threads one run may use; 0: automatic, which for an {@link OnnxClassifier}
 *                       on the CPU means one per run, with batches split into parts run side by side on the
 *                       cores ({@link OnnxClassifier#parallelism()}), and for the other models lets ONNX Runtime
 *                       choose (one per core)
 * @param optimization   how much ONNX Runtime rewrites the graph before running it
 * @param provider       where the model runs
 * @param cudaDevice     the CUDA device, when {@code provider} is {@link Provider#CUDA}
 */
public record OnnxOptions(int intraOpThreads, Optimization optimization, Provider provider, int cudaDevice) {
    /** System property: intra-op threads. */
    public static final String THREADS_PROPERTY = "digits.onnx.threads";
    /** System property: optimisation level. */
    public static final String OPTIMIZATION_PROPERTY = "digits.onnx.optimization";
    /** System property: execution provider. */
    public static final String PROVIDER_PROPERTY = "digits.onnx.provider";
    /** System property: CUDA device number. */
    public static final String CUDA_DEVICE_PROPERTY = "digits.onnx.cuda.device";

    /** ONNX Runtime's graph optimisation levels. */
    public enum Optimization {
        /** No rewriting. */
        NONE,
        /** Constant folding, redundant node removal. */
        BASIC,
        /** Also node fusions (convolution + batch normalisation, ...). */
        EXTENDED,
        /** Everything, including layout changes. ONNX Runtime's default. */
        ALL
    }

    /** Where the model runs. */
    public enum Provider {
        /** ONNX Runtime's own CPU kernels. */
        CPU,
        /** An NVIDIA GPU; needs the {@code onnxruntime_gpu} artifact (see the class comment). */
        CUDA
    }

    public OnnxOptions {
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads must be 0 (automatic) or more, got " + intraOpThreads);
        }
        if (cudaDevice < 0) {
            throw new IllegalArgumentException("cudaDevice must be 0 or more, got " + cudaDevice);
        }
        java.util.Objects.requireNonNull(optimization, "optimization");
        java.util.Objects.requireNonNull(provider, "provider");
    }

    /** ONNX Runtime's defaults: automatic threads, all optimisations, CPU. */
    public static OnnxOptions defaults() {
        return new OnnxOptions(0, Optimization.ALL, Provider.CPU, 0);
    }

    /**
     * The defaults, changed by the {@code digits.onnx.*} system properties that are set.
     *
     * @throws DigitsException when a property has a value that means nothing
     */
    public static OnnxOptions fromSystemProperties() {
        OnnxOptions options = defaults();
        String threads = System.getProperty(THREADS_PROPERTY);
        if (threads != null && !threads.isBlank()) {
            options = options.withIntraOpThreads(parseInt(THREADS_PROPERTY, threads));
        }
        String optimization = System.getProperty(OPTIMIZATION_PROPERTY);
        if (optimization != null && !optimization.isBlank()) {
            options = options.withOptimization(parseEnum(Optimization.class, OPTIMIZATION_PROPERTY, optimization));
        }
        String provider = System.getProperty(PROVIDER_PROPERTY);
        if (provider != null && !provider.isBlank()) {
            options = options.withProvider(parseEnum(Provider.class, PROVIDER_PROPERTY, provider));
        }
        String device = System.getProperty(CUDA_DEVICE_PROPERTY);
        if (device != null && !device.isBlank()) {
            options = new OnnxOptions(options.intraOpThreads, options.optimization, options.provider,
                    parseInt(CUDA_DEVICE_PROPERTY, device));
        }
        return options;
    }

    /** These options with another number of intra-op threads (0 = automatic). */
    public OnnxOptions withIntraOpThreads(int threads) {
        return new OnnxOptions(threads, optimization, provider, cudaDevice);
    }

    /** These options with another optimisation level. */
    public OnnxOptions withOptimization(Optimization level) {
        return new OnnxOptions(intraOpThreads, level, provider, cudaDevice);
    }

    /** These options with another execution provider. */
    public OnnxOptions withProvider(Provider where) {
        return new OnnxOptions(intraOpThreads, optimization, where, cudaDevice);
    }

    private static int parseInt(String property, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new DigitsException("System property " + property + " must be a whole number of 0 or more, not '" + value + "'");
        }
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String property, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder known = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                known.append(known.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new DigitsException("System property " + property + " must be one of " + known + ", not '" + value + "'");
        }
    }
}
