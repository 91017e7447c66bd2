package dev.saraf.nn;

import dev.saraf.tensor.Shape;
import dev.saraf.tensor.Tensor;
import java.util.function.DoubleUnaryOperator;

/** Plain-loop references for the layers; they read data() and never call tensor ops. */
final class References {
    private References() {}

    static Tensor linear(Tensor x, Tensor w, Tensor b) {
        int in = w.size(1);
        int out = w.size(0);
        int rows = x.numel() / in;
        int[] dims = x.dims();
        dims[dims.length - 1] = out;
        float[] y = new float[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double s = b == null ? 0 : b.data()[o];
                for (int i = 0; i < in; i++) {
                    s += (double) x.data()[r * in + i] * w.data()[o * in + i];
                }
                y[r * out + o] = (float) s;
            }
        }
        return Tensor.wrap(y, dims);
    }

    /** pads = {top, bottom, left, right}. */
    static Tensor conv2d(Tensor x, Tensor w, Tensor b, int[] stride, int[] pads, int[] dil, int groups) {
        int n = x.size(0), c = x.size(1), h = x.size(2), wd = x.size(3);
        int k = w.size(0), cg = w.size(1), kh = w.size(2), kw = w.size(3);
        int p = (h + pads[0] + pads[1] - dil[0] * (kh - 1) - 1) / stride[0] + 1;
        int q = (wd + pads[2] + pads[3] - dil[1] * (kw - 1) - 1) / stride[1] + 1;
        int kg = k / groups;
        float[] y = new float[n * k * p * q];
        for (int ni = 0; ni < n; ni++) {
            for (int o = 0; o < k; o++) {
                int g = o / kg;
                for (int i = 0; i < p; i++) {
                    for (int j = 0; j < q; j++) {
                        double s = b == null ? 0 : b.data()[o];
                        for (int ci = 0; ci < cg; ci++) {
                            int ch = g * cg + ci;
                            for (int a = 0; a < kh; a++) {
                                for (int bb = 0; bb < kw; bb++) {
                                    int hi = i * stride[0] - pads[0] + a * dil[0];
                                    int wi = j * stride[1] - pads[2] + bb * dil[1];
                                    if (hi < 0 || hi >= h || wi < 0 || wi >= wd) {
                                        continue;
                                    }
                                    s += (double) x.data()[((ni * c + ch) * h + hi) * wd + wi]
                                            * w.data()[((o * cg + ci) * kh + a) * kw + bb];
                                }
                            }
                        }
                        y[((ni * k + o) * p + i) * q + j] = (float) s;
                    }
                }
            }
        }
        return Tensor.wrap(y, n, k, p, q);
    }

    static Tensor pool2d(Tensor x, int[] kernel, int[] stride, int[] pad, boolean max) {
        int n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        int p = (h + 2 * pad[0] - kernel[0]) / stride[0] + 1;
        int q = (w + 2 * pad[1] - kernel[1]) / stride[1] + 1;
        float[] y = new float[n * c * p * q];
        for (int plane = 0; plane < n * c; plane++) {
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < q; j++) {
                    double acc = max ? Double.NEGATIVE_INFINITY : 0;
                    for (int a = 0; a < kernel[0]; a++) {
                        for (int b = 0; b < kernel[1]; b++) {
                            int hi = i * stride[0] - pad[0] + a;
                            int wi = j * stride[1] - pad[1] + b;
                            if (hi < 0 || hi >= h || wi < 0 || wi >= w) {
                                continue;
                            }
                            float v = x.data()[(plane * h + hi) * w + wi];
                            acc = max ? Math.max(acc, v) : acc + v;
                        }
                    }
                    y[(plane * p + i) * q + j] = (float) (max ? acc : acc / (kernel[0] * kernel[1]));
                }
            }
        }
        return Tensor.wrap(y, n, c, p, q);
    }

    static Tensor adaptiveAvg(Tensor x, int oh, int ow) {
        int n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        float[] y = new float[n * c * oh * ow];
        for (int plane = 0; plane < n * c; plane++) {
            for (int i = 0; i < oh; i++) {
                int h0 = (int) Math.floor((double) i * h / oh), h1 = (int) Math.ceil((double) (i + 1) * h / oh);
                for (int j = 0; j < ow; j++) {
                    int w0 = (int) Math.floor((double) j * w / ow), w1 = (int) Math.ceil((double) (j + 1) * w / ow);
                    double s = 0;
                    for (int a = h0; a < h1; a++) {
                        for (int b = w0; b < w1; b++) {
                            s += x.data()[(plane * h + a) * w + b];
                        }
                    }
                    y[(plane * oh + i) * ow + j] = (float) (s / ((h1 - h0) * (w1 - w0)));
                }
            }
        }
        return Tensor.wrap(y, n, c, oh, ow);
    }

    /** Batch norm over axis 1 with the given statistics (null: batch statistics). */
    static Tensor batchNorm(Tensor x, Tensor mean, Tensor var, Tensor w, Tensor b, double eps) {
        int n = x.size(0), c = x.size(1), s = x.shape().numel(2, x.rank());
        float[] y = new float[x.numel()];
        for (int ch = 0; ch < c; ch++) {
            double mu;
            double v;
            if (mean == null) {
                double sum = 0, sq = 0;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < s; j++) {
                        sum += x.data()[(i * c + ch) * s + j];
                    }
                }
                mu = sum / (n * s);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < s; j++) {
                        double d = x.data()[(i * c + ch) * s + j] - mu;
                        sq += d * d;
                    }
                }
                v = sq / (n * s);
            } else {
                mu = mean.data()[ch];
                v = var.data()[ch];
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < s; j++) {
                    int at = (i * c + ch) * s + j;
                    double xhat = (x.data()[at] - mu) / Math.sqrt(v + eps);
                    y[at] = (float) (xhat * (w == null ? 1 : w.data()[ch]) + (b == null ? 0 : b.data()[ch]));
                }
            }
        }
        return Tensor.wrap(y, x.shape());
    }

    static Tensor layerNorm(Tensor x, int d, Tensor w, Tensor b, double eps) {
        float[] y = new float[x.numel()];
        for (int r = 0; r < x.numel() / d; r++) {
            double sum = 0, sq = 0;
            for (int j = 0; j < d; j++) {
                sum += x.data()[r * d + j];
            }
            double mu = sum / d;
            for (int j = 0; j < d; j++) {
                double dv = x.data()[r * d + j] - mu;
                sq += dv * dv;
            }
            double rs = 1 / Math.sqrt(sq / d + eps);
            for (int j = 0; j < d; j++) {
                double xhat = (x.data()[r * d + j] - mu) * rs;
                y[r * d + j] = (float) (xhat * (w == null ? 1 : w.data()[j]) + (b == null ? 0 : b.data()[j]));
            }
        }
        return Tensor.wrap(y, x.shape());
    }

    static Tensor map(Tensor x, DoubleUnaryOperator f) {
        float[] y = new float[x.numel()];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) f.applyAsDouble(x.data()[i]);
        }
        return Tensor.wrap(y, x.shape());
    }

    /** Softmax (or log-softmax) along {@code axis}. */
    static Tensor softmax(Tensor x, int axis, boolean log) {
        int a = x.shape().axis(axis);
        int outer = x.shape().numel(0, a), len = x.size(a), inner = x.shape().numel(a + 1, x.rank());
        float[] y = new float[x.numel()];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (int k = 0; k < len; k++) {
                    max = Math.max(max, x.data()[(o * len + k) * inner + in]);
                }
                for (int k = 0; k < len; k++) {
                    sum += Math.exp(x.data()[(o * len + k) * inner + in] - max);
                }
                for (int k = 0; k < len; k++) {
                    double z = x.data()[(o * len + k) * inner + in] - max;
                    y[(o * len + k) * inner + in] = (float) (log ? z - Math.log(sum) : Math.exp(z) / sum);
                }
            }
        }
        return Tensor.wrap(y, x.shape());
    }

    static double erf(double z) {
        // Abramowitz-Stegun 7.1.26 is too coarse for 1e-5; integrate the series instead
        double sum = z, term = z;
        for (int n = 1; n < 200; n++) {
            term *= -z * z / n;
            double add = term / (2 * n + 1);
            sum += add;
            if (Math.abs(add) < 1e-17) {
                break;
            }
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    static Shape shape(int... dims) {
        return Shape.of(dims);
    }
}
