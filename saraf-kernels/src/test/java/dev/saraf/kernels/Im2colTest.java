package dev.saraf.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Im2colTest {

    /** Awkward geometries: size 1, primes, odd sizes, stride 2/3, padding, dilation 2, kernel = padded input. */
    static final Window2d[] GEOMETRIES = {
        new Window2d(1, 1, 1, 1, 1, 1, 0, 0, 1, 1),
        new Window2d(5, 7, 3, 3, 1, 1, 1, 1, 1, 1),
        new Window2d(7, 5, 3, 2, 2, 1, 1, 0, 1, 1),
        new Window2d(11, 13, 3, 3, 2, 2, 2, 1, 2, 2),
        new Window2d(9, 17, 5, 4, 3, 2, 2, 3, 1, 2),
        new Window2d(3, 3, 5, 5, 1, 1, 1, 1, 1, 1),
        new Window2d(13, 29, 1, 1, 1, 1, 0, 0, 1, 1),
        new Window2d(6, 31, 2, 7, 1, 1, 0, 3, 3, 1),
        new Window2d(4, 4, 3, 3, 1, 3, 2, 2, 1, 1),
    };

    @Test
    void bandsOfOutputRowsAreTheMatchingColumnsAndFoldBackToTheWhole() {
        SplittableRandom rng = new SplittableRandom(12);
        int channels = 3;
        for (Window2d w : GEOMETRIES) {
            // small whole numbers: every sum below is exact, whatever order the folds add in
            float[] x = new float[channels * w.planeSize()];
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextInt(-8, 9);
            }
            int rows = channels * w.kernelSize();
            int q = w.outWidth();
            int pq = w.outHeight() * q;
            float[] whole = naiveIm2col(w, channels, x);
            float[] foldWhole = new float[x.length];
            Im2col.col2im(w, channels, whole, 0, foldWhole, 0);
            float[] foldBands = new float[x.length];
            for (int p0 = 0; p0 < w.outHeight(); ) {
                int p1 = Math.min(w.outHeight(), p0 + 1 + rng.nextInt(3));
                int band = (p1 - p0) * q;
                float[] col = new float[rows * band + 2];
                Im2col.im2col(w, channels, x, 0, p0, p1, col, 2);
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < band; j++) {
                        assertThat(col[2 + r * band + j]).as("%s rows [%d, %d) row %d col %d", w, p0, p1, r, j)
                                .isEqualTo(whole[r * pq + p0 * q + j]);
                    }
                }
                Im2col.col2im(w, channels, col, 2, p0, p1, foldBands, 0);
                p0 = p1;
            }
            assertThat(foldBands).as("%s folded band by band", w).isEqualTo(foldWhole);
        }
    }

    @Test
    void aBandOutsideTheOutputIsRejected() {
        Window2d w = GEOMETRIES[1];
        float[] x = new float[w.planeSize()];
        float[] col = new float[w.kernelSize() * w.outPlaneSize()];
        assertThatThrownBy(() -> Im2col.im2col(w, 1, x, 0, 2, w.outHeight() + 1, col, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output rows");
    }

    /** The definition, one element at a time. */
    static float[] naiveIm2col(Window2d w, int channels, float[] x) {
        int pOut = w.outHeight();
        int qOut = w.outWidth();
        float[] col = new float[channels * w.kernelSize() * pOut * qOut];
        for (int c = 0; c < channels; c++) {
            for (int r = 0; r < w.kernelH(); r++) {
                for (int s = 0; s < w.kernelW(); s++) {
                    for (int p = 0; p < pOut; p++) {
                        for (int q = 0; q < qOut; q++) {
                            int ih = p * w.strideH() - w.padH() + r * w.dilationH();
                            int iw = q * w.strideW() - w.padW() + s * w.dilationW();
                            float v = ih >= 0 && ih < w.height() && iw >= 0 && iw < w.width()
                                    ? x[(c * w.height() + ih) * w.width() + iw] : 0f;
                            col[(((c * w.kernelH() + r) * w.kernelW() + s) * pOut + p) * qOut + q] = v;
                        }
                    }
                }
            }
        }
        return col;
    }

    static float[] random(SplittableRandom rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return a;
    }

    @Test
    void im2colMatchesDefinitionAtOffsets() {
        SplittableRandom rng = new SplittableRandom(1);
        for (Window2d w : GEOMETRIES) {
            for (int channels : new int[] {1, 3}) {
                float[] x = random(rng, channels * w.planeSize());
                float[] expected = naiveIm2col(w, channels, x);
                float[] xPadded = new float[x.length + 5];
                System.arraycopy(x, 0, xPadded, 5, x.length);
                float[] col = random(rng, expected.length + 3); // garbage must be overwritten
                Im2col.im2col(w, channels, xPadded, 5, col, 3);
                for (int i = 0; i < expected.length; i++) {
                    assertThat(col[3 + i]).as("%s c=%d element %d", w, channels, i).isEqualTo(expected[i]);
                }
            }
        }
    }

    @Test
    void col2imMatchesScatterOfDefinition() {
        SplittableRandom rng = new SplittableRandom(2);
        for (Window2d w : GEOMETRIES) {
            int channels = 2;
            int pOut = w.outHeight();
            int qOut = w.outWidth();
            float[] col = random(rng, channels * w.kernelSize() * pOut * qOut);
            float[] x0 = random(rng, channels * w.planeSize());
            float[] expected = x0.clone();
            for (int c = 0; c < channels; c++) {
                for (int r = 0; r < w.kernelH(); r++) {
                    for (int s = 0; s < w.kernelW(); s++) {
                        for (int p = 0; p < pOut; p++) {
                            for (int q = 0; q < qOut; q++) {
                                int ih = p * w.strideH() - w.padH() + r * w.dilationH();
                                int iw = q * w.strideW() - w.padW() + s * w.dilationW();
                                if (ih >= 0 && ih < w.height() && iw >= 0 && iw < w.width()) {
                                    expected[(c * w.height() + ih) * w.width() + iw] +=
                                            col[(((c * w.kernelH() + r) * w.kernelW() + s) * pOut + p) * qOut + q];
                                }
                            }
                        }
                    }
                }
            }
            float[] x = new float[x0.length + 4];
            System.arraycopy(x0, 0, x, 4, x0.length);
            float[] colShifted = new float[col.length + 7];
            System.arraycopy(col, 0, colShifted, 7, col.length);
            Im2col.col2im(w, channels, colShifted, 7, x, 4);
            for (int i = 0; i < expected.length; i++) {
                assertThat((double) x[4 + i]).as("%s element %d", w, i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    @Test
    void vectorAddMatchesScalarOnAwkwardLengths() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int n : new int[] {0, 1, 7, 8, 9, 15, 16, 17, 31, 33, 64, 127}) {
            float[] src = random(rng, n + 3);
            float[] dst = random(rng, n + 5);
            float[] a = dst.clone();
            float[] b = dst.clone();
            Im2col.addScalar(src, 3, a, 5 - 2, n);
            Im2col.addVector(src, 3, b, 5 - 2, n);
            assertThat(b).as("n=%d", n).containsExactly(a);
            // to the very end of both arrays: the masked tail must not reach past them
            float[] c = dst.clone();
            float[] d = dst.clone();
            Im2col.addScalar(src, 3, c, 5, n);
            Im2col.addVector(src, 3, d, 5, n);
            assertThat(d).as("n=%d at the end", n).containsExactly(c);
        }
    }

    @Test
    void rejectsShortArraysAndOversizedKernels() {
        Window2d w = new Window2d(4, 4, 3, 3, 1, 1, 0, 0, 1, 1);
        assertThatThrownBy(() -> Im2col.im2col(w, 2, new float[31], 0, new float[2 * 9 * 4], 0))
                .hasMessageContaining("im2col");
        assertThatThrownBy(() -> new Window2d(4, 4, 3, 3, 1, 1, 0, 0, 2, 2))
                .hasMessageContaining("larger than the padded input");
        assertThatThrownBy(() -> new Window2d(4, 4, 3, 3, 0, 1, 0, 0, 1, 1))
                .hasMessageContaining("stride");
    }
}
