package dev.saraf.nn.functional;

import dev.saraf.kernels.Parallel;
import dev.saraf.tensor.Shape;
import dev.saraf.tensor.Tensor;

/**
 * Batch normalisation (Ioffe and Szegedy 2015) of {@code [N, C, *]} over every axis but the
 * channel axis 1, fused: one pass for the statistics, one for the output, and a backward that
 * needs only the saved per-channel mean and inverse deviation. Channels are independent, so the
 * work is split by channel and the result does not depend on the thread count.
 */
final class BatchNormOp {
    private BatchNormOp() {}

    static Tensor apply(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                        boolean training, double momentum, double eps) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException("batchNorm: input must be [N, C, *], got " + x.shape());
        }
        int n = x.size(0);
        int channels = x.size(1);
        int spatial = x.shape().numel(2, x.rank());
        int m = n * spatial;
        checkChannels("weight", weight, channels, x);
        checkChannels("bias", bias, channels, x);
        checkChannels("running mean", runningMean, channels, x);
        checkChannels("running variance", runningVar, channels, x);
        boolean batchStats = training || runningMean == null || runningVar == null;
        if (batchStats && m < 2) {
            throw new IllegalArgumentException("batchNorm: training needs more than one value per channel, input " + x.shape());
        }
        float[] xd = x.data();
        float[] w = weight == null ? null : weight.data();
        float[] b = bias == null ? null : bias.data();
        float[] mean = new float[channels];
        float[] rstd = new float[channels];
        float[] out = new float[xd.length];
        int grain = Math.max(1, 32768 / Math.max(1, m));
        Parallel.forRange(channels, grain, (from, to) -> {
            for (int c = from; c < to; c++) {
                double mu;
                double var;
                if (batchStats) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        int base = (i * channels + c) * spatial;
                        for (int j = 0; j < spatial; j++) {
                            s += xd[base + j];
                        }
                    }
                    mu = s / m;
                    double ss = 0;
                    for (int i = 0; i < n; i++) {
                        int base = (i * channels + c) * spatial;
                        for (int j = 0; j < spatial; j++) {
                            double d = xd[base + j] - mu;
                            ss += d * d;
                        }
                    }
                    var = ss / m;
                } else {
                    mu = runningMean.data()[c];
                    var = runningVar.data()[c];
                }
                float r = (float) (1.0 / Math.sqrt(var + eps));
                mean[c] = (float) mu;
                rstd[c] = r;
                float scale = w == null ? r : r * w[c];
                float shift = (b == null ? 0f : b[c]) - (float) mu * scale;
                for (int i = 0; i < n; i++) {
                    int base = (i * channels + c) * spatial;
                    for (int j = 0; j < spatial; j++) {
                        out[base + j] = xd[base + j] * scale + shift;
                    }
                }
                if (training && runningMean != null && runningVar != null) {
                    float[] rm = runningMean.data();
                    float[] rv = runningVar.data();
                    rm[c] = (float) ((1 - momentum) * rm[c] + momentum * mu);
                    rv[c] = (float) ((1 - momentum) * rv[c] + momentum * var * m / (m - 1));
                }
            }
        });
        return Tensor.fromOp(out, x.shape(), "batchNorm", g -> backward(g, x, weight, bias, mean, rstd, batchStats, n,
                channels, spatial), x, weight, bias);
    }

    private static Tensor[] backward(Tensor gradOut, Tensor x, Tensor weight, Tensor bias, float[] mean, float[] rstd,
                                     boolean batchStats, int n, int channels, int spatial) {
        float[] g = gradOut.data();
        float[] xd = x.data();
        float[] w = weight == null ? null : weight.data();
        float[] dx = x.requiresGrad() ? new float[xd.length] : null;
        float[] dw = weight != null && weight.requiresGrad() ? new float[channels] : null;
        float[] db = bias != null && bias.requiresGrad() ? new float[channels] : null;
        int m = n * spatial;
        int grain = Math.max(1, 32768 / Math.max(1, m));
        Parallel.forRange(channels, grain, (from, to) -> {
            for (int c = from; c < to; c++) {
                double sumG = 0;
                double sumGx = 0;
                float mu = mean[c];
                float r = rstd[c];
                for (int i = 0; i < n; i++) {
                    int base = (i * channels + c) * spatial;
                    for (int j = 0; j < spatial; j++) {
                        float gv = g[base + j];
                        sumG += gv;
                        sumGx += gv * ((xd[base + j] - mu) * r);
                    }
                }
                if (dw != null) {
                    dw[c] = (float) sumGx;
                }
                if (db != null) {
                    db[c] = (float) sumG;
                }
                if (dx == null) {
                    continue;
                }
                float scale = w == null ? r : r * w[c];
                // batch statistics depend on x: dx = scale * (g - mean(g) - xhat * mean(g * xhat))
                float meanG = batchStats ? (float) (sumG / m) : 0f;
                float meanGx = batchStats ? (float) (sumGx / m) : 0f;
                for (int i = 0; i < n; i++) {
                    int base = (i * channels + c) * spatial;
                    for (int j = 0; j < spatial; j++) {
                        float xhat = (xd[base + j] - mu) * r;
                        dx[base + j] = scale * (g[base + j] - meanG - xhat * meanGx);
                    }
                }
            }
        });
        Shape cs = Shape.of(channels);
        return new Tensor[] {dx == null ? null : Tensor.wrap(dx, x.shape()), dw == null ? null : Tensor.wrap(dw, cs),
                db == null ? null : Tensor.wrap(db, cs)};
    }

    private static void checkChannels(String what, Tensor t, int channels, Tensor x) {
        if (t != null && !t.shape().is(channels)) {
            throw new IllegalArgumentException("batchNorm: " + what + " must be [" + channels + "] for input " + x.shape()
                    + ", got " + t.shape());
        }
    }
}
