package dev.saraf.nn.functional;

import dev.saraf.kernels.Gemm;
import dev.saraf.kernels.MapKernels;
import dev.saraf.tensor.ActivationPool;
import dev.saraf.tensor.Shape;
import dev.saraf.tensor.Tensor;

/**
 * {@code y = x W^T + b} as one op on GEMM's transpose flags: {@code x [*, in]} folded to
 * {@code [M, in]}, weight {@code [out, in]}, bias {@code [out]} or null, giving {@code [*, out]}.
 *
 * <p>Why an op of its own: spelling it {@code x.matmul(weight.t()).add(bias)} materialised the
 * transposed weight and a bias-free intermediate every call (a third of W-MLP's training time).
 * Here GEMM writes the product and adds the bias to every row, rectifying it too with
 * {@code relu}, tile by tile as it finishes them ({@link Gemm#sgemmBias}; copying the bias into the
 * rows first for GEMM to add to was a serial pass over the output, and GEMM then read it back, and
 * a pass of its own after GEMM read and wrote the output once more); the backward is
 * {@code dx = dy W}, {@code dW = dy^T x}, {@code db = column sums of dy}, again without a
 * transpose. With {@code relu} the backward masks {@code dy} by {@code y > 0} first: the values
 * and gradients of a Linear followed by a ReLU, one array and one pass fewer each way.
 */
final class LinearOp {
    private LinearOp() {}

    static Tensor apply(Tensor x, Tensor weight, Tensor bias, boolean relu) {
        int in = weight.size(1);
        int out = weight.size(0);
        int m = x.numel() / in;
        float[] xd = x.data();
        float[] wd = weight.data();
        float[] y = ActivationPool.uninitialized(m * out); // GEMM with beta 0 writes every element
        if (bias != null) {
            Gemm.sgemmBias(false, true, m, out, in, 1f, xd, 0, in, wd, 0, in, 0f, y, 0, out, bias.data(), 0, relu);
        } else {
            Gemm.sgemm(false, true, m, out, in, 1f, xd, 0, in, wd, 0, in, 0f, y, 0, out);
        }
        if (bias == null && relu) {
            MapKernels.relu(y, 0, y, 0, y.length);
        }
        int[] dims = x.shape().dims();
        dims[dims.length - 1] = out;
        return Tensor.fromOp(y, Shape.of(dims), relu ? "linearRelu" : "linear", g -> {
            float[] dy = g.data();
            if (relu) {
                // relu(z) > 0 exactly where z > 0 (NaN and -0 included), so this is ReLU's own mask
                float[] masked = ActivationPool.uninitialized(dy.length);
                MapKernels.reluBackward(y, 0, dy, 0, masked, 0, dy.length);
                dy = masked;
            }
            float[] dx = null;
            float[] dw = null;
            float[] db = null;
            if (x.requiresGrad()) {
                dx = ActivationPool.uninitialized(xd.length); // beta 0: GEMM writes every element
                Gemm.sgemm(false, false, m, in, out, 1f, dy, 0, out, wd, 0, in, 0f, dx, 0, in);
            }
            if (weight.requiresGrad()) {
                dw = ActivationPool.uninitialized(wd.length);
                Gemm.sgemm(true, false, out, in, m, 1f, dy, 0, out, xd, 0, in, 0f, dw, 0, in);
            }
            if (bias != null && bias.requiresGrad()) {
                db = columnSums(dy, m, out);
            }
            return new Tensor[] {
                dx == null ? null : Tensor.wrapFresh(dx, x.shape()),
                dw == null ? null : Tensor.wrapFresh(dw, weight.shape()),
                db == null ? null : Tensor.wrapFresh(db, bias.shape())
            };
        }, x, weight, bias);
    }

    /** Sums the rows of {@code dy [m, n]}, in ascending row order (deterministic). */
    static float[] columnSums(float[] dy, int m, int n) {
        float[] s = new float[n];
        for (int i = 0; i < m; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                s[j] += dy[row + j];
            }
        }
        return s;
    }
}
