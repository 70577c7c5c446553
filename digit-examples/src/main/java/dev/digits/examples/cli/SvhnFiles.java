package dev.digits.examples.cli;

import dev.digits.data.BadDataException;
import dev.digits.data.DigitDataset;
import dev.digits.data.Svhn;
import dev.digits.data.VerifiedCache;
import dev.digits.dl4j.data.SvhnMatReader;
import java.nio.file.Files;
import java.nio.file.Path;

/** The SVHN file a command reads: the official one (verified, fetched with --download) or one the user names. */
final class SvhnFiles {
    private SvhnFiles() {
    }

    /** A file of SVHN's format and its MD5 (the publisher's for the official files, computed for others). */
    record Source(Path file, String md5, boolean official) {
        /** The file's pictures, in colour. */
        DigitDataset read() {
            System.err.println("Reading " + file + "...");
            return SvhnMatReader.read(file);
        }
    }

    /**
     * {@code given} when the user named a file (its format is checked when it is read; the MD5 check is for the
     * official files), else the official file of {@code part}, verified, fetched first when {@code download}.
     */
    static Source of(Svhn.Part part, Path given, boolean download) {
        if (given != null) {
            if (!Files.isRegularFile(given)) {
                throw new BadDataException("The SVHN file " + given + " does not exist; name a file in SVHN's format ("
                        + part.fileName() + " from " + Svhn.SITE + "), or leave the option out to use the official one");
            }
            return new Source(given, VerifiedCache.digest(given, VerifiedCache.MD5), false);
        }
        return new Source(Svhn.fromDataFolder().file(part, download), part.md5(), true);
    }
}
