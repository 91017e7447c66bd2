package dev.saraf.autograd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saraf.tensor.ActivationPool;
import dev.saraf.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The engine gives back to the pool of the ops it runs through the gradients they consumed and the
 * outputs it was asked to recycle, and nothing that is still needed: the gradients of graphs
 * recorded with a pool in scope are those of the same graphs recorded without one, bit for bit,
 * step after step, while the pool hands the recycled arrays out again. Every op here takes its
 * arrays from the pool, as saraf's layers do, and all have one length, so a wrongly recycled array
 * is soon overwritten.
 */
class EngineRecyclingTest {
    private static final int N = 37;

    /** {@code y = c x}. */
    static Tensor scale(Tensor x, float c) {
        float[] xd = x.data();
        float[] y = ActivationPool.uninitialized(xd.length);
        for (int i = 0; i < y.length; i++) {
            y[i] = c * xd[i];
        }
        return Tensor.fromOp(y, x.shape(), "scale", g -> {
            float[] gd = g.data();
            float[] dx = ActivationPool.uninitialized(gd.length);
            for (int i = 0; i < dx.length; i++) {
                dx[i] = c * gd[i];
            }
            return new Tensor[] {Tensor.wrapFresh(dx, x.shape())};
        }, x);
    }

    /** {@code y[i] = x[n - 1 - i]}: its backward reads its gradient in the opposite order to writing its own. */
    static Tensor flip(Tensor x) {
        float[] xd = x.data();
        float[] y = ActivationPool.uninitialized(xd.length);
        for (int i = 0; i < y.length; i++) {
            y[i] = xd[y.length - 1 - i];
        }
        return Tensor.fromOp(y, x.shape(), "flip", g -> {
            float[] gd = g.data();
            float[] dx = ActivationPool.uninitialized(gd.length);
            for (int i = 0; i < dx.length; i++) {
                dx[i] = gd[dx.length - 1 - i];
            }
            return new Tensor[] {Tensor.wrapFresh(dx, x.shape())};
        }, x);
    }

    /** {@code y = tanh x}: its backward reads its own output, after it has taken the array for its gradient. */
    static Tensor tanh(Tensor x) {
        float[] xd = x.data();
        float[] y = ActivationPool.uninitialized(xd.length);
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) Math.tanh(xd[i]);
        }
        return Tensor.fromOp(y, x.shape(), "tanh", g -> {
            float[] gd = g.data();
            float[] dx = ActivationPool.uninitialized(gd.length);
            java.util.Arrays.fill(dx, 0f); // then adds into it, as col2im does
            for (int i = 0; i < dx.length; i++) {
                dx[i] += gd[i] * (1f - y[i] * y[i]);
            }
            return new Tensor[] {Tensor.wrapFresh(dx, x.shape())};
        }, x);
    }

    /** {@code y = a + b}: both inputs get the incoming gradient itself, as saraf's add does. */
    static Tensor add(Tensor a, Tensor b) {
        float[] y = ActivationPool.uninitialized(a.numel());
        for (int i = 0; i < y.length; i++) {
            y[i] = a.data()[i] + b.data()[i];
        }
        return Tensor.fromOp(y, a.shape(), "add", g -> new Tensor[] {g, g}, a, b);
    }

    /** {@code y = x}, passing the incoming gradient straight through. */
    static Tensor pass(Tensor x) {
        float[] y = ActivationPool.uninitialized(x.numel());
        System.arraycopy(x.data(), 0, y, 0, y.length);
        return Tensor.fromOp(y, x.shape(), "pass", g -> new Tensor[] {g}, x);
    }

    /**
     * A graph with a fan-out and a fan-in, flips, ops that read their outputs, a view and a
     * pass-through; every intermediate is marked for recycling as a Sequential marks its own.
     */
    static Tensor graph(Tensor x, Tensor w) {
        Tensor h1 = tanh(scale(x, 2f));
        Tensor h2 = flip(scale(h1, 3f));
        Tensor h3 = tanh(pass(h1)); // h1 feeds two ops: their gradients are summed
        Tensor s = add(h2, flip(h3)); // one gradient array for two producers
        Tensor t = tanh(s);
        Tensor v = t.reshape(N, 1); // a view: its op did not make its array, which tanh reads in its backward
        Tensor out = tanh(add(scale(v.reshape(N), 0.5f), w));
        for (Tensor marked : new Tensor[] {h1, h2, h3, s, v}) {
            Engine.recycleAfterBackward(marked);
        }
        return out;
    }

    private static float[] randn(SplittableRandom rng) {
        float[] a = new float[N];
        for (int i = 0; i < N; i++) {
            a[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return a;
    }

    /** Leaf gradients of {@code graph} for {@code steps} inputs, each step's graph recorded by {@code record}. */
    private static float[][] gradients(int steps, Function<java.util.function.Supplier<Tensor>, Tensor> record,
                                       boolean retainOnce) {
        SplittableRandom rng = new SplittableRandom(5);
        float[][] grads = new float[steps * 2][];
        for (int step = 0; step < steps; step++) {
            Tensor x = Tensor.wrap(randn(rng), N).requiresGrad(true);
            Tensor w = Tensor.wrap(randn(rng), N).requiresGrad(true);
            Tensor out = record.apply(() -> graph(x, w));
            Tensor loss = out.sum();
            if (retainOnce) {
                loss.backward(Tensor.scalar(1f), true);
            }
            loss.backward();
            grads[2 * step] = x.grad().data().clone();
            grads[2 * step + 1] = w.grad().data().clone();
        }
        return grads;
    }

    @Test
    void gradientsWithRecyclingAreThoseWithoutBitForBitStepAfterStep() {
        float[][] expected = gradients(6, body -> body.get(), false);
        ActivationPool pool = new ActivationPool();
        float[][] actual = gradients(6, body -> pool.use(body), false);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("step %d, leaf %d", i / 2, i % 2).isEqualTo(expected[i]);
        }
        assertThat(pool.heldFloats()).as("arrays given back").isPositive();
    }

    @Test
    void aRetainedGraphKeepsItsActivationsForTheNextBackward() {
        float[][] expected = gradients(4, body -> body.get(), true);
        ActivationPool pool = new ActivationPool();
        float[][] actual = gradients(4, body -> pool.use(body), true);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("step %d, leaf %d", i / 2, i % 2).isEqualTo(expected[i]);
        }
    }

    @Test
    void consumedGradientsAndMarkedOutputsAreHandedOutAgain() {
        ActivationPool pool = new ActivationPool();
        Tensor x = Tensor.wrap(new float[N], N).requiresGrad(true);
        Tensor[] kept = new Tensor[2];
        Tensor out = pool.use(() -> {
            kept[0] = tanh(x);
            kept[1] = scale(kept[0], 2f);
            Engine.recycleAfterBackward(kept[0]);
            return kept[1];
        });
        float[] made = kept[0].data();
        out.sum().backward();
        // tanh's output, and the gradient scale gave tanh (scale's own came from sum, without a pool)
        assertThat(pool.heldFloats()).isEqualTo(2L * N);
        float[][] next = pool.use(() -> new float[][] {ActivationPool.uninitialized(N), ActivationPool.uninitialized(N),
            ActivationPool.uninitialized(N)});
        assertThat(next[0] == made || next[1] == made).as("tanh's output handed out again").isTrue();
        assertThat(next[2]).isNotSameAs(next[0]).isNotSameAs(next[1]);
        assertThat(x.grad().data()).isNotSameAs(next[0]).isNotSameAs(next[1]).isNotSameAs(next[2]);
    }

    @Test
    void theCallersGradientAndAnOutputNotMarkedAreNeverRecycled() {
        ActivationPool pool = new ActivationPool();
        Tensor x = Tensor.wrap(new float[N], N).requiresGrad(true);
        Tensor out = pool.use(() -> pass(scale(x, 2f)));
        float[] values = new float[N];
        java.util.Arrays.fill(values, 0.125f);
        // the caller's gradient is an array the pool handed out itself
        Tensor grad = pool.use(() -> scale(Tensor.wrap(values, N), 2f));
        out.backward(grad);
        java.util.Arrays.fill(values, 0.25f);
        float[][] next = pool.use(() -> new float[][] {ActivationPool.uninitialized(N), ActivationPool.uninitialized(N)});
        for (float[] a : next) {
            assertThat(a).isNotSameAs(grad.data()).isNotSameAs(out.data());
        }
        assertThat(grad.data()).isEqualTo(values);
        assertThat(x.grad().data()).containsOnly(0.5f);
    }

    @Test
    void anOpRecordedWithoutAPoolGivesNothingBack() {
        ActivationPool pool = new ActivationPool();
        Tensor x = Tensor.wrap(new float[N], N).requiresGrad(true);
        Tensor h = pool.use(() -> tanh(x));
        Tensor out = scale(h, 3f); // recorded outside: its gradient for h is not the pool's
        Engine.recycleAfterBackward(h);
        out.sum().backward();
        // tanh's output comes back; the gradient it consumed, made without a pool, does not
        assertThat(pool.heldFloats()).isEqualTo(N);
    }
}
