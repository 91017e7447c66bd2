package dev.saraf.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rows of the shared op table for the Pooling ops (see {@link DifferentiableOpsTest}). */
final class PoolingCases {
    private PoolingCases() {}

    private static final int[][][] GEOMETRIES = {
        // input, kernel, stride, padding
        {{2, 3, 4, 4}, {2, 2}, {2, 2}, {0, 0}},
        {{1, 2, 7, 5}, {3, 3}, {2, 2}, {1, 1}},
        {{1, 1, 5, 9}, {3, 2}, {1, 3}, {1, 1}},
        {{2, 1, 1, 1}, {1, 1}, {1, 1}, {0, 0}},
        {{1, 3, 6, 7}, {2, 3}, {2, 2}, {0, 1}},
        {{1, 2, 11, 13}, {3, 3}, {3, 3}, {0, 0}},
        {{3, 1, 5, 5}, {5, 5}, {1, 1}, {2, 2}},
    };

    static List<OpCase> cases() {
        List<OpCase> c = new ArrayList<>();
        for (int[][] g : GEOMETRIES) {
            String geo = Arrays.toString(g[0]) + " k" + Arrays.toString(g[1]) + " s" + Arrays.toString(g[2]) + " p"
                    + Arrays.toString(g[3]);
            // distinct values 0.1 apart: a +-eps probe never changes which element is the maximum
            c.add(OpCase.of("maxPool2d " + geo, rng -> new Tensor[] {TestTensors.distinct(rng, g[0])},
                    t -> t[0].maxPool2d(g[1], g[2], g[3]), t -> reference(t[0], g[1], g[2], g[3], true)));
            c.add(OpCase.of("avgPool2d " + geo, rng -> new Tensor[] {TestTensors.random(rng, g[0])},
                    t -> t[0].avgPool2d(g[1], g[2], g[3]), t -> reference(t[0], g[1], g[2], g[3], false)));
        }
        return c;
    }

    /** The definition: for every output, scan its window; max skips padding, avg counts it as zeros. */
    static Tensor reference(Tensor x, int[] k, int[] s, int[] p, boolean max) {
        int n = x.size(0);
        int c = x.size(1);
        int h = x.size(2);
        int w = x.size(3);
        int ph = (h + 2 * p[0] - k[0]) / s[0] + 1;
        int qw = (w + 2 * p[1] - k[1]) / s[1] + 1;
        float[] out = new float[n * c * ph * qw];
        for (int plane = 0; plane < n * c; plane++) {
            for (int i = 0; i < ph; i++) {
                for (int j = 0; j < qw; j++) {
                    double best = Double.NEGATIVE_INFINITY;
                    double sum = 0;
                    for (int a = 0; a < k[0]; a++) {
                        for (int b = 0; b < k[1]; b++) {
                            int ih = i * s[0] - p[0] + a;
                            int iw = j * s[1] - p[1] + b;
                            if (ih >= 0 && ih < h && iw >= 0 && iw < w) {
                                float v = x.data()[(plane * h + ih) * w + iw];
                                best = Math.max(best, v);
                                sum += v;
                            }
                        }
                    }
                    out[(plane * ph + i) * qw + j] = (float) (max ? best : sum / (k[0] * k[1]));
                }
            }
        }
        return Tensor.wrap(out, n, c, ph, qw);
    }
}
