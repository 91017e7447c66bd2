package dev.saraf.data;

import dev.saraf.kernels.MapKernels;
import dev.saraf.tensor.Shape;
import java.util.List;

/**
 * Images and labels from a pair of IDX files, kept as bytes (a quarter of the memory of floats)
 * and scaled on copy: input {@code [1, rows, cols]} with each pixel {@code x / 255}, target the
 * class index.
 */
public final class IdxDataset implements Dataset {
    private final String name;
    private final byte[] pixels;
    private final byte[] labels;
    private final Shape inputShape;
    private final int pixelsPerImage;
    private final List<String> classNames;

    /**
     * @param images     an IDX file of dimensions {@code [N, rows, cols]}
     * @param labels     an IDX file of dimensions {@code [N]}, each label below {@code classNames.size()}
     * @throws DataException naming the files when the counts differ or a label is out of range
     */
    public IdxDataset(String name, IdxFile images, IdxFile labels, List<String> classNames) {
        if (images.dims().length != 3) {
            throw new DataException(images.fileName() + ": expected 3 dimensions (images), found " + images.dims().length);
        }
        if (labels.dims().length != 1) {
            throw new DataException(labels.fileName() + ": expected 1 dimension (labels), found " + labels.dims().length);
        }
        if (images.count() != labels.count()) {
            throw new DataException(labels.fileName() + ": " + labels.count() + " labels for " + images.count()
                    + " images in " + images.fileName());
        }
        byte[] l = labels.data();
        for (int i = 0; i < l.length; i++) {
            if ((l[i] & 0xFF) >= classNames.size()) {
                throw new DataException(labels.fileName() + ": byte " + (8 + i) + ": label " + (l[i] & 0xFF)
                        + " is not below the " + classNames.size() + " classes");
            }
        }
        this.name = name;
        this.pixels = images.data();
        this.labels = l;
        this.inputShape = Shape.of(1, images.dims()[1], images.dims()[2]);
        this.pixelsPerImage = images.itemSize();
        this.classNames = List.copyOf(classNames);
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public Shape inputShape() {
        return inputShape;
    }

    @Override
    public Shape targetShape() {
        return Shape.scalar();
    }

    @Override
    public void copyInput(int index, float[] dst, int offset) {
        MapKernels.bytesToFloat(pixels, check(index) * pixelsPerImage, 255f, dst, offset, pixelsPerImage);
    }

    @Override
    public void copyTarget(int index, float[] dst, int offset) {
        dst[offset] = labels[check(index)] & 0xFF;
    }

    /** The class index of example {@code index}. */
    public int label(int index) {
        return labels[check(index)] & 0xFF;
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
        if (index < 0 || index >= labels.length) {
            throw new IndexOutOfBoundsException(name + ": example " + index + " out of range [0, " + labels.length + ")");
        }
        return index;
    }
}
