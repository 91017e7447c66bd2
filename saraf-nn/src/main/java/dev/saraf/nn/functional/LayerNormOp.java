package dev.saraf.nn.functional;

import dev.saraf.kernels.Parallel;
import dev.saraf.tensor.Shape;
import dev.saraf.tensor.Tensor;
import java.util.Arrays;

/**
 * Layer normalisation (Ba, Kiros and Hinton 2016) over the trailing axes of {@code [*, D...]},
 * fused: rows are independent and split across threads; the weight and bias gradients are summed
 * over rows in one fixed order so the result does not depend on the thread count.
 */
final class LayerNormOp {
    private LayerNormOp() {}

    static Tensor apply(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        int k = normalizedShape.length;
        int[] dims = x.dims();
        if (k == 0 || k > dims.length
                || !Arrays.equals(Arrays.copyOfRange(dims, dims.length - k, dims.length), normalizedShape)) {
            throw new IllegalArgumentException("layerNorm: input " + x.shape() + " does not end in the normalized shape "
                    + Arrays.toString(normalizedShape));
        }
        int d = Shape.of(normalizedShape).numel();
        int rows = d == 0 ? 0 : x.numel() / d;
        for (Tensor t : new Tensor[] {weight, bias}) {
            if (t != null && !t.shape().is(normalizedShape)) {
                throw new IllegalArgumentException("layerNorm: weight and bias must be " + Arrays.toString(normalizedShape)
                        + ", got " + t.shape());
            }
        }
        float[] xd = x.data();
        float[] w = weight == null ? null : weight.data();
        float[] b = bias == null ? null : bias.data();
        float[] mean = new float[rows];
        float[] rstd = new float[rows];
        float[] out = new float[xd.length];
        Parallel.forRange(rows, Math.max(1, 16384 / Math.max(1, d)), (from, to) -> {
            for (int r = from; r < to; r++) {
                int base = r * d;
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += xd[base + j];
                }
                double mu = s / d;
                double ss = 0;
                for (int j = 0; j < d; j++) {
                    double dv = xd[base + j] - mu;
                    ss += dv * dv;
                }
                float rs = (float) (1.0 / Math.sqrt(ss / d + eps));
                float fm = (float) mu;
                mean[r] = fm;
                rstd[r] = rs;
                for (int j = 0; j < d; j++) {
                    float xhat = (xd[base + j] - fm) * rs;
                    out[base + j] = (w == null ? xhat : xhat * w[j]) + (b == null ? 0f : b[j]);
                }
            }
        });
        return Tensor.fromOp(out, x.shape(), "layerNorm", g -> backward(g, x, weight, bias, mean, rstd, rows, d), x, weight, bias);
    }

    private static Tensor[] backward(Tensor gradOut, Tensor x, Tensor weight, Tensor bias, float[] mean, float[] rstd,
                                     int rows, int d) {
        float[] g = gradOut.data();
        float[] xd = x.data();
        float[] w = weight == null ? null : weight.data();
        float[] dx = x.requiresGrad() ? new float[xd.length] : null;
        if (dx != null) {
            Parallel.forRange(rows, Math.max(1, 16384 / Math.max(1, d)), (from, to) -> {
                for (int r = from; r < to; r++) {
                    int base = r * d;
                    float mu = mean[r];
                    float rs = rstd[r];
                    double sumG = 0;
                    double sumGx = 0;
                    for (int j = 0; j < d; j++) {
                        float gh = w == null ? g[base + j] : g[base + j] * w[j];
                        sumG += gh;
                        sumGx += gh * ((xd[base + j] - mu) * rs);
                    }
                    float meanG = (float) (sumG / d);
                    float meanGx = (float) (sumGx / d);
                    for (int j = 0; j < d; j++) {
                        float gh = w == null ? g[base + j] : g[base + j] * w[j];
                        float xhat = (xd[base + j] - mu) * rs;
                        dx[base + j] = rs * (gh - meanG - xhat * meanGx);
                    }
                }
            });
        }
        float[] dw = weight != null && weight.requiresGrad() ? new float[d] : null;
        float[] db = bias != null && bias.requiresGrad() ? new float[d] : null;
        if (dw != null || db != null) {
            for (int r = 0; r < rows; r++) {
                int base = r * d;
                float mu = mean[r];
                float rs = rstd[r];
                for (int j = 0; j < d; j++) {
                    if (dw != null) {
                        dw[j] += g[base + j] * ((xd[base + j] - mu) * rs);
                    }
                    if (db != null) {
                        db[j] += g[base + j];
                    }
                }
            }
        }
        return new Tensor[] {dx == null ? null : Tensor.wrap(dx, x.shape()),
                dw == null ? null : Tensor.wrap(dw, weight.shape()), db == null ? null : Tensor.wrap(db, bias.shape())};
    }
}
