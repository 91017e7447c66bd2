package dev.saraf.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BroadcastTest {

    @Test
    void shapesFollowNumPyRules() {
        assertThat(Broadcast.shape("add", Shape.of(3, 1, 5), Shape.of(4, 5))).isEqualTo(Shape.of(3, 4, 5));
        assertThat(Broadcast.shape("add", Shape.scalar(), Shape.of(2, 3))).isEqualTo(Shape.of(2, 3));
        assertThat(Broadcast.shape("add", Shape.of(5, 1), Shape.of(1, 7))).isEqualTo(Shape.of(5, 7));
        assertThat(Broadcast.shape("add", Shape.of(0, 1), Shape.of(3))).isEqualTo(Shape.of(0, 3));
        assertThat(Broadcast.shape("where", Shape.of(2, 1), Shape.of(3), Shape.scalar())).isEqualTo(Shape.of(2, 3));
    }

    @Test
    void errorNamesOpAndBothShapes() {
        assertThatThrownBy(() -> Tensor.zeros(2, 3).add(Tensor.zeros(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("add: shapes [2, 3] and [4] cannot be broadcast");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).mul(Tensor.zeros(3, 2))).hasMessage("mul: shapes [2, 3] and [3, 2] cannot be broadcast");
        assertThatThrownBy(() -> Tensor.zeros(2).lt(Tensor.zeros(3))).hasMessage("lt: shapes [2] and [3] cannot be broadcast");
        assertThatThrownBy(() -> Tensor.where(Tensor.zeros(2), Tensor.zeros(3), Tensor.zeros(1)))
                .hasMessage("where: shapes [2], [3], [1] cannot be broadcast");
    }

    @Test
    void stridesAreZeroAlongRepeatedAxes() {
        assertThat(Broadcast.strides(Shape.of(3, 1), Shape.of(2, 3, 4))).containsExactly(0, 1, 0);
        assertThat(Broadcast.strides(Shape.of(2, 3, 4), Shape.of(2, 3, 4))).containsExactly(12, 4, 1);
        assertThatThrownBy(() -> Broadcast.strides(Shape.of(3), Shape.of(4))).hasMessageContaining("[3] cannot be broadcast to [4]");
    }

    @Test
    void toRepeatsValues() {
        Tensor t = Tensor.of(new float[] {1, 2, 3}, 3, 1);
        Tensor e = Broadcast.to(t, Shape.of(2, 3, 2));
        assertThat(e.data()).containsExactly(1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3);
        assertThat(Broadcast.to(t, t.shape())).isSameAs(t);
    }

    @Test
    void sumToIsTheAdjointOfTo() {
        SplittableRandom rng = new SplittableRandom(9);
        int[][][] pairs = {{{3, 1, 5}, {2, 3, 4, 5}}, {{5}, {4, 5}}, {{}, {2, 3}}, {{1, 1}, {3, 4}}, {{4, 1}, {4, 6}}, {{2, 3}, {2, 3}}};
        for (int[][] p : pairs) {
            Tensor small = TestTensors.random(rng, p[0]);
            Tensor big = TestTensors.random(rng, p[1]);
            // <to(small), big> == <small, sumTo(big)>
            Tensor expanded = Broadcast.to(small, big.shape());
            Tensor reduced = Broadcast.sumTo(big, small.shape());
            assertThat(reduced.shape()).isEqualTo(small.shape());
            double lhs = 0;
            for (int i = 0; i < big.numel(); i++) {
                lhs += (double) expanded.data()[i] * big.data()[i];
            }
            double rhs = 0;
            for (int i = 0; i < small.numel(); i++) {
                rhs += (double) small.data()[i] * reduced.data()[i];
            }
            assertThat(rhs).isCloseTo(lhs, org.assertj.core.data.Offset.offset(1e-4));
        }
        assertThatThrownBy(() -> Broadcast.sumTo(Tensor.zeros(2, 3), Shape.of(4)))
                .hasMessage("sumTo: gradient of shape [2, 3] cannot be summed to shape [4]");
    }

    @Test
    void gradientsOfBroadcastOperandsAreSummed() {
        Tensor x = Tensor.ones(4, 3).requiresGrad(true);
        Tensor b = Tensor.vector(1, 2, 3).requiresGrad(true);
        x.add(b).sum().backward();
        assertThat(b.grad().data()).containsExactly(4, 4, 4);
        assertThat(x.grad().data()).containsOnly(1f);
    }

    @Test
    void largeRowAndChannelBroadcastsMatchReference() {
        SplittableRandom rng = new SplittableRandom(10);
        Tensor x = TestTensors.random(rng, 64, 16, 9, 9);
        Tensor c = TestTensors.random(rng, 1, 16, 1, 1);
        Tensor row = TestTensors.random(rng, 9);
        Tensor both = TestTensors.random(rng, 64, 1, 9, 1);
        for (Tensor y : new Tensor[] {c, row, both}) {
            Tensor got = x.sub(y);
            Tensor want = PlainLoops.binary(x, y, (p, q) -> p - q);
            PlainLoops.assertClose(want.data(), got.data(), 0, 0, "x - y");
            Tensor rev = y.div(x);
            Tensor wantRev = PlainLoops.binary(y, x, (p, q) -> (float) p / (float) q);
            PlainLoops.assertClose(wantRev.data(), rev.data(), 0, 0, "y / x");
        }
    }
}
