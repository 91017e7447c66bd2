package dev.saraf.data;

/** What a tabular target is: a class to pick or numbers to predict. */
public enum Task {
    /** The target is a class index in {@code [0, classes)}; the data set has class names. */
    CLASSIFICATION,
    /** The targets are real numbers; the data set has no class names. */
    REGRESSION
}
