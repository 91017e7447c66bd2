package dev.saraf.examples;

import dev.saraf.autograd.NoGrad;
import dev.saraf.tensor.Tensor;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The engine alone, no layers: a 2-layer network learns XOR, and a small network fits a noisy line
 * and parabola, with tensors, autograd and plain gradient descent written out by hand. This is what
 * {@code nn.Linear} and {@code optim.SGD} do for you.
 */
public final class EngineDemo {
    private EngineDemo() {}

    public static void main(String[] args) {
        xor();
        System.out.println();
        regression();
    }

    /** 2 -> 4 (tanh) -> 1 (sigmoid), binary cross-entropy, full-batch gradient descent. */
    static void xor() {
        System.out.println("== XOR with a 2-layer network (engine only) ==");
        SplittableRandom rng = new SplittableRandom(7);
        Tensor x = Tensor.matrix(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Tensor y = Tensor.of(new float[] {0, 1, 1, 0}, 4, 1);
        Tensor w1 = Tensor.uniform(rng, -1f, 1f, 2, 4).requiresGrad(true);
        Tensor b1 = Tensor.zeros(4).requiresGrad(true);
        Tensor w2 = Tensor.uniform(rng, -1f, 1f, 4, 1).requiresGrad(true);
        Tensor b2 = Tensor.zeros(1).requiresGrad(true);
        Tensor[] params = {w1, b1, w2, b2};
        float lr = 0.5f;
        for (int step = 0; step <= 2000; step++) {
            Tensor p = x.matmul(w1).add(b1).tanh().matmul(w2).add(b2).sigmoid();
            // binary cross-entropy: -mean(y log p + (1-y) log(1-p))
            Tensor eps = Tensor.scalar(1e-7f);
            Tensor loss = y.mul(p.add(eps).log()).add(y.neg().add(1f).mul(p.neg().add(1f).add(eps).log())).mean().neg();
            loss.backward();
            sgdStep(params, lr);
            if (step % 500 == 0) {
                System.out.printf(Locale.ROOT, "step %4d  loss %.4f%n", step, loss.item());
            }
        }
        try (NoGrad g = NoGrad.enter()) {
            Tensor p = x.matmul(w1).add(b1).tanh().matmul(w2).add(b2).sigmoid();
            for (int i = 0; i < 4; i++) {
                System.out.printf(Locale.ROOT, "  %.0f XOR %.0f = %.0f   (network says %.3f)%n",
                        x.get(i, 0), x.get(i, 1), y.get(i, 0), p.get(i, 0));
            }
        }
    }

    /** 1 -> 16 (tanh) -> 1, mean squared error, on y = 0.5 x^2 - x + 1 plus noise. */
    static void regression() {
        System.out.println("== Regression: fit y = 0.5x^2 - x + 1 from 64 noisy points ==");
        SplittableRandom rng = new SplittableRandom(11);
        int n = 64;
        float[] xs = new float[n];
        float[] ys = new float[n];
        for (int i = 0; i < n; i++) {
            xs[i] = -2f + 4f * i / (n - 1);
            ys[i] = (float) (0.5 * xs[i] * xs[i] - xs[i] + 1 + 0.1 * rng.nextGaussian());
        }
        Tensor x = Tensor.of(xs, n, 1);
        Tensor y = Tensor.of(ys, n, 1);
        Tensor w1 = Tensor.normal(rng, 0f, 1f, 1, 16).requiresGrad(true);
        Tensor b1 = Tensor.normal(rng, 0f, 1f, 16).requiresGrad(true);
        Tensor w2 = Tensor.normal(rng, 0f, 0.25f, 16, 1).requiresGrad(true);
        Tensor b2 = Tensor.zeros(1).requiresGrad(true);
        Tensor[] params = {w1, b1, w2, b2};
        Tensor loss = null;
        for (int step = 0; step <= 3000; step++) {
            Tensor pred = x.matmul(w1).add(b1).tanh().matmul(w2).add(b2);
            loss = pred.sub(y).pow(2f).mean();
            loss.backward();
            sgdStep(params, 0.05f);
            if (step % 1000 == 0) {
                System.out.printf(Locale.ROOT, "step %4d  mse %.4f%n", step, loss.item());
            }
        }
        try (NoGrad g = NoGrad.enter()) {
            System.out.println("     x   true y   network");
            for (float v : new float[] {-1.5f, -0.5f, 0f, 0.5f, 1.5f}) {
                Tensor p = Tensor.of(new float[] {v}, 1, 1).matmul(w1).add(b1).tanh().matmul(w2).add(b2);
                System.out.printf(Locale.ROOT, "  %5.2f   %6.3f   %6.3f%n", v, 0.5 * v * v - v + 1, p.item());
            }
            System.out.printf(Locale.ROOT, "final mse %.4f (noise variance 0.01)%n", loss.item());
        }
    }

    /** w -= lr * grad, in place and unrecorded; then clears the gradients. */
    static void sgdStep(Tensor[] params, float lr) {
        try (NoGrad g = NoGrad.enter()) {
            for (Tensor p : params) {
                float[] w = p.data();
                float[] d = p.grad().data();
                for (int i = 0; i < w.length; i++) {
                    w[i] -= lr * d[i];
                }
                p.setGrad(null);
            }
        }
    }
}
