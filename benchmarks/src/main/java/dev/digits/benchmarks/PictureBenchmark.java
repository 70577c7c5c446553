package dev.digits.benchmarks;

import dev.digits.DigitClassifier;
import dev.digits.Prediction;
import dev.digits.preprocess.Pictures;
import dev.digits.preprocess.Preprocessed;
import dev.digits.preprocess.Preprocessor;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Pictures to digits: the MNIST preprocessing alone of a decoded 2000×2000 photo and of a 28×28 picture, and
 * a whole 12-megapixel JPEG file read to a digit (decode, EXIF, preprocessing, ONNX backend). The pictures
 * are made once per fork (see {@link Inputs}); each state is built only for the benchmark that uses it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PictureBenchmark extends Settings {
    private static final Preprocessor PREPROCESSOR = Preprocessor.mnist().withStages(false);

    /** A decoded phone-photo-like picture of a 7, 2000×2000 pixels. */
    @State(Scope.Benchmark)
    public static class Photo {
        BufferedImage picture;

        @Setup(Level.Trial)
        public void make() {
            picture = Inputs.photo(7, 2000, 2000, 1);
        }
    }

    /** An MNIST test digit (a 7) as a 28×28 gray picture. */
    @State(Scope.Benchmark)
    public static class Small {
        BufferedImage picture;

        @Setup(Level.Trial)
        public void make() {
            picture = Inputs.mnistPictures()[7];
        }
    }

    /** A 4000×3000 (12 MP) JPEG file of a 4, and the ONNX backend's classifier. */
    @State(Scope.Benchmark)
    public static class Jpeg {
        Path file;
        DigitClassifier classifier;

        @Setup(Level.Trial)
        public void make() throws Exception {
            file = Inputs.jpegFile(Inputs.photo(4, 4000, 3000, 2), 0.9f);
            classifier = BackendBenchmark.open("onnx");
            Prediction p = classifier.classify(Pictures.read(file));
            System.out.printf("12 MP JPEG: %d KiB, read as %d (%.3f)%n", Files.size(file) / 1024, p.digit(), p.confidence());
        }

        @TearDown(Level.Trial)
        public void close() throws Exception {
            classifier.close();
            Files.deleteIfExists(file);
        }
    }

    @Benchmark
    public Preprocessed preprocessPhoto2000(Photo photo) {
        return PREPROCESSOR.preprocess(photo.picture);
    }

    @Benchmark
    public Preprocessed preprocessPicture28(Small small) {
        return PREPROCESSOR.preprocess(small.picture);
    }

    @Benchmark
    public Prediction jpeg12MpToDigit(Jpeg jpeg) {
        return jpeg.classifier.classify(Pictures.read(jpeg.file));
    }
}
