package dev.saraf.examples;

import dev.saraf.autograd.NoGrad;
import dev.saraf.nn.Linear;
import dev.saraf.nn.Sequential;
import dev.saraf.nn.Step;
import dev.saraf.tensor.Tensor;
import java.io.PrintStream;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The course's first model: Rosenblatt's perceptron, {@code y = step(w . x + b)}, trained with the
 * perceptron rule {@code w += lr (target - y) x}. It learns AND and OR, which a straight line
 * separates, and cannot learn XOR, which no straight line separates.
 */
public final class Perceptron {
    private Perceptron() {}

    /** The four inputs of a two-input truth table, {@code [4, 2]}. */
    static final Tensor INPUTS = Tensor.matrix(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});

    /** What one training run reached. */
    public record Outcome(String gate, int correct, int epochs, float w1, float w2, float b) {}

    /** Trains a fresh perceptron on the gate with the given 4 targets for up to 50 epochs. */
    public static Outcome train(String gate, float[] targets, PrintStream out) {
        SplittableRandom rng = new SplittableRandom(1);
        Linear linear = new Linear(2, 1, rng);
        Sequential perceptron = new Sequential(linear, new Step());
        float lr = 0.1f;
        int epoch = 0;
        int correct = 0;
        try (NoGrad g = NoGrad.enter()) { // the perceptron rule needs no gradients
            for (epoch = 1; epoch <= 50; epoch++) {
                int errors = 0;
                for (int i = 0; i < 4; i++) {
                    Tensor x = INPUTS.slice(0, i, i + 1); // [1, 2]
                    float y = perceptron.forward(x).item();
                    float err = targets[i] - y;
                    if (err != 0) {
                        errors++;
                        float[] w = linear.weight().data();
                        w[0] += lr * err * x.get(0, 0);
                        w[1] += lr * err * x.get(0, 1);
                        linear.bias().data()[0] += lr * err;
                    }
                }
                if (errors == 0) {
                    break;
                }
            }
            float[] y = perceptron.forward(INPUTS).data();
            for (int i = 0; i < 4; i++) {
                correct += y[i] == targets[i] ? 1 : 0;
            }
            out.printf(Locale.ROOT, "  %-4s %d/4 correct after %2d epochs   (w = [%.2f, %.2f], b = %.2f)   outputs %s%n",
                    gate, correct, Math.min(epoch, 50), linear.weight().data()[0], linear.weight().data()[1],
                    linear.bias().data()[0], java.util.Arrays.toString(y));
        }
        return new Outcome(gate, correct, Math.min(epoch, 50), linear.weight().data()[0], linear.weight().data()[1],
                linear.bias().data()[0]);
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        out.println("== The perceptron: y = step(w1 x1 + w2 x2 + b), perceptron learning rule ==");
        train("AND", new float[] {0, 0, 0, 1}, out);
        train("OR", new float[] {0, 1, 1, 1}, out);
        Outcome xor = train("XOR", new float[] {0, 1, 1, 0}, out);
        out.println(xor.correct() < 4
                ? "  XOR: no straight line separates {01, 10} from {00, 11}, so one perceptron cannot learn it."
                  + " Two layers can: ./demo xor"
                : "  (unexpected: XOR learned)");
    }
}
