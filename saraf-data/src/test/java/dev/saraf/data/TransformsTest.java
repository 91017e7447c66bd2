package dev.saraf.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saraf.tensor.Shape;
import dev.saraf.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TransformsTest {
    private static float[] ramp(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    /** Reference shift with a copy: out[c][y][x] = in[c][y-dy][x-dx], 0 outside. */
    private static float[] shifted(float[] in, int c, int h, int w, int dy, int dx) {
        float[] out = new float[in.length];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int sy = y - dy;
                    int sx = x - dx;
                    out[(ch * h + y) * w + x] = sy >= 0 && sy < h && sx >= 0 && sx < w ? in[(ch * h + sy) * w + sx] : 0;
                }
            }
        }
        return out;
    }

    @Test
    void inPlaceShiftMatchesACopyingReferenceInEveryDirection() {
        int c = 2;
        int h = 5;
        int w = 7;
        for (int dy = -6; dy <= 6; dy++) {
            for (int dx = -8; dx <= 8; dx++) {
                float[] x = new float[3 + c * h * w];
                float[] src = ramp(c * h * w);
                System.arraycopy(src, 0, x, 3, src.length);
                ImageOps.shift(x, 3, c, h, w, dy, dx);
                float[] expected = shifted(src, c, h, w, dy, dx);
                for (int i = 0; i < expected.length; i++) {
                    assertThat(x[3 + i]).as("dy=%d dx=%d i=%d", dy, dx, i).isEqualTo(expected[i]);
                }
                assertThat(x[0]).isZero();
            }
        }
    }

    @Test
    void randomShiftAndCropStayWithinTheirRange() {
        Shape s = Shape.of(1, 9, 9);
        SplittableRandom rng = new SplittableRandom(1);
        boolean[][] seen = new boolean[5][5];
        for (int trial = 0; trial < 400; trial++) {
            float[] x = new float[81];
            x[4 * 9 + 4] = 1; // a dot in the centre shows the move
            Transform t = trial % 2 == 0 ? new RandomShift(2) : new RandomCrop(2);
            t.apply(x, 0, s, rng);
            int at = -1;
            for (int i = 0; i < 81; i++) {
                if (x[i] == 1) {
                    at = i;
                }
            }
            int dy = at / 9 - 4;
            int dx = at % 9 - 4;
            assertThat(Math.abs(dy)).isLessThanOrEqualTo(2);
            assertThat(Math.abs(dx)).isLessThanOrEqualTo(2);
            seen[dy + 2][dx + 2] = true;
        }
        for (boolean[] row : seen) {
            assertThat(row).containsOnly(true);
        }
    }

    @Test
    void randomFlipMirrorsRowsWithTheGivenProbability() {
        Shape s = Shape.of(2, 2, 3);
        float[] x = ramp(12);
        new RandomFlip(1.0).apply(x, 0, s, new SplittableRandom(1));
        assertThat(x).containsExactly(3, 2, 1, 6, 5, 4, 9, 8, 7, 12, 11, 10);
        float[] y = ramp(12);
        new RandomFlip(0.0).apply(y, 0, s, new SplittableRandom(1));
        assertThat(y).containsExactly(ramp(12));
        int flips = 0;
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 1000; i++) {
            float[] z = ramp(12);
            new RandomFlip().apply(z, 0, s, rng);
            flips += z[0] == 3 ? 1 : 0;
        }
        assertThat(flips).isBetween(430, 570);
        assertThatThrownBy(() -> new RandomFlip().apply(new float[4], 0, Shape.of(4), rng))
                .hasMessage("RandomFlip: expects image examples [C, H, W], got [4]");
    }

    @Test
    void normalizeIsPerChannel() {
        float[] x = {1, 2, 3, 4, 10, 20, 30, 40};
        new Normalize(new float[] {2, 20}, new float[] {0.5f, 10}).apply(x, 0, Shape.of(2, 2, 2), null);
        assertThat(x).containsExactly(-2, 0, 2, 4, -1, 0, 1, 2);
        float[] y = {0.1307f};
        new Normalize(0.1307f, 0.3081f).apply(y, 0, Shape.of(1, 1, 1), null);
        assertThat(y[0]).isZero();
        assertThatThrownBy(() -> new Normalize(new float[] {0}, new float[] {0})).hasMessageContaining("positive");
        assertThatThrownBy(() -> new Normalize(new float[] {0, 0}, new float[] {1, 1}).apply(new float[27], 0,
                Shape.of(3, 3, 3), null)).hasMessage("Normalize: 2 channel means for inputs of shape [3, 3, 3]");
    }

    @Test
    void oneHot() {
        Tensor t = OneHot.encode(Tensor.vector(2, 0, 1), 3);
        assertThat(t.shape()).isEqualTo(Shape.of(3, 3));
        assertThat(t.data()).containsExactly(0, 0, 1, 1, 0, 0, 0, 1, 0);
        assertThatThrownBy(() -> OneHot.encode(Tensor.vector(0, 3), 3))
                .hasMessage("OneHot.encode: target 1 is 3.0, not a class index in [0, 3)");
        assertThatThrownBy(() -> OneHot.encode(Tensor.vector(0.5f), 3)).hasMessageContaining("target 0 is 0.5");
    }
}
