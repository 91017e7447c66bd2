package dev.saraf.examples;

import dev.saraf.autograd.NoGrad;
import dev.saraf.nn.Linear;
import dev.saraf.nn.Sequential;
import dev.saraf.nn.Tanh;
import dev.saraf.nn.loss.BCEWithLogitsLoss;
import dev.saraf.optim.SGD;
import dev.saraf.tensor.Tensor;
import java.io.PrintStream;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * XOR with two layers: {@code Linear(2, 4) -> Tanh -> Linear(4, 1)}, binary cross-entropy on the
 * logit, gradient descent with momentum. The hidden layer bends the plane so that one line can
 * then separate the classes.
 */
public final class Xor {
    private Xor() {}

    /** Trains and returns the network's probabilities for 00, 01, 10, 11. */
    public static float[] train(PrintStream out) {
        SplittableRandom rng = new SplittableRandom(3);
        Sequential net = new Sequential(new Linear(2, 4, rng), new Tanh(), new Linear(4, 1, rng));
        Tensor x = Perceptron.INPUTS;
        Tensor y = Tensor.of(new float[] {0, 1, 1, 0}, 4, 1);
        BCEWithLogitsLoss lossFn = new BCEWithLogitsLoss();
        SGD opt = new SGD(net.parameters(), 0.5f, 0.9f);
        for (int epoch = 0; epoch <= 300; epoch++) {
            opt.zeroGrad();
            Tensor loss = lossFn.forward(net.forward(x), y);
            loss.backward();
            opt.step();
            if (epoch % 100 == 0) {
                out.printf(Locale.ROOT, "  epoch %3d  loss %.4f%n", epoch, loss.item());
            }
        }
        try (NoGrad g = NoGrad.enter()) {
            float[] p = net.forward(x).sigmoid().data();
            for (int i = 0; i < 4; i++) {
                out.printf(Locale.ROOT, "  %.0f XOR %.0f = %.0f   network: %.3f%n", x.get(i, 0), x.get(i, 1), y.get(i, 0), p[i]);
            }
            return p;
        }
    }

    public static void main(String[] args) {
        System.out.println("== XOR with two layers: Linear(2,4) -> Tanh -> Linear(4,1), BCE with logits, SGD+momentum ==");
        train(System.out);
    }
}
