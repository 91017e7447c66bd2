package dev.saraf.nn.loss;

import dev.saraf.tensor.Tensor;

/** Checks class-index targets {@code [N]} against scores {@code [N, C]} and turns them into ints. */
final class ClassTargets {
    private ClassTargets() {}

    static int[] check(String loss, Tensor input, Tensor target, Tensor weight) {
        if (input.rank() != 2 || target.rank() != 1 || target.size(0) != input.size(0)) {
            throw new IllegalArgumentException(loss + ": input must be [N, C] and target [N] (class indices); got input "
                    + input.shape() + " and target " + target.shape());
        }
        int c = input.size(1);
        if (weight != null && !weight.shape().is(c)) {
            throw new IllegalArgumentException(loss + ": class weights must be [" + c + "] for input " + input.shape() + ", got "
                    + weight.shape());
        }
        float[] t = target.data();
        int[] out = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            float v = t[i];
            if (v != Math.rint(v) || Float.isNaN(v)) {
                throw new IllegalArgumentException(loss + ": target " + v + " at index " + i + " is not a whole class index");
            }
            if (!(v >= 0 && v < c)) {
                throw new IllegalArgumentException(loss + ": target " + (long) v + " at index " + i + " is outside [0, " + c + ")");
            }
            out[i] = (int) v;
        }
        return out;
    }

    static void checkSameShape(String loss, Tensor input, Tensor target) {
        if (!input.shape().equals(target.shape())) {
            throw new IllegalArgumentException(loss + ": input " + input.shape() + " and target " + target.shape()
                    + " must have the same shape");
        }
    }
}
