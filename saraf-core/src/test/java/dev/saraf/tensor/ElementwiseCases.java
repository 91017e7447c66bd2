package dev.saraf.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/** Rows of the shared op table for the Elementwise ops (see {@link DifferentiableOpsTest}). */
final class ElementwiseCases {
    private ElementwiseCases() {}

    /** Operand shape pairs: equal, row and channel broadcast, both ways, scalars, size-1 axes, primes. */
    static final int[][][] PAIRS = {
        {{3, 4}, {3, 4}},
        {{2, 3}, {3}},
        {{2, 3, 2, 2}, {1, 3, 1, 1}},
        {{3, 1, 5}, {4, 1}},
        {{5, 1}, {1, 7}},
        {{}, {2, 3}},
        {{5, 7}, {}},
        {{1}, {2, 1, 3}},
        {{3}, {2, 3}},
    };

    static final int[][] UNARY_SHAPES = {{3, 4}, {1}, {}, {2, 1, 3}, {7}};

    static List<OpCase> cases() {
        List<OpCase> c = new ArrayList<>();
        binary(c, "add", (r, s) -> TestTensors.random(r, s), (r, s) -> TestTensors.random(r, s), Tensor::add, Double::sum);
        binary(c, "sub", (r, s) -> TestTensors.random(r, s), (r, s) -> TestTensors.random(r, s), Tensor::sub, (x, y) -> x - y);
        binary(c, "mul", (r, s) -> TestTensors.random(r, s), (r, s) -> TestTensors.random(r, s), Tensor::mul, (x, y) -> x * y);
        binary(c, "div", (r, s) -> TestTensors.random(r, s), (r, s) -> TestTensors.awayFromZero(r, 0.5f, s), Tensor::div,
                (x, y) -> x / y);
        // ties or near-ties would put a finite-difference probe across the kink: b is offset from a's grid
        binary(c, "maximum", (r, s) -> onGrid(TestTensors.distinct(r, s), 0f), (r, s) -> onGrid(TestTensors.distinct(r, s), 0.05f),
                Tensor::maximum, Math::max);
        binary(c, "minimum", (r, s) -> onGrid(TestTensors.distinct(r, s), 0f), (r, s) -> onGrid(TestTensors.distinct(r, s), 0.05f),
                Tensor::minimum, Math::min);
        binary(c, "pow", (r, s) -> TestTensors.uniform(r, 0.5f, 2f, s), (r, s) -> TestTensors.uniform(r, -2f, 2f, s), Tensor::pow,
                Math::pow);

        unary(c, "neg", TestTensors::random, Tensor::neg, x -> -x);
        unary(c, "exp", TestTensors::random, Tensor::exp, Math::exp);
        unary(c, "log", (r, s) -> TestTensors.uniform(r, 0.5f, 3f, s), Tensor::log, Math::log);
        unary(c, "sqrt", (r, s) -> TestTensors.uniform(r, 0.5f, 3f, s), Tensor::sqrt, Math::sqrt);
        unary(c, "abs", (r, s) -> TestTensors.awayFromZero(r, 0.05f, s), Tensor::abs, Math::abs);
        unary(c, "clamp", (r, s) -> awayFrom(TestTensors.random(r, s), -0.5f, 0.7f), t -> t.clamp(-0.5f, 0.7f),
                x -> Math.min(Math.max(x, -0.5), 0.7));
        unary(c, "addScalar", TestTensors::random, t -> t.add(1.5f), x -> x + 1.5f);
        unary(c, "subScalar", TestTensors::random, t -> t.sub(0.25f), x -> x - 0.25f);
        unary(c, "mulScalar", TestTensors::random, t -> t.mul(-3f), x -> x * -3f);
        unary(c, "divScalar", TestTensors::random, t -> t.div(4f), x -> x / 4f);
        unary(c, "pow2", TestTensors::random, t -> t.pow(2f), x -> x * x);
        unary(c, "pow3", TestTensors::random, t -> t.pow(3f), x -> x * x * x);
        unary(c, "pow-1.5", (r, s) -> TestTensors.uniform(r, 0.5f, 2f, s), t -> t.pow(-1.5f), x -> Math.pow(x, -1.5));
        unary(c, "pow0.5", (r, s) -> TestTensors.uniform(r, 0.5f, 2f, s), t -> t.pow(0.5f), Math::sqrt);

        for (int[][] p : new int[][][] {{{2, 3}, {2, 3}, {2, 3}}, {{3, 1}, {1, 4}, {}}, {{4}, {2, 1, 4}, {3, 1}}}) {
            long seed = Arrays.deepHashCode(p);
            Tensor cond = coin(new SplittableRandom(seed), p[0]);
            c.add(OpCase.of("where " + Arrays.toString(p[0]) + " ? " + Arrays.toString(p[1]) + " : " + Arrays.toString(p[2]),
                    r -> new Tensor[] {TestTensors.random(r, p[1]), TestTensors.random(r, p[2])},
                    in -> Tensor.where(cond, in[0], in[1]),
                    in -> PlainLoops.where(cond, in[0], in[1])));
        }
        // a small graph mixing broadcasts in both directions
        c.add(OpCase.of("x*y+z [4,1]*[3]+[1,3]", r -> new Tensor[] {TestTensors.random(r, 4, 1), TestTensors.random(r, 3),
                        TestTensors.random(r, 1, 3)},
                in -> in[0].mul(in[1]).add(in[2]),
                in -> PlainLoops.binary(PlainLoops.binary(in[0], in[1], (x, y) -> x * y), in[2], Double::sum)));
        return c;
    }

    private static void binary(List<OpCase> c, String name, BiFunction<SplittableRandom, int[], Tensor> ma,
                               BiFunction<SplittableRandom, int[], Tensor> mb, BiFunction<Tensor, Tensor, Tensor> op,
                               DoubleBinaryOperator ref) {
        for (int[][] p : PAIRS) {
            c.add(OpCase.of(name + " " + Arrays.toString(p[0]) + "," + Arrays.toString(p[1]),
                    r -> new Tensor[] {ma.apply(r, p[0]), mb.apply(r, p[1])},
                    in -> op.apply(in[0], in[1]),
                    in -> PlainLoops.binary(in[0], in[1], ref)));
            if (!Arrays.equals(p[0], p[1])) {
                c.add(OpCase.of(name + " " + Arrays.toString(p[1]) + "," + Arrays.toString(p[0]),
                        r -> new Tensor[] {ma.apply(r, p[1]), mb.apply(r, p[0])},
                        in -> op.apply(in[0], in[1]),
                        in -> PlainLoops.binary(in[0], in[1], ref)));
            }
        }
    }

    private static void unary(List<OpCase> c, String name, BiFunction<SplittableRandom, int[], Tensor> make,
                              Function<Tensor, Tensor> op, DoubleUnaryOperator ref) {
        for (int[] s : UNARY_SHAPES) {
            c.add(OpCase.of(name + " " + Arrays.toString(s), r -> new Tensor[] {make.apply(r, s)},
                    in -> op.apply(in[0]), in -> PlainLoops.unary(in[0], ref)));
        }
    }

    /** Rounds to multiples of 0.1 plus {@code offset}: operands on grids offset by 0.05 never come closer than 0.05. */
    static Tensor onGrid(Tensor t, float offset) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.round(d[i] * 10f) / 10f + offset;
        }
        return t;
    }

    /** Moves values within 0.05 of either bound 0.1 further up, so probes never straddle a bound. */
    static Tensor awayFrom(Tensor t, float lo, float hi) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            if (Math.abs(d[i] - lo) < 0.05f || Math.abs(d[i] - hi) < 0.05f) {
                d[i] += 0.1f;
            }
        }
        return t;
    }

    /** Random zeros and ones. */
    static Tensor coin(SplittableRandom r, int... dims) {
        Tensor t = TestTensors.random(r, dims);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = d[i] > 0 ? 1f : 0f;
        }
        return t;
    }
}
