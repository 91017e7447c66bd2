package dev.saraf.data;

import dev.saraf.tensor.Shape;
import java.util.List;

/**
 * A data set held in two flat float arrays: example {@code i}'s input is
 * {@code inputs[i*inNumel .. (i+1)*inNumel)} and its target {@code targets[i*tNumel ..]}.
 * Used for CSV tables and image folders, and handy in tests.
 */
public final class ArrayDataset implements Dataset {
    private final String name;
    private final float[] inputs;
    private final float[] targets;
    private final Shape inputShape;
    private final Shape targetShape;
    private final List<String> classNames;
    private final int size;
    private final int inNumel;
    private final int targetNumel;

    /**
     * Wraps the arrays without copying.
     *
     * @param inputs      {@code [N, ...inputShape]} flattened
     * @param targets     {@code [N, ...targetShape]} flattened (class indices as floats)
     * @param classNames  class names for classification, empty for regression
     * @throws IllegalArgumentException if the array lengths do not describe the same N
     */
    public ArrayDataset(String name, float[] inputs, Shape inputShape, float[] targets, Shape targetShape,
                        List<String> classNames) {
        this.name = name;
        this.inputs = inputs;
        this.targets = targets;
        this.inputShape = inputShape;
        this.targetShape = targetShape;
        this.classNames = List.copyOf(classNames);
        this.inNumel = inputShape.numel();
        this.targetNumel = targetShape.numel();
        if (inNumel == 0 || inputs.length % inNumel != 0) {
            throw new IllegalArgumentException(name + ": " + inputs.length + " input floats do not divide into examples of "
                    + inputShape);
        }
        this.size = inputs.length / inNumel;
        if ((long) size * targetNumel != targets.length) {
            throw new IllegalArgumentException(name + ": " + size + " inputs of " + inputShape + " but " + targets.length
                    + " target floats (expected " + (long) size * targetNumel + " for targets of " + targetShape + ")");
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Shape inputShape() {
        return inputShape;
    }

    @Override
    public Shape targetShape() {
        return targetShape;
    }

    @Override
    public void copyInput(int index, float[] dst, int offset) {
        System.arraycopy(inputs, check(index) * inNumel, dst, offset, inNumel);
    }

    @Override
    public void copyTarget(int index, float[] dst, int offset) {
        System.arraycopy(targets, check(index) * targetNumel, dst, offset, targetNumel);
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public String name() {
        return name;
    }

    private int check(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(name + ": example " + index + " out of range [0, " + size + ")");
        }
        return index;
    }
}
