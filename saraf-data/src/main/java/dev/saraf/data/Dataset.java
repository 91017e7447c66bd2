package dev.saraf.data;

import dev.saraf.tensor.Shape;
import java.util.List;

/**
 * Random access to the examples of a data set: example {@code i} is an input of shape
 * {@link #inputShape()} and a target of shape {@link #targetShape()}, both copied as floats into a
 * caller's array so that a {@link DataLoader} can assemble a whole batch into one {@code float[]}
 * without a tensor per example.
 *
 * <p>Implementations are read-only after construction and safe to read from several threads.
 */
public interface Dataset {
    /** Number of examples. */
    int size();

    /** Shape of one input, e.g. {@code [1, 28, 28]} for MNIST or {@code [F]} for F CSV features. */
    Shape inputShape();

    /**
     * Shape of one target: {@link Shape#scalar()} for a class index (stored as a float),
     * {@code [k]} for k regression targets.
     */
    Shape targetShape();

    /** Writes the {@code inputShape().numel()} floats of example {@code index} at {@code dst[offset..]}. */
    void copyInput(int index, float[] dst, int offset);

    /** Writes the {@code targetShape().numel()} floats of example {@code index} at {@code dst[offset..]}. */
    void copyTarget(int index, float[] dst, int offset);

    /** Class names in class-index order; empty for regression. */
    List<String> classNames();

    /** A short name for messages and reports, e.g. {@code "mnist-10k"} or {@code "csv:houses.csv"}. */
    String name();
}
