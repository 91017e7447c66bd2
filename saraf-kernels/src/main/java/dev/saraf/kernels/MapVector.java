package dev.saraf.kernels;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API unary and fused elementwise kernels. {@code exp} is Cephes' {@code expf}: round
 * {@code x / ln 2} to {@code n}, reduce {@code r = x - n ln 2} in two parts, a degree-6 polynomial
 * for {@code e^r}, and {@code 2^n} built in the exponent bits; about 1 ulp. Lanes below -104
 * (where {@code e^x} rounds to 0) give 0; a vector with any other lane outside the range where
 * {@code 2^n} is a normal float (or NaN) is done with {@link Math#exp}.
 */
final class MapVector {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Inputs in [LO, HI] give normal results and n in [-126, 127]. */
    static final float LO = -87.3f;
    static final float HI = 88.3f;
    /** Below this, {@code e^x} is under half the smallest subnormal float and rounds to 0. */
    static final float UNDERFLOW = -104f;
    private static final float LOG2E = 1.44269504088896341f;
    /** 1.5 * 2^23: adding it rounds to an integer that then sits in the low mantissa bits. */
    private static final float MAGIC = 12582912f;
    private static final int MAGIC_BITS = 0x4B400000;
    private static final float C1 = 0.693359375f;
    private static final float C2 = -2.12194440e-4f;
    private static final float P0 = 1.9875691500e-4f;
    private static final float P1 = 1.3981999507e-3f;
    private static final float P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f;
    private static final float P4 = 1.6666665459e-1f;
    private static final float P5 = 5.0000001201e-1f;

    private MapVector() {}

    /** {@code e^v} for lanes in {@code [LO, HI]}. */
    static FloatVector expInRange(FloatVector v) {
        FloatVector t = v.fma(LOG2E, MAGIC);
        FloatVector n = t.sub(MAGIC);
        FloatVector r = v.sub(n.mul(C1)); // exact: C1 has 9 significant bits and |n| <= 127
        r = r.sub(n.mul(C2));
        FloatVector p = r.fma(P0, P1);
        p = p.fma(r, FloatVector.broadcast(S, P2));
        p = p.fma(r, FloatVector.broadcast(S, P3));
        p = p.fma(r, FloatVector.broadcast(S, P4));
        p = p.fma(r, FloatVector.broadcast(S, P5));
        FloatVector y = p.fma(r.mul(r), r.add(1f));
        IntVector bits = (IntVector) t.reinterpretAsInts();
        FloatVector pow2n = bits.sub(MAGIC_BITS - 127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return y.mul(pow2n);
    }

    /**
     * {@code e^v} when every lane is in range or so small that {@code e^v} rounds to 0 (as the
     * shifted logits of a confident softmax are), else null.
     */
    private static FloatVector expOrZero(FloatVector v) {
        VectorMask<Float> zero = v.compare(VectorOperators.LT, UNDERFLOW);
        VectorMask<Float> ok = v.compare(VectorOperators.GE, LO).and(v.compare(VectorOperators.LE, HI)).or(zero);
        if (!ok.allTrue()) {
            return null;
        }
        return expInRange(v.max(LO)).blend(0f, zero);
    }

    /** {@code o[i] = e^(x[i] - shift)}. */
    static void exp(float[] x, int xo, float shift, float[] o, int oo, int n) {
        int i = 0;
        int up = S.loopBound(n);
        for (; i < up; i += L) {
            FloatVector e = expOrZero(FloatVector.fromArray(S, x, xo + i).sub(shift));
            if (e != null) {
                e.intoArray(o, oo + i);
            } else {
                MapReference.exp(x, xo + i, shift, o, oo + i, L);
            }
        }
        MapReference.exp(x, xo + i, shift, o, oo + i, n - i);
    }

    /** {@code o[i] = 1 / (1 + e^-x[i])}. */
    static void sigmoid(float[] x, int xo, float[] o, int oo, int n) {
        int i = 0;
        int up = S.loopBound(n);
        for (; i < up; i += L) {
            FloatVector e = expOrZero(FloatVector.fromArray(S, x, xo + i).neg());
            if (e != null) {
                FloatVector.broadcast(S, 1f).div(e.add(1f)).intoArray(o, oo + i);
            } else {
                MapReference.sigmoid(x, xo + i, o, oo + i, L);
            }
        }
        MapReference.sigmoid(x, xo + i, o, oo + i, n - i);
    }

    /** {@code o[i] = max(x[i], 0)}, NaN kept. */
    static void relu(float[] x, int xo, float[] o, int oo, int n) {
        int i = 0;
        int up = S.loopBound(n);
        FloatVector zero = FloatVector.zero(S);
        for (; i < up; i += L) {
            // max propagates NaN, as PyTorch's relu does
            FloatVector.fromArray(S, x, xo + i).max(zero).intoArray(o, oo + i);
        }
        MapReference.relu(x, xo + i, o, oo + i, n - i);
    }

    /** {@code y[i] += b[i]}, then {@code max(., 0)} (NaN kept) when {@code relu}. */
    static void addRow(float[] y, int yo, float[] b, int bo, int n, boolean relu) {
        int i = 0;
        int up = S.loopBound(n);
        FloatVector zero = FloatVector.zero(S);
        if (relu) {
            for (; i < up; i += L) {
                FloatVector.fromArray(S, y, yo + i).add(FloatVector.fromArray(S, b, bo + i)).max(zero).intoArray(y, yo + i);
            }
        } else {
            for (; i < up; i += L) {
                FloatVector.fromArray(S, y, yo + i).add(FloatVector.fromArray(S, b, bo + i)).intoArray(y, yo + i);
            }
        }
        MapReference.addRow(y, yo + i, b, bo + i, n - i, relu);
    }

    /** {@code o[i] = x[i] > 0 ? g[i] : 0}. */
    static void reluBackward(float[] x, int xo, float[] g, int go, float[] o, int oo, int n) {
        int i = 0;
        int up = S.loopBound(n);
        FloatVector zero = FloatVector.zero(S);
        for (; i < up; i += L) {
            VectorMask<Float> pos = FloatVector.fromArray(S, x, xo + i).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(S, g, go + i), pos).intoArray(o, oo + i);
        }
        MapReference.reluBackward(x, xo + i, g, go + i, o, oo + i, n - i);
    }

    static void neg(float[] x, int xo, float[] o, int oo, int n) {
        int i = 0;
        int up = S.loopBound(n);
        for (; i < up; i += L) {
            FloatVector.fromArray(S, x, xo + i).neg().intoArray(o, oo + i);
        }
        MapReference.neg(x, xo + i, o, oo + i, n - i);
    }

    static void abs(float[] x, int xo, float[] o, int oo, int n) {
        int i = 0;
        int up = S.loopBound(n);
        for (; i < up; i += L) {
            FloatVector.fromArray(S, x, xo + i).abs().intoArray(o, oo + i);
        }
        MapReference.abs(x, xo + i, o, oo + i, n - i);
    }

    static void sqrt(float[] x, int xo, float[] o, int oo, int n) {
        int i = 0;
        int up = S.loopBound(n);
        for (; i < up; i += L) {
            FloatVector.fromArray(S, x, xo + i).sqrt().intoArray(o, oo + i);
        }
        MapReference.sqrt(x, xo + i, o, oo + i, n - i);
    }

    static void mulAdd(float[] x, int xo, float alpha, float beta, float[] o, int oo, int n) {
        int i = 0;
        int up = S.loopBound(n);
        FloatVector a = FloatVector.broadcast(S, alpha);
        FloatVector b = FloatVector.broadcast(S, beta);
        for (; i < up; i += L) {
            FloatVector.fromArray(S, x, xo + i).fma(a, b).intoArray(o, oo + i);
        }
        MapReference.mulAdd(x, xo + i, alpha, beta, o, oo + i, n - i);
    }

    static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        int up = S.loopBound(n);
        FloatVector a = FloatVector.broadcast(S, alpha);
        for (; i < up; i += L) {
            FloatVector.fromArray(S, x, xo + i).fma(a, FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        MapReference.axpy(alpha, x, xo + i, y, yo + i, n - i);
    }

    /** Bytes in vectors of as many lanes as S, zero-extended to ints, converted, divided. */
    private static final VectorSpecies<Byte> BYTES = VectorSpecies.of(byte.class, VectorShape.forBitSize(L * 8));
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, S.vectorShape());

    static void bytesToFloat(byte[] x, int xo, float divisor, float[] o, int oo, int n) {
        int i = 0;
        int up = S.loopBound(n);
        FloatVector d = FloatVector.broadcast(S, divisor);
        for (; i < up; i += L) {
            ((FloatVector) ByteVector.fromArray(BYTES, x, xo + i)
                    .convertShape(VectorOperators.ZERO_EXTEND_B2I, INTS, 0)
                    .convert(VectorOperators.I2F, 0))
                    .div(d).intoArray(o, oo + i);
        }
        MapReference.bytesToFloat(x, xo + i, divisor, o, oo + i, n - i);
    }
}
