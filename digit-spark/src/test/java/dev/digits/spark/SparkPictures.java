package dev.digits.spark;

import dev.digits.data.DigitDataset;
import dev.digits.data.Mnist;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.spark.sql.SparkSession;

/** The tests' Spark session (local[2], one per test JVM) and pictures written as files. */
final class SparkPictures {
    private static SparkSession session;

    private SparkPictures() {
    }

    /** A local[2] session with the UI off, shared by the module's tests. */
    static synchronized SparkSession spark() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("digit-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
        }
        return session;
    }

    /** The first {@code count} MNIST test digits as PNG files {@code 00000.png}, ... in {@code folder}. */
    static Path mnistPngs(Path folder, int count) {
        DigitDataset test = Mnist.fromDataFolder().test();
        try {
            Files.createDirectories(folder);
            for (int i = 0; i < count; i++) {
                BufferedImage picture = test.image(i).toBufferedImage();
                ImageIO.write(picture, "png", folder.resolve(String.format("%05d.png", i)).toFile());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }
}
