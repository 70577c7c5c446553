package dev.digits.eval;

/**
 * Measures of generated digits computed on feature vectors (each row one picture): the Fréchet distance between
 * two sets (FID when the features come from a classifier's penultimate layer) and the mean pairwise distance
 * within a set (low for a generator that collapsed onto a few pictures). Pure Java, in double precision.
 */
public final class GeneratorMetrics {
    private GeneratorMetrics() {
    }

    /**
     * The Fréchet distance between Gaussians fitted to two sets of features:
     * {@code |mu1 - mu2|² + Tr(C1 + C2 - 2 (C1 C2)^½)}.
     *
     * @throws IllegalArgumentException when a set has fewer than two rows or the widths differ
     */
    public static double frechetDistance(float[][] a, float[][] b) {
        int d = width(a, b);
        double[] muA = mean(a, d);
        double[] muB = mean(b, d);
        double[][] covA = covariance(a, muA);
        double[][] covB = covariance(b, muB);
        double distance = 0;
        for (int i = 0; i < d; i++) {
            distance += (muA[i] - muB[i]) * (muA[i] - muB[i]) + covA[i][i] + covB[i][i];
        }
        // Tr((A B)^½) = Tr((A^½ B A^½)^½), whose matrix is symmetric: the sum of the roots of its eigenvalues.
        double[][] rootA = symmetricRoot(covA);
        double[][] inner = multiply(multiply(rootA, covB), rootA);
        double trace = 0;
        for (double lambda : eigenvalues(inner)) {
            trace += Math.sqrt(Math.max(0, lambda));
        }
        return Math.max(0, distance - 2 * trace);
    }

    /**
     * The mean Euclidean distance between distinct rows.
     *
     * @throws IllegalArgumentException when there are fewer than two rows
     */
    public static double meanPairwiseDistance(float[][] rows) {
        if (rows.length < 2) {
            throw new IllegalArgumentException("Pairwise distances need at least two rows, got " + rows.length);
        }
        double sum = 0;
        long pairs = 0;
        for (int i = 0; i < rows.length; i++) {
            for (int j = i + 1; j < rows.length; j++) {
                double squared = 0;
                for (int k = 0; k < rows[i].length; k++) {
                    double diff = rows[i][k] - rows[j][k];
                    squared += diff * diff;
                }
                sum += Math.sqrt(squared);
                pairs++;
            }
        }
        return sum / pairs;
    }

    private static int width(float[][] a, float[][] b) {
        if (a.length < 2 || b.length < 2) {
            throw new IllegalArgumentException("Each set needs at least two rows, got " + a.length + " and " + b.length);
        }
        if (a[0].length != b[0].length) {
            throw new IllegalArgumentException("Feature widths differ: " + a[0].length + " and " + b[0].length);
        }
        return a[0].length;
    }

    private static double[] mean(float[][] rows, int d) {
        double[] mean = new double[d];
        for (float[] row : rows) {
            for (int i = 0; i < d; i++) {
                mean[i] += row[i];
            }
        }
        for (int i = 0; i < d; i++) {
            mean[i] /= rows.length;
        }
        return mean;
    }

    private static double[][] covariance(float[][] rows, double[] mean) {
        int d = mean.length;
        double[][] cov = new double[d][d];
        double[] centred = new double[d];
        for (float[] row : rows) {
            for (int i = 0; i < d; i++) {
                centred[i] = row[i] - mean[i];
            }
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    cov[i][j] += centred[i] * centred[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                cov[i][j] /= rows.length - 1;
                cov[j][i] = cov[i][j];
            }
        }
        return cov;
    }

    /** The symmetric square root of a symmetric positive semi-definite matrix. */
    static double[][] symmetricRoot(double[][] m) {
        int n = m.length;
        double[][] vectors = new double[n][n];
        double[] values = jacobi(copy(m), vectors);
        double[][] root = new double[n][n];
        for (int k = 0; k < n; k++) {
            double s = Math.sqrt(Math.max(0, values[k]));
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    root[i][j] += vectors[i][k] * s * vectors[j][k];
                }
            }
        }
        return root;
    }

    static double[] eigenvalues(double[][] symmetric) {
        return jacobi(copy(symmetric), new double[symmetric.length][symmetric.length]);
    }

    /** Cyclic Jacobi rotations: eigenvalues of a symmetric matrix (destroyed), eigenvectors in columns of {@code v}. */
    private static double[] jacobi(double[][] a, double[][] v) {
        int n = a.length;
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off < 1e-22) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = a[i][i];
        }
        return values;
    }

    private static double[][] multiply(double[][] x, double[][] y) {
        int n = x.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double xik = x[i][k];
                for (int j = 0; j < n; j++) {
                    out[i][j] += xik * y[k][j];
                }
            }
        }
        return out;
    }

    private static double[][] copy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }
}
