package dev.saraf.tensor;

import static dev.saraf.tensor.TestTensors.random;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rows of the shared op table for the Convolution ops (see {@link DifferentiableOpsTest}). */
final class ConvolutionCases {
    private ConvolutionCases() {}

    static List<OpCase> cases() {
        List<OpCase> c = new ArrayList<>();
        c.add(conv(new int[] {2, 3, 5, 5}, new int[] {4, 3, 3, 3}, true, p(1, 1), p(1, 1), p(1, 1), 1));
        c.add(conv(new int[] {1, 2, 7, 6}, new int[] {3, 2, 2, 3}, false, p(2, 2), p(0, 0), p(1, 1), 1));
        c.add(conv(new int[] {2, 4, 7, 7}, new int[] {6, 2, 3, 3}, true, p(2, 2), p(1, 1), p(1, 1), 2));
        c.add(conv(new int[] {1, 2, 9, 8}, new int[] {2, 2, 3, 3}, true, p(1, 1), p(2, 2), p(2, 2), 1));
        c.add(conv(new int[] {2, 5, 3, 4}, new int[] {3, 5, 1, 1}, true, p(1, 1), p(0, 0), p(1, 1), 1));
        c.add(conv(new int[] {1, 4, 3, 3}, new int[] {6, 2, 1, 1}, false, p(1, 1), p(0, 0), p(1, 1), 2));
        c.add(conv(new int[] {3, 1, 5, 3}, new int[] {2, 1, 5, 3}, true, p(1, 1), p(0, 0), p(1, 1), 1));
        c.add(conv(new int[] {1, 3, 6, 11}, new int[] {2, 3, 3, 2}, true, p(2, 1), p(0, 2), p(1, 2), 1));
        c.add(conv(new int[] {1, 1, 1, 1}, new int[] {1, 1, 1, 1}, true, p(1, 1), p(0, 0), p(1, 1), 1));
        c.add(conv(new int[] {1, 3, 5, 5}, new int[] {3, 1, 3, 3}, false, p(1, 1), p(1, 1), p(1, 1), 3));
        c.add(conv(new int[] {2, 2, 5, 7}, new int[] {2, 2, 1, 1}, true, p(2, 3), p(1, 0), p(1, 1), 1));
        // small outputs, so that inputs keeping every pre-activation away from relu's kink are easy to draw
        c.add(convRelu(new int[] {1, 2, 4, 4}, new int[] {2, 2, 3, 3}, true, p(1, 1), p(0, 0), p(1, 1), 1));
        c.add(convRelu(new int[] {2, 4, 3, 4}, new int[] {2, 2, 2, 2}, true, p(2, 1), p(0, 1), p(1, 1), 2));
        c.add(convRelu(new int[] {1, 2, 5, 4}, new int[] {3, 2, 2, 3}, false, p(2, 2), p(0, 0), p(1, 1), 1));
        c.add(convRelu(new int[] {2, 5, 2, 2}, new int[] {3, 5, 1, 1}, true, p(1, 1), p(0, 0), p(1, 1), 1));
        // conv, relu and max pooling fused: plain 2x2, overlapping windows with padding, a 1x1 conv
        c.add(convReluPool(new int[] {1, 2, 5, 5}, new int[] {2, 2, 2, 2}, true, p(1, 1), p(0, 0), 1, p(2, 2), p(2, 2), p(0, 0)));
        c.add(convReluPool(new int[] {2, 2, 4, 5}, new int[] {2, 1, 2, 2}, false, p(1, 1), p(1, 0), 2, p(3, 2), p(2, 1), p(1, 0)));
        c.add(convReluPool(new int[] {1, 3, 3, 4}, new int[] {2, 3, 1, 1}, true, p(1, 1), p(0, 0), 1, p(2, 2), p(1, 2), p(1, 1)));
        return c;
    }

    private static int[] p(int a, int b) {
        return new int[] {a, b};
    }

    private static OpCase conv(int[] xs, int[] ws, boolean bias, int[] stride, int[] pad, int[] dil, int groups) {
        String name = "conv2d x" + Arrays.toString(xs) + " w" + Arrays.toString(ws) + (bias ? " bias" : "") + " s"
                + Arrays.toString(stride) + " p" + Arrays.toString(pad) + " d" + Arrays.toString(dil) + " g" + groups;
        return new OpCase(name, rng -> bias
                        ? new Tensor[] {random(rng, xs), random(rng, ws), random(rng, ws[0])}
                        : new Tensor[] {random(rng, xs), random(rng, ws)},
                t -> t[0].conv2d(t[1], bias ? t[2] : null, stride, pad, dil, groups),
                t -> reference(t[0], t[1], bias ? t[2] : null, stride, pad, dil, groups), 1e-4, 1e-2, 1e-2);
    }

    private static OpCase convRelu(int[] xs, int[] ws, boolean bias, int[] stride, int[] pad, int[] dil, int groups) {
        String name = "conv2dRelu x" + Arrays.toString(xs) + " w" + Arrays.toString(ws) + (bias ? " bias" : "") + " s"
                + Arrays.toString(stride) + " p" + Arrays.toString(pad) + " d" + Arrays.toString(dil) + " g" + groups;
        return new OpCase(name, rng -> {
                    // redraw until every pre-activation is at least 0.1 from zero: finite differences
                    // across relu's kink would measure a slope that is not there
                    while (true) {
                        Tensor[] t = bias
                                ? new Tensor[] {random(rng, xs), random(rng, ws), random(rng, ws[0])}
                                : new Tensor[] {random(rng, xs), random(rng, ws)};
                        float[] pre = reference(t[0], t[1], bias ? t[2] : null, stride, pad, dil, groups).data();
                        boolean away = true;
                        for (float v : pre) {
                            away &= Math.abs(v) >= 0.1f;
                        }
                        if (away) {
                            return t;
                        }
                    }
                },
                t -> Convolution.conv2dRelu(t[0], t[1], bias ? t[2] : null, stride, pad, dil, groups),
                t -> {
                    float[] y = reference(t[0], t[1], bias ? t[2] : null, stride, pad, dil, groups).data().clone();
                    for (int i = 0; i < y.length; i++) {
                        y[i] = Math.max(y[i], 0f);
                    }
                    return Tensor.wrap(y, reference(t[0], t[1], bias ? t[2] : null, stride, pad, dil, groups).shape());
                }, 1e-4, 1e-2, 1e-2);
    }

    private static OpCase convReluPool(int[] xs, int[] ws, boolean bias, int[] stride, int[] pad, int groups, int[] pk,
                                       int[] ps, int[] pp) {
        int[] dil = p(1, 1);
        String name = "conv2dReluMaxPool2d x" + Arrays.toString(xs) + " w" + Arrays.toString(ws) + (bias ? " bias" : "")
                + " s" + Arrays.toString(stride) + " p" + Arrays.toString(pad) + " g" + groups + " pool k"
                + Arrays.toString(pk) + " s" + Arrays.toString(ps) + " p" + Arrays.toString(pp);
        return new OpCase(name, rng -> {
                    // redraw until every pre-activation is at least 0.1 from zero and each window's
                    // positive maximum at least 0.1 above the rest of its window: a finite-difference
                    // probe then crosses neither relu's kink nor a change of the window's maximum
                    while (true) {
                        Tensor[] t = bias
                                ? new Tensor[] {random(rng, xs), random(rng, ws), random(rng, ws[0])}
                                : new Tensor[] {random(rng, xs), random(rng, ws)};
                        Tensor pre = reference(t[0], t[1], bias ? t[2] : null, stride, pad, dil, groups);
                        boolean away = true;
                        for (float v : pre.data()) {
                            away &= Math.abs(v) >= 0.1f;
                        }
                        if (away && maximaSeparated(pre, pk, ps, pp)) {
                            return t;
                        }
                    }
                },
                t -> Convolution.conv2dReluMaxPool(t[0], t[1], bias ? t[2] : null, stride, pad, dil, groups, pk, ps, pp),
                t -> {
                    Tensor y = reference(t[0], t[1], bias ? t[2] : null, stride, pad, dil, groups);
                    float[] r = y.data().clone();
                    for (int i = 0; i < r.length; i++) {
                        r[i] = Math.max(r[i], 0f);
                    }
                    return PoolingCases.reference(Tensor.wrap(r, y.shape()), pk, ps, pp, true);
                }, 1e-4, 1e-2, 1e-2);
    }

    /** Whether every pooling window whose largest value is positive has it at least 0.1 above the others. */
    private static boolean maximaSeparated(Tensor y, int[] k, int[] s, int[] p) {
        int h = y.size(2);
        int w = y.size(3);
        int ph = (h + 2 * p[0] - k[0]) / s[0] + 1;
        int qw = (w + 2 * p[1] - k[1]) / s[1] + 1;
        float[] v = y.data();
        for (int plane = 0; plane < y.size(0) * y.size(1); plane++) {
            for (int i = 0; i < ph; i++) {
                for (int j = 0; j < qw; j++) {
                    float best = Float.NEGATIVE_INFINITY;
                    float second = Float.NEGATIVE_INFINITY;
                    for (int a = 0; a < k[0]; a++) {
                        for (int b = 0; b < k[1]; b++) {
                            int ih = i * s[0] - p[0] + a;
                            int iw = j * s[1] - p[1] + b;
                            if (ih >= 0 && ih < h && iw >= 0 && iw < w) {
                                float x = v[(plane * h + ih) * w + iw];
                                if (x > best) {
                                    second = best;
                                    best = x;
                                } else if (x > second) {
                                    second = x;
                                }
                            }
                        }
                    }
                    if (best > 0f && best - second < 0.1f) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** The definition: seven nested loops over output position, input channel of the group and kernel tap. */
    static Tensor reference(Tensor x, Tensor w, Tensor b, int[] stride, int[] pad, int[] dil, int groups) {
        int n = x.size(0);
        int c = x.size(1);
        int h = x.size(2);
        int wd = x.size(3);
        int k = w.size(0);
        int cg = w.size(1);
        int r = w.size(2);
        int s = w.size(3);
        int kg = k / groups;
        int p = (h + 2 * pad[0] - dil[0] * (r - 1) - 1) / stride[0] + 1;
        int q = (wd + 2 * pad[1] - dil[1] * (s - 1) - 1) / stride[1] + 1;
        float[] out = new float[n * k * p * q];
        float[] xv = x.data();
        float[] wv = w.data();
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < k; o++) {
                int g = o / kg;
                for (int y = 0; y < p; y++) {
                    for (int z = 0; z < q; z++) {
                        double acc = b == null ? 0 : b.data()[o];
                        for (int ci = 0; ci < cg; ci++) {
                            for (int ky = 0; ky < r; ky++) {
                                for (int kx = 0; kx < s; kx++) {
                                    int ih = y * stride[0] - pad[0] + ky * dil[0];
                                    int iw = z * stride[1] - pad[1] + kx * dil[1];
                                    if (ih >= 0 && ih < h && iw >= 0 && iw < wd) {
                                        acc += (double) xv[((i * c + g * cg + ci) * h + ih) * wd + iw]
                                                * wv[((o * cg + ci) * r + ky) * s + kx];
                                    }
                                }
                            }
                        }
                        out[((i * k + o) * p + y) * q + z] = (float) acc;
                    }
                }
            }
        }
        return Tensor.wrap(out, n, k, p, q);
    }
}
