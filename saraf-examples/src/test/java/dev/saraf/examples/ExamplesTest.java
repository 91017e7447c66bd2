package dev.saraf.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The course's first lesson learns what it says it learns. */
class ExamplesTest {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    @Test
    void perceptronLearnsAndAndOrButNotXor() {
        assertThat(Perceptron.train("AND", new float[] {0, 0, 0, 1}, out).correct()).isEqualTo(4);
        assertThat(Perceptron.train("OR", new float[] {0, 1, 1, 1}, out).correct()).isEqualTo(4);
        Perceptron.Outcome xor = Perceptron.train("XOR", new float[] {0, 1, 1, 0}, out);
        assertThat(xor.correct()).isLessThan(4);
        assertThat(xor.epochs()).isEqualTo(50);
    }

    @Test
    void twoLayersSolveXor() {
        float[] p = Xor.train(out);
        assertThat(p[0]).isLessThan(0.1f);
        assertThat(p[1]).isGreaterThan(0.9f);
        assertThat(p[2]).isGreaterThan(0.9f);
        assertThat(p[3]).isLessThan(0.1f);
    }

    @Test
    void regressionFitsTheCurveNotTheNoise() {
        SineRegression.Outcome o = SineRegression.train(out);
        assertThat(o.trainMse()).isBetween(0.005, 0.015); // noise variance is 0.01
        assertThat(o.cleanMse()).isLessThan(0.005);
    }

    @Test
    void nonLinearActivationsSeparateTheSpiralsLinearOnesCannot() {
        Activations.Outcome o = Activations.compare(out);
        assertThat(o.reluAccuracy()).isGreaterThan(0.97);
        assertThat(o.linearAccuracy()).isLessThan(0.75);
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("G").contains("R");
    }

    @Test
    void engineDemoRunsAndNamesWhatItLearned() {
        PrintStream saved = System.out;
        try {
            System.setOut(out);
            EngineDemo.main(new String[0]);
        } finally {
            System.setOut(saved);
        }
        String text = buffer.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("XOR").contains("final mse");
    }
}
