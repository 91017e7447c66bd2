package dev.saraf.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/** Rows of the shared op table for the Reduction ops (see {@link DifferentiableOpsTest}). */
final class ReductionCases {
    private ReductionCases() {}

    /** {shape, axes} with axes null meaning all. */
    static final Object[][] AXES = {
        {new int[] {3, 4, 5}, null},
        {new int[] {3, 4, 5}, new int[] {0}},
        {new int[] {3, 4, 5}, new int[] {1}},
        {new int[] {3, 4, 5}, new int[] {-1}},
        {new int[] {3, 4, 5}, new int[] {0, 2}},
        {new int[] {3, 4, 5}, new int[] {2, 1}},
        {new int[] {2, 1, 3}, new int[] {1}},
        {new int[] {2, 1, 3}, new int[] {0, 2}},
        {new int[] {7}, new int[] {0}},
        {new int[] {}, null},
        {new int[] {2, 3, 2, 2}, new int[] {0, 2, 3}},
    };

    static List<OpCase> cases() {
        List<OpCase> c = new ArrayList<>();
        add(c, "sum", TestTensors::random, PlainLoops.Kind.SUM, (t, a, k) -> t.sum(a, k));
        add(c, "mean", TestTensors::random, PlainLoops.Kind.MEAN, (t, a, k) -> t.mean(a, k));
        add(c, "max", TestTensors::distinct, PlainLoops.Kind.MAX, (t, a, k) -> t.max(a, k));
        add(c, "min", TestTensors::distinct, PlainLoops.Kind.MIN, (t, a, k) -> t.min(a, k));
        add(c, "var0", TestTensors::random, PlainLoops.Kind.VAR0, (t, a, k) -> t.var(a, k, 0));
        add(c, "var1", TestTensors::random, PlainLoops.Kind.VAR1, (t, a, k) -> t.var(a, k, 1));
        c.add(OpCase.of("sum() [4,3]", r -> new Tensor[] {TestTensors.random(r, 4, 3)}, in -> in[0].sum(),
                in -> PlainLoops.reduce(in[0], null, false, PlainLoops.Kind.SUM)));
        c.add(OpCase.of("mean(1) [4,3]", r -> new Tensor[] {TestTensors.random(r, 4, 3)}, in -> in[0].mean(1),
                in -> PlainLoops.reduce(in[0], new int[] {1}, false, PlainLoops.Kind.MEAN)));
        return c;
    }

    interface Op {
        Tensor apply(Tensor t, int[] axes, boolean keepDim);
    }

    private static void add(List<OpCase> c, String name, BiFunction<SplittableRandom, int[], Tensor> make, PlainLoops.Kind kind,
                            Op op) {
        for (Object[] row : AXES) {
            int[] shape = (int[]) row[0];
            int[] axes = (int[]) row[1];
            if ((kind == PlainLoops.Kind.VAR1) && count(shape, axes) < 2) {
                continue;
            }
            for (boolean keep : new boolean[] {false, true}) {
                c.add(OpCase.of(name + " " + Arrays.toString(shape) + " axes " + Arrays.toString(axes) + (keep ? " keepDim" : ""),
                        r -> new Tensor[] {make.apply(r, shape)},
                        in -> op.apply(in[0], axes, keep),
                        in -> PlainLoops.reduce(in[0], axes, keep, kind)));
            }
        }
    }

    private static int count(int[] shape, int[] axes) {
        int n = 1;
        for (int i = 0; i < shape.length; i++) {
            final int ax = i;
            if (axes == null || Arrays.stream(axes).anyMatch(a -> (a < 0 ? a + shape.length : a) == ax)) {
                n *= shape[i];
            }
        }
        return n;
    }
}
