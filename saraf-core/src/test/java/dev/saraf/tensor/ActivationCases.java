package dev.saraf.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/** Rows of the shared op table for the Activation ops (see {@link DifferentiableOpsTest}). */
final class ActivationCases {
    private ActivationCases() {}

    static final int[][] SHAPES = {{3, 4}, {1}, {}, {2, 1, 3}, {7}, {2, 3, 5}};

    /** erf from its Taylor series in double (converges fast for |x| <= 4), independent of the op's erf. */
    static double erf(double x) {
        double sum = 0;
        double term = x;
        for (int n = 0; n < 200; n++) {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    static List<OpCase> cases() {
        List<OpCase> c = new ArrayList<>();
        BiFunction<SplittableRandom, int[], Tensor> away = (r, s) -> TestTensors.awayFromZero(r, 0.05f, s);
        unary(c, "relu", away, Tensor::relu, x -> Math.max(x, 0));
        unary(c, "leakyRelu", away, t -> t.leakyRelu(0.1f), x -> x > 0 ? x : 0.1 * x);
        unary(c, "elu", away, t -> t.elu(1.3f), x -> x > 0 ? x : 1.3 * Math.expm1(x));
        unary(c, "gelu", TestTensors::random, Tensor::gelu, x -> 0.5 * x * (1 + erf(x / Math.sqrt(2))));
        unary(c, "sigmoid", (r, s) -> TestTensors.uniform(r, -6f, 6f, s), Tensor::sigmoid, x -> 1 / (1 + Math.exp(-x)));
        unary(c, "tanh", TestTensors::random, Tensor::tanh, Math::tanh);
        int[][][] axisCases = {{{3, 5}, {-1}}, {{3, 5}, {0}}, {{2, 3, 4}, {1}}, {{2, 3, 4}, {2}}, {{2, 3, 4}, {0}}, {{1, 7}, {1}},
            {{4}, {0}}, {{4, 1}, {1}}};
        for (int[][] a : axisCases) {
            int[] s = a[0];
            int axis = a[1][0];
            c.add(OpCase.of("softmax " + Arrays.toString(s) + " axis " + axis, r -> new Tensor[] {TestTensors.random(r, s)},
                    in -> in[0].softmax(axis), in -> PlainLoops.softmax(in[0], axis, false)));
            c.add(OpCase.of("logSoftmax " + Arrays.toString(s) + " axis " + axis, r -> new Tensor[] {TestTensors.random(r, s)},
                    in -> in[0].logSoftmax(axis), in -> PlainLoops.softmax(in[0], axis, true)));
        }
        // a typical classifier head: log-softmax of logits picked by a mask, summed
        c.add(OpCase.of("logSoftmax then weighted [5,3]", r -> new Tensor[] {TestTensors.uniform(r, -4f, 4f, 5, 3)},
                in -> in[0].logSoftmax(1).mul(in[0].sigmoid()),
                in -> PlainLoops.binary(PlainLoops.softmax(in[0], 1, true),
                        PlainLoops.unary(in[0], x -> 1 / (1 + Math.exp(-x))), (x, y) -> x * y)));
        return c;
    }

    private static void unary(List<OpCase> c, String name, BiFunction<SplittableRandom, int[], Tensor> make,
                              Function<Tensor, Tensor> op, DoubleUnaryOperator ref) {
        for (int[] s : SHAPES) {
            c.add(OpCase.of(name + " " + Arrays.toString(s), r -> new Tensor[] {make.apply(r, s)},
                    in -> op.apply(in[0]), in -> PlainLoops.unary(in[0], ref)));
        }
    }
}
