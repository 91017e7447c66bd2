package dev.saraf.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A training split, a held-out split (the official test set where there is one, else a
 * validation split) and the preprocessing that turned raw files into these examples.
 *
 * @param train         the examples to fit on
 * @param test          the held-out examples (test or validation); may be empty
 * @param preprocessing how raw inputs were turned into floats, to apply again at prediction time
 */
public record Splits(Dataset train, Dataset test, Preprocessing preprocessing) {
    /** Checks that no component is null. */
    public Splits {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(preprocessing, "preprocessing");
    }

    /**
     * Splits {@code dataset} at random into training and validation examples: the validation split
     * holds {@code round(size * validationFraction)} examples, chosen by a permutation that is a pure
     * function of {@code seed}; both splits keep the original order of their examples.
     * The preprocessing is {@link Preprocessing#none(Dataset, Task)}.
     *
     * @param validationFraction in {@code [0, 1)}
     */
    public static Splits trainValidation(Dataset dataset, double validationFraction, long seed) {
        Task task = dataset.classNames().isEmpty() ? Task.REGRESSION : Task.CLASSIFICATION;
        return trainValidation(dataset, validationFraction, seed, Preprocessing.none(dataset, task));
    }

    /** As {@link #trainValidation(Dataset, double, long)}, with the given preprocessing. */
    public static Splits trainValidation(Dataset dataset, double validationFraction, long seed,
                                         Preprocessing preprocessing) {
        int[][] parts = indices(dataset.size(), validationFraction, seed, dataset.name());
        return new Splits(new Subset(dataset, parts[0], dataset.name()),
                new Subset(dataset, parts[1], dataset.name() + ":validation"), preprocessing);
    }

    /** The sorted training and validation indices of a split of {@code n} examples: {@code {train, validation}}. */
    static int[][] indices(int n, double validationFraction, long seed, String what) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException(what + ": validation fraction must be in [0, 1), got " + validationFraction);
        }
        int nValidation = (int) Math.round(n * validationFraction);
        if (nValidation >= n && n > 0) {
            nValidation = n - 1;
        }
        int[] p = Shuffle.permutation(n, seed);
        int[] validation = Arrays.copyOfRange(p, 0, nValidation);
        int[] train = Arrays.copyOfRange(p, nValidation, n);
        Arrays.sort(validation);
        Arrays.sort(train);
        return new int[][] {train, validation};
    }
}
