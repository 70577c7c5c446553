package dev.digits.dl4j.train;

import dev.digits.ModelCard;
import java.util.Objects;

/**
 * What a classifier's data set changes in its training and card: MNIST's handwriting is fed as it is, SVHN's
 * photographed digits are standardised with the training pictures' mean and standard deviation (kept in the card,
 * so that every backend applies them), and each data set's measured figures go under its own card entries.
 *
 * @param name        the data set's name: {@code mnist}, {@code svhn}; recorded in the card as
 *                    {@value #DATASET_ENTRY} (MNIST's cards keep their first form, without it)
 * @param standardise standardise the input with the training pictures' mean and standard deviation
 * @param checksumKey the card entry of the training file's checksum (SHA-256 for MNIST, MD5 for SVHN, whose
 *                    publisher gives only that)
 */
public record DatasetRecipe(String name, boolean standardise, String checksumKey) {
    /** The card entry that names the training data set. */
    public static final String DATASET_ENTRY = "training.dataset";
    /** The card entry of SVHN's training file's MD5. */
    public static final String MD5_ENTRY = "training.data.md5";

    /** MNIST: the bundled classifier's recipe. */
    public static final DatasetRecipe MNIST = new DatasetRecipe("mnist", false, ModelCard.TRAINING_DATA_SHA256);
    /** SVHN's cropped digits, in gray. */
    public static final DatasetRecipe SVHN = new DatasetRecipe("svhn", true, MD5_ENTRY);

    public DatasetRecipe {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(checksumKey, "checksumKey");
    }

    /** Whether this is MNIST, whose cards and checkpoints keep the form they had before other data sets. */
    boolean isMnist() {
        return name.equals("mnist");
    }

    /** The model's name in its card. */
    String modelName() {
        return isMnist() ? "classifier" : "classifier-" + name;
    }

    /** The card entry of the accuracy on this data set's test pictures. */
    public String testAccuracyKey() {
        return isMnist() ? ModelCard.TEST_ACCURACY : "accuracy." + name + ".test";
    }

    /** Added to the options' fingerprint, so that a checkpoint of another data set or input size is not resumed. */
    String fingerprint(int side) {
        return isMnist() ? "" : ",data=" + name + ",side=" + side + ",standardise=" + standardise;
    }
}
