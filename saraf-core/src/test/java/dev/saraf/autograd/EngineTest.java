package dev.saraf.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saraf.tensor.Tensor;

import org.junit.jupiter.api.Test;

/**
 * The backward engine on its own, with small ops written here through {@link Tensor#fromOp}, so
 * that it is tested independently of the op library.
 */
class EngineTest {

    /** y = k * x, elementwise. */
    static Tensor scale(Tensor x, float k) {
        float[] out = new float[x.numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = k * x.data()[i];
        }
        return Tensor.fromOp(out, x.shape(), "scale", g -> new Tensor[] {scale(g, k)}, x);
    }

    /** z = x * y, same shapes. */
    static Tensor times(Tensor x, Tensor y) {
        float[] out = new float[x.numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = x.data()[i] * y.data()[i];
        }
        return Tensor.fromOp(out, x.shape(), "times", g -> new Tensor[] {times(g, y.detach()), times(g, x.detach())}, x, y);
    }

    /** Sum of all elements, a scalar. */
    static Tensor total(Tensor x) {
        float s = 0;
        for (float v : x.data()) {
            s += v;
        }
        int[] dims = x.dims();
        return Tensor.fromOp(new float[] {s}, dev.saraf.tensor.Shape.scalar(), "total",
                g -> new Tensor[] {Tensor.full(g.item(), dims)}, x);
    }

    /** y = x, whose backward hands over a fresh copy of the gradient ({@link Tensor#wrapFresh}), as real ops do. */
    static Tensor fresh(Tensor x, float[][] handedOut) {
        return Tensor.fromOp(x.data().clone(), x.shape(), "fresh", g -> {
            float[] copy = g.data().clone();
            handedOut[0] = copy;
            return new Tensor[] {Tensor.wrapFresh(copy, g.shape())};
        }, x);
    }

    /** z = x + y, whose backward gives its incoming gradient itself to both inputs, as addition does. */
    static Tensor plus(Tensor x, Tensor y) {
        float[] out = new float[x.numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = x.data()[i] + y.data()[i];
        }
        return Tensor.fromOp(out, x.shape(), "plus", g -> new Tensor[] {g, g}, x, y);
    }

    @Test
    void aLeafKeepsAFreshGradientInsteadOfCopyingIt() {
        Tensor x = Tensor.vector(1f, 2f).requiresGrad(true);
        float[][] handedOut = new float[1][];
        total(fresh(x, handedOut)).backward();
        assertThat(x.grad().data()).containsExactly(1f, 1f).isSameAs(handedOut[0]);
        // a second backward adds into it; a plain (shared) gradient is still copied
        total(fresh(x, handedOut)).backward();
        assertThat(x.grad().data()).containsExactly(2f, 2f).isNotSameAs(handedOut[0]);
        Tensor y = Tensor.vector(3f).requiresGrad(true);
        Tensor g = Tensor.vector(5f);
        y.accumulateGrad(g);
        assertThat(y.grad().data()).containsExactly(5f).isNotSameAs(g.data());
    }

    @Test
    void aFreshGradientPassedOnToSeveralInputsIsNeverSharedWithALeaf() {
        // L = sum(a + (2a + 3a)) through additions that pass one fresh gradient on to both their
        // inputs: were the leaf a to keep that array as its gradient, the other paths' += into it
        // would change the gradient still pending for 2a and 3a. dL/da = 6 in either operand order.
        for (boolean leafFirst : new boolean[] {true, false}) {
            Tensor a = Tensor.vector(1f, -2f, 0.5f).requiresGrad(true);
            Tensor q = plus(scale(a, 2f), scale(a, 3f));
            Tensor p = leafFirst ? plus(a, q) : plus(q, a);
            total(fresh(p, new float[1][])).backward();
            assertThat(a.grad().data()).as("leaf first: %s", leafFirst).containsExactly(6f, 6f, 6f);
        }
    }

    @Test
    void chainRuleThroughSharedInputs() {
        Tensor x = Tensor.vector(1f, 2f, 3f).requiresGrad(true);
        // L = sum(x * x * 3x) = 3 sum x^3 -> dL/dx = 9 x^2 (x feeds three uses)
        Tensor y = times(times(x, x), scale(x, 3f));
        total(y).backward();
        assertThat(x.grad().data()).containsExactly(9f, 36f, 81f);
    }

    @Test
    void gradientsAccumulateAcrossBackwardCalls() {
        Tensor x = Tensor.vector(2f).requiresGrad(true);
        total(scale(x, 5f)).backward();
        total(scale(x, 5f)).backward();
        assertThat(x.grad().item()).isEqualTo(10f);
        x.setGrad(null);
        total(scale(x, 1f)).backward();
        assertThat(x.grad().item()).isEqualTo(1f);
    }

    @Test
    void graphIsFreedUnlessRetained() {
        Tensor x = Tensor.vector(1f, 1f).requiresGrad(true);
        Tensor loss = total(scale(x, 2f));
        loss.backward(Tensor.scalar(1f), true);
        loss.backward(Tensor.scalar(1f), false);
        assertThat(x.grad().data()).containsExactly(4f, 4f);
        assertThatThrownBy(loss::backward).isInstanceOf(IllegalStateException.class).hasMessageContaining("retain");
    }

    @Test
    void tenThousandOpChainNeedsNoRecursion() {
        Tensor x = Tensor.vector(1f).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 10_000; i++) {
            y = scale(y, i % 2 == 0 ? 2f : 0.5f);
        }
        total(y).backward();
        assertThat(x.grad().item()).isEqualTo(1f);
    }

    @Test
    void noGradRecordsNothingAndNests() {
        Tensor x = Tensor.vector(1f).requiresGrad(true);
        try (NoGrad outer = NoGrad.enter()) {
            try (NoGrad inner = NoGrad.enter()) {
                assertThat(scale(x, 2f).requiresGrad()).isFalse();
            }
            assertThat(NoGrad.isGradEnabled()).isFalse();
        }
        assertThat(NoGrad.isGradEnabled()).isTrue();
        assertThat(scale(x, 2f).requiresGrad()).isTrue();
    }

    @Test
    void detachCutsTheGraph() {
        Tensor x = Tensor.vector(3f).requiresGrad(true);
        Tensor d = scale(x, 2f).detach();
        assertThat(d.requiresGrad()).isFalse();
        assertThat(d.isLeaf()).isTrue();
        assertThat(d.item()).isEqualTo(6f);
        // a branch through a detached tensor contributes nothing
        total(times(scale(x, 1f), d)).backward();
        assertThat(x.grad().item()).isEqualTo(6f);
    }

    @Test
    void backwardWithExplicitGradient() {
        Tensor x = Tensor.vector(1f, 2f).requiresGrad(true);
        scale(x, 3f).backward(Tensor.vector(1f, 10f));
        assertThat(x.grad().data()).containsExactly(3f, 30f);
    }

    @Test
    void clearErrors() {
        Tensor x = Tensor.vector(1f, 2f).requiresGrad(true);
        assertThatThrownBy(() -> scale(x, 1f).backward()).hasMessageContaining("one-element");
        assertThatThrownBy(() -> scale(x, 1f).backward(Tensor.vector(1f))).hasMessageContaining("[1]").hasMessageContaining("[2]");
        assertThatThrownBy(() -> Tensor.vector(1f).backward()).hasMessageContaining("does not require grad");
        Tensor y = scale(x, 1f);
        assertThatThrownBy(() -> y.requiresGrad(false)).hasMessageContaining("leaf");
    }

    @Test
    void gradCheckAcceptsCorrectAndRejectsWrongGradients() {
        Tensor x = Tensor.vector(0.5f, -1.5f, 2f).requiresGrad(true);
        GradCheck.check(in -> times(in[0], in[0]), x).assertPassed();
        // a deliberately wrong backward: claims d(x^2)/dx = x
        java.util.function.Function<Tensor[], Tensor> wrong = in -> {
            Tensor a = in[0];
            float[] out = new float[a.numel()];
            for (int i = 0; i < out.length; i++) {
                out[i] = a.data()[i] * a.data()[i];
            }
            return Tensor.fromOp(out, a.shape(), "badSquare", g -> new Tensor[] {times(g, a.detach())}, a);
        };
        Tensor x2 = Tensor.vector(0.5f, -1.5f, 2f).requiresGrad(true);
        GradCheck.Result r = GradCheck.check(wrong, x2);
        assertThat(r.passed()).isFalse();
        assertThatThrownBy(r::assertPassed).hasMessageContaining("analytic");
    }
}
