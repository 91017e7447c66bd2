package dev.saraf.data;

import dev.saraf.tensor.Tensor;

/** One-hot encoding of class-index targets. */
public final class OneHot {
    private OneHot() {}

    /**
     * {@code [B]} class indices (as floats) to {@code [B, classes]} rows of zeros with a 1 at the class.
     *
     * @throws IllegalArgumentException naming the position when a target is not an integer in {@code [0, classes)}
     */
    public static Tensor encode(Tensor targets, int classes) {
        if (targets.shape().rank() != 1) {
            throw new IllegalArgumentException("OneHot.encode: expects targets [B], got " + targets.shape());
        }
        if (classes <= 0) {
            throw new IllegalArgumentException("OneHot.encode: classes must be positive, got " + classes);
        }
        float[] t = targets.data();
        float[] out = new float[t.length * classes];
        for (int i = 0; i < t.length; i++) {
            int c = (int) t[i];
            if (c != t[i] || c < 0 || c >= classes) {
                throw new IllegalArgumentException("OneHot.encode: target " + i + " is " + t[i]
                        + ", not a class index in [0, " + classes + ")");
            }
            out[i * classes + c] = 1f;
        }
        return Tensor.wrap(out, t.length, classes);
    }
}
