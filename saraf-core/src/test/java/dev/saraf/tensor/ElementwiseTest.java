package dev.saraf.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Comparisons, where, and the edge cases of the elementwise ops the op table does not reach. */
class ElementwiseTest {

    @Test
    void comparisonsBroadcastAndNeverRequireGrad() {
        Tensor a = Tensor.matrix(new float[][] {{1, 2, 3}, {3, 2, 1}}).requiresGrad(true);
        Tensor b = Tensor.vector(2, 2, 2);
        assertThat(a.eq(b).data()).containsExactly(0, 1, 0, 0, 1, 0);
        assertThat(a.ne(b).data()).containsExactly(1, 0, 1, 1, 0, 1);
        assertThat(a.lt(b).data()).containsExactly(1, 0, 0, 0, 0, 1);
        assertThat(a.le(b).data()).containsExactly(1, 1, 0, 0, 1, 1);
        assertThat(a.gt(b).data()).containsExactly(0, 0, 1, 1, 0, 0);
        assertThat(a.ge(b).data()).containsExactly(0, 1, 1, 1, 1, 0);
        assertThat(a.gt(b).requiresGrad()).isFalse();
        assertThat(b.lt(a).dims()).containsExactly(2, 3);
        assertThat(Tensor.scalar(Float.NaN).eq(Tensor.scalar(Float.NaN)).item()).isEqualTo(0f);
    }

    @Test
    void whereSendsGradientToTheChosenBranchOnly() {
        Tensor c = Tensor.vector(1, 0, 1).requiresGrad(true);
        Tensor a = Tensor.vector(10, 20, 30).requiresGrad(true);
        Tensor b = Tensor.scalar(-1).requiresGrad(true);
        Tensor y = Tensor.where(c, a, b);
        assertThat(y.data()).containsExactly(10, -1, 30);
        y.sum().backward();
        assertThat(a.grad().data()).containsExactly(1, 0, 1);
        assertThat(b.grad().item()).isEqualTo(1f);
        assertThat(c.grad()).isNull();
    }

    @Test
    void maximumSplitsTiesAndClampPassesInsideOnly() {
        Tensor a = Tensor.vector(1, 2, 3).requiresGrad(true);
        Tensor b = Tensor.vector(2, 2, 2).requiresGrad(true);
        a.maximum(b).sum().backward();
        assertThat(a.grad().data()).containsExactly(0, 0.5f, 1);
        assertThat(b.grad().data()).containsExactly(1, 0.5f, 0);
        Tensor x = Tensor.vector(-2, 0, 2, Float.NaN).requiresGrad(true);
        Tensor y = x.clamp(-1, 1);
        assertThat(y.data()[0]).isEqualTo(-1f);
        assertThat(y.data()[3]).isNaN();
        y.sum().backward();
        assertThat(x.grad().data()).containsExactly(0, 1, 0, 0);
    }

    @Test
    void specialValuesFollowIeee() {
        assertThat(Tensor.vector(0, -1).log().data()).containsExactly(Float.NEGATIVE_INFINITY, Float.NaN);
        assertThat(Tensor.vector(1, -1).div(Tensor.scalar(0)).data()).containsExactly(Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY);
        assertThat(Tensor.vector(-2, 0, Float.NaN).relu().data()).containsExactly(0, 0, Float.NaN);
        assertThat(Tensor.vector(100, -200).exp().data()).containsExactly(Float.POSITIVE_INFINITY, 0f);
        assertThat(Tensor.vector(2, -3).pow(2).data()).containsExactly(4, 9);
    }

    @Test
    void powWithTensorExponentAtZeroBaseHasFiniteGradients() {
        Tensor a = Tensor.vector(0, 2).requiresGrad(true);
        Tensor e = Tensor.vector(2, 3).requiresGrad(true);
        Tensor y = a.pow(e);
        assertThat(y.data()).containsExactly(0, 8);
        y.sum().backward();
        assertThat(a.grad().data()).containsExactly(0, 12);
        assertThat(e.grad().data()[0]).isEqualTo(0f);
        assertThat(e.grad().data()[1]).isCloseTo((float) (8 * Math.log(2)), org.assertj.core.data.Offset.offset(1e-5f));
    }

    @Test
    void onlyInputsThatRequireGradReceiveOne() {
        Tensor a = Tensor.vector(1, 2).requiresGrad(true);
        Tensor b = Tensor.vector(3, 4);
        a.mul(b).sum().backward();
        assertThat(a.grad().data()).containsExactly(3, 4);
        assertThat(b.grad()).isNull();
    }
}
