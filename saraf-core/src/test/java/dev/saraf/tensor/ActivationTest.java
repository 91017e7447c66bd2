package dev.saraf.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ActivationTest {

    @Test
    void erfMatchesTabulatedValues() {
        // values from a 30-digit computation (mpmath)
        double[][] table = {{0, 0}, {1e-9, 1.1283791670955126e-9}, {0.1, 0.1124629160182849}, {0.5, 0.5204998778130465},
            {1, 0.8427007929497149}, {1.5, 0.9661051464753108}, {2, 0.9953222650189527}, {2.4999, 0.9995928300996666},
            {2.5, 0.9995930479825550}, {3, 0.9999779095030014}, {4, 0.9999999845827421}, {6, 1.0}};
        for (double[] row : table) {
            assertThat(Activations.erf(row[0])).as("erf(%s)", row[0]).isCloseTo(row[1], Offset.offset(1e-9));
            assertThat(Activations.erf(-row[0])).as("erf(-%s)", row[0]).isCloseTo(-row[1], Offset.offset(1e-9));
        }
        assertThat(Activations.erf(Double.NaN)).isNaN();
        assertThat(Activations.erf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
    }

    @Test
    void geluMatchesKnownValues() {
        Tensor y = Tensor.vector(-3, -1, 0, 1, 3).gelu();
        // x * Phi(x)
        assertThat(y.data()).containsExactly(new float[] {-0.0040496934f, -0.15865526f, 0f, 0.8413447f, 2.9959502f}, Offset.offset(1e-6f));
    }

    @Test
    void softmaxRowsSumToOneAndAxisErrorsNameTheOp() {
        Tensor x = TestTensors.random(new java.util.SplittableRandom(15), 3, 4, 5);
        Tensor s = x.softmax(1);
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 5; k++) {
                double sum = 0;
                for (int j = 0; j < 4; j++) {
                    sum += s.get(i, j, k);
                }
                assertThat(sum).isCloseTo(1.0, Offset.offset(1e-6));
            }
        }
        assertThatThrownBy(() -> x.softmax(3)).hasMessageStartingWith("softmax: axis 3 is out of range");
        assertThatThrownBy(() -> x.logSoftmax(-4)).hasMessageStartingWith("logSoftmax: axis -4 is out of range");
    }
}
