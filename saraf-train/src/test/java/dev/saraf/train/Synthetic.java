package dev.saraf.train;

import dev.saraf.data.DataLoader;
import dev.saraf.data.Dataset;
import dev.saraf.tensor.Shape;
import java.util.List;
import java.util.SplittableRandom;

/** Small synthetic datasets for the trainer's tests. */
final class Synthetic {
    private Synthetic() {}

    /** An in-memory dataset of {@code n} examples of {@code in} features and {@code out} targets (0 = a class index). */
    record Table(String name, float[] x, float[] y, int in, int out, List<String> classes) implements Dataset {
        @Override
        public int size() {
            return x.length / in;
        }

        @Override
        public Shape inputShape() {
            return Shape.of(in);
        }

        @Override
        public Shape targetShape() {
            return out == 0 ? Shape.scalar() : Shape.of(out);
        }

        @Override
        public void copyInput(int index, float[] dst, int offset) {
            System.arraycopy(x, index * in, dst, offset, in);
        }

        @Override
        public void copyTarget(int index, float[] dst, int offset) {
            int k = Math.max(1, out);
            System.arraycopy(y, index * k, dst, offset, k);
        }

        @Override
        public List<String> classNames() {
            return classes;
        }
    }

    /** {@code n} points in 2-d around {@code classes} centres on a circle of radius 3, unit spread. */
    static Table blobs(int n, int classes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * 2];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int c = i % classes;
            double a = 2 * Math.PI * c / classes;
            x[2 * i] = (float) (3 * Math.cos(a) + gaussian(r) * 0.7);
            x[2 * i + 1] = (float) (3 * Math.sin(a) + gaussian(r) * 0.7);
            y[i] = c;
        }
        List<String> names = new java.util.ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("c" + c);
        }
        return new Table("blobs", x, y, 2, 0, names);
    }

    /** {@code y = 2 x0 - 3 x1 + 0.5 + noise(0.1)} with {@code x} uniform in [-1, 1]^3 (x2 irrelevant). */
    static Table linear(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * 3];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[3 * i + j] = (float) (r.nextDouble() * 2 - 1);
            }
            y[i] = (float) (2 * x[3 * i] - 3 * x[3 * i + 1] + 0.5 + 0.1 * gaussian(r));
        }
        return new Table("linear", x, y, 3, 1, List.of());
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** A loader with batch size {@code batch}, shuffled with {@code seed} when {@code shuffle}. */
    static DataLoader loader(Dataset d, int batch, boolean shuffle, long seed) {
        return new DataLoader(d, new DataLoader.Options(batch, shuffle, seed, false, 2, List.of()));
    }
}
