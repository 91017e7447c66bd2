package dev.saraf.examples;

import dev.saraf.autograd.NoGrad;
import dev.saraf.nn.Linear;
import dev.saraf.nn.Sequential;
import dev.saraf.nn.Tanh;
import dev.saraf.nn.loss.MSELoss;
import dev.saraf.optim.Adam;
import dev.saraf.tensor.Tensor;
import java.io.PrintStream;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Regression: a network {@code 1 -> 32 -> 32 -> 1} (tanh) fits {@code y = sin(x)} on
 * {@code [-pi, pi]} from 200 points with Gaussian noise of standard deviation 0.1, with mean squared
 * error and Adam. The test error against the clean curve shows it learned the curve, not the noise.
 */
public final class SineRegression {
    private SineRegression() {}

    /** Mean squared error on the noisy training set and against the true curve. */
    public record Outcome(double trainMse, double cleanMse) {}

    public static Outcome train(PrintStream out) {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 200;
        float[] xs = new float[n];
        float[] ys = new float[n];
        for (int i = 0; i < n; i++) {
            xs[i] = (float) (-Math.PI + 2 * Math.PI * rng.nextDouble());
            ys[i] = (float) (Math.sin(xs[i]) + 0.1 * rng.nextGaussian());
        }
        Tensor x = Tensor.of(xs, n, 1);
        Tensor y = Tensor.of(ys, n, 1);
        Sequential net = new Sequential(new Linear(1, 32, rng), new Tanh(), new Linear(32, 32, rng), new Tanh(), new Linear(32, 1, rng));
        MSELoss mse = new MSELoss();
        Adam opt = new Adam(net.parameters(), 0.01f);
        float last = Float.NaN;
        for (int epoch = 0; epoch <= 1500; epoch++) {
            opt.zeroGrad();
            Tensor loss = mse.forward(net.forward(x), y);
            loss.backward();
            opt.step();
            last = loss.item();
            if (epoch % 300 == 0) {
                out.printf(Locale.ROOT, "  epoch %4d  mse %.4f%n", epoch, last);
            }
        }
        try (NoGrad g = NoGrad.enter()) {
            int m = 101;
            Tensor grid = Tensor.arange((float) -Math.PI, (float) Math.PI + 1e-4f, (float) (2 * Math.PI / (m - 1))).reshape(-1, 1);
            float[] pred = net.forward(grid).data();
            double clean = 0;
            for (int i = 0; i < pred.length; i++) {
                double d = pred[i] - Math.sin(grid.data()[i]);
                clean += d * d;
            }
            clean /= pred.length;
            out.println("      x    sin(x)   network");
            for (int i = 0; i < pred.length; i += 20) {
                out.printf(Locale.ROOT, "  %5.2f   %6.3f   %6.3f%n", grid.data()[i], Math.sin(grid.data()[i]), pred[i]);
            }
            out.printf(Locale.ROOT, "  training mse %.4f (the noise alone gives 0.0100); mse against the clean curve %.4f%n", last, clean);
            return new Outcome(last, clean);
        }
    }

    public static void main(String[] args) {
        System.out.println("== Regression: fit sin(x) from 200 noisy points, 1 -> 32 -> 32 -> 1 (tanh), MSE, Adam ==");
        train(System.out);
    }
}
