package dev.saraf.nn.functional;

import dev.saraf.tensor.Shape;
import dev.saraf.tensor.Tensor;

/**
 * Adaptive average pooling of {@code [N, C, H, W]} to {@code [N, C, outH, outW]}: output cell
 * {@code i} averages input rows {@code floor(i*H/outH)} to {@code ceil((i+1)*H/outH) - 1}, as
 * PyTorch bins them (and likewise for columns).
 */
final class AdaptiveAvgPoolOp {
    private AdaptiveAvgPoolOp() {}

    static Tensor apply(Tensor x, int outH, int outW) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("adaptiveAvgPool2d: input must be [N, C, H, W], got " + x.shape());
        }
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException("adaptiveAvgPool2d: output size must be positive, got " + outH + "x" + outW);
        }
        int planes = x.size(0) * x.size(1);
        int h = x.size(2);
        int w = x.size(3);
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("adaptiveAvgPool2d: empty spatial size in " + x.shape());
        }
        float[] xd = x.data();
        float[] out = new float[planes * outH * outW];
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < outH; i++) {
                int h0 = i * h / outH;
                int h1 = ceilDiv((i + 1) * h, outH);
                for (int j = 0; j < outW; j++) {
                    int w0 = j * w / outW;
                    int w1 = ceilDiv((j + 1) * w, outW);
                    float s = 0;
                    for (int a = h0; a < h1; a++) {
                        for (int b = w0; b < w1; b++) {
                            s += xd[(p * h + a) * w + b];
                        }
                    }
                    out[(p * outH + i) * outW + j] = s / ((h1 - h0) * (w1 - w0));
                }
            }
        }
        Shape os = Shape.of(x.size(0), x.size(1), outH, outW);
        return Tensor.fromOp(out, os, "adaptiveAvgPool2d", g -> {
            float[] gd = g.data();
            float[] dx = new float[xd.length];
            for (int p = 0; p < planes; p++) {
                for (int i = 0; i < outH; i++) {
                    int h0 = i * h / outH;
                    int h1 = ceilDiv((i + 1) * h, outH);
                    for (int j = 0; j < outW; j++) {
                        int w0 = j * w / outW;
                        int w1 = ceilDiv((j + 1) * w, outW);
                        float share = gd[(p * outH + i) * outW + j] / ((h1 - h0) * (w1 - w0));
                        for (int a = h0; a < h1; a++) {
                            for (int b = w0; b < w1; b++) {
                                dx[(p * h + a) * w + b] += share;
                            }
                        }
                    }
                }
            }
            return new Tensor[] {Tensor.wrap(dx, x.shape())};
        }, x);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
