package dev.saraf.data;

import dev.saraf.tensor.Shape;
import java.util.List;

/** A view of some examples of another data set, in the order of {@code indices}. */
public final class Subset implements Dataset {
    private final Dataset source;
    private final int[] indices;
    private final String name;

    /**
     * @param indices positions in {@code source} (copied); each must be in range
     */
    public Subset(Dataset source, int[] indices, String name) {
        this.source = source;
        this.indices = indices.clone();
        this.name = name;
        for (int i : this.indices) {
            if (i < 0 || i >= source.size()) {
                throw new IndexOutOfBoundsException(source.name() + ": subset index " + i + " out of range [0, "
                        + source.size() + ")");
            }
        }
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public Shape inputShape() {
        return source.inputShape();
    }

    @Override
    public Shape targetShape() {
        return source.targetShape();
    }

    @Override
    public void copyInput(int index, float[] dst, int offset) {
        source.copyInput(indices[index], dst, offset);
    }

    @Override
    public void copyTarget(int index, float[] dst, int offset) {
        source.copyTarget(indices[index], dst, offset);
    }

    @Override
    public List<String> classNames() {
        return source.classNames();
    }

    @Override
    public String name() {
        return name;
    }
}
