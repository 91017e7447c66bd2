package dev.saraf.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Bias, relu and 2x2 stride-2 max pooling of a channels-last convolution output ({@link PatchGemm}'s
 * {@code [P Q, K]}), written channels-first ({@code [K, P / 2, Q / 2]}) as the rest of the network
 * reads it. The channels of one pixel are contiguous, so each vector holds one window tap of
 * {@code L} channels: the four taps of a window are four loads, compared by {@link Pool2d#max2x2}'s
 * tournament (left against right in each row, then top against bottom, the later tap winning only
 * if greater, or a NaN against a number), so the values and argmax are those of
 * {@code Pool2d.maxForward} on {@code relu(conv + bias)} in NCHW. The pooled rows go through a
 * small channels-last buffer and are transposed into place at the end.
 */
public final class ReluMaxPoolChannelsLast {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> IS = S.withLanes(int.class);
    private static final int L = S.length();

    private ReluMaxPoolChannelsLast() {}

    /**
     * Pooled rows {@code [row0, row1)} of one image. {@code c} holds, from {@code cOff} with row stride
     * {@code ldc}, the channels-last output of the convolution's pixels from {@code (2 row0, 0)}
     * on: pixel {@code (p, q)} of the {@code [P, Q]} plane at row {@code (p - 2 row0) Q + q}.
     * Writes {@code out[outOff + k (P/2)(Q/2) + i (Q/2) + j]} and, when {@code argmax} is not null,
     * the index {@code ih Q + iw} of the winning pixel at the same position from {@code argOff}.
     * {@code bias} (K values, or null) is added before the relu. {@code pooled} and {@code index}
     * are scratch of at least {@code (row1 - row0) (Q/2) K} elements ({@code index} unused without
     * argmax).
     */
    public static void forward(int channels, int p, int q, float[] c, int cOff, int ldc, float[] bias, int row0, int row1,
                               float[] out, int outOff, int[] argmax, int argOff, float[] pooled, int[] index) {
        int pOut = p / 2;
        int qOut = q / 2;
        int n = (row1 - row0) * qOut;
        if (row0 < 0 || row1 < row0 || row1 > pOut || ldc < channels || bias != null && bias.length < channels
                || (long) cOff + ((long) (row1 - row0) * 2 * q - 1) * ldc + channels > c.length && n > 0
                || (long) outOff + (long) channels * pOut * qOut > out.length
                || argmax != null && (long) argOff + (long) channels * pOut * qOut > argmax.length
                || pooled.length < (long) n * channels || argmax != null && index.length < (long) n * channels) {
            throw new IllegalArgumentException("reluMaxPool: pooled rows [" + row0 + ", " + row1 + ") of " + channels
                    + " channels of a " + p + "x" + q + " map do not fit the arrays given");
        }
        int vecEnd = channels / L * L;
        FloatVector zero = FloatVector.zero(S);
        for (int i = row0; i < row1; i++) {
            for (int j = 0; j < qOut; j++) {
                int top = (2 * (i - row0) * q + 2 * j) * ldc + cOff; // pixel (2i, 2j)
                int low = top + q * ldc;
                int i0 = 2 * i * q + 2 * j; // its index in the plane
                int i2 = i0 + q;
                int d = ((i - row0) * qOut + j) * channels;
                for (int k = 0; k < vecEnd; k += L) {
                    FloatVector b = bias == null ? zero : FloatVector.fromArray(S, bias, k);
                    FloatVector v0 = FloatVector.fromArray(S, c, top + k).add(b).max(zero);
                    FloatVector v1 = FloatVector.fromArray(S, c, top + ldc + k).add(b).max(zero);
                    FloatVector v2 = FloatVector.fromArray(S, c, low + k).add(b).max(zero);
                    FloatVector v3 = FloatVector.fromArray(S, c, low + ldc + k).add(b).max(zero);
                    VectorMask<Float> right = Pool2dVector.later(v0, v1);
                    VectorMask<Float> right2 = Pool2dVector.later(v2, v3);
                    FloatVector t = v0.blend(v1, right);
                    FloatVector bt = v2.blend(v3, right2);
                    VectorMask<Float> bottom = Pool2dVector.later(t, bt);
                    t.blend(bt, bottom).intoArray(pooled, d + k);
                    if (argmax != null) {
                        IntVector ti = IntVector.broadcast(IS, i0).blend(i0 + 1, right.cast(IS));
                        IntVector bi = IntVector.broadcast(IS, i2).blend(i2 + 1, right2.cast(IS));
                        ti.blend(bi, bottom.cast(IS)).intoArray(index, d + k);
                    }
                }
                for (int k = vecEnd; k < channels; k++) {
                    float b = bias == null ? 0f : bias[k];
                    float v0 = MapReference.relu(c[top + k] + b);
                    float v1 = MapReference.relu(c[top + ldc + k] + b);
                    float v2 = MapReference.relu(c[low + k] + b);
                    float v3 = MapReference.relu(c[low + ldc + k] + b);
                    boolean right = v1 > v0 || (v1 != v1 && v0 == v0);
                    float t = right ? v1 : v0;
                    boolean right2 = v3 > v2 || (v3 != v3 && v2 == v2);
                    float bt = right2 ? v3 : v2;
                    boolean bottom = bt > t || (bt != bt && t == t);
                    pooled[d + k] = bottom ? bt : t;
                    if (argmax != null) {
                        index[d + k] = bottom ? (right2 ? i2 + 1 : i2) : (right ? i0 + 1 : i0);
                    }
                }
            }
        }
        // channels-last [n, K] to channels-first planes
        int plane = pOut * qOut;
        int base = row0 * qOut;
        for (int k = 0; k < channels; k++) {
            int o = outOff + k * plane + base;
            for (int e = 0, s = k; e < n; e++, s += channels) {
                out[o + e] = pooled[s];
            }
            if (argmax != null) {
                int a = argOff + k * plane + base;
                for (int e = 0, s = k; e < n; e++, s += channels) {
                    argmax[a + e] = index[s];
                }
            }
        }
    }
}
