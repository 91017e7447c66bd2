package dev.saraf.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API binary kernels for the arithmetic operations and extrema. Each operation has its own
 * loop (the operator is a constant in it, so C2 emits one SIMD instruction per vector); the tail
 * that does not fill a vector runs the scalar definition.
 */
final class BinaryVector {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private BinaryVector() {}

    /** True for the operations these kernels implement. */
    static boolean supports(BinaryOp op) {
        return switch (op) {
            case ADD, SUB, MUL, DIV, MAX, MIN -> true;
            default -> false;
        };
    }

    /** {@code out[i] = op(a[i], b[i])}. */
    static void vv(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        int i = 0;
        int up = S.loopBound(n);
        switch (op) {
            case ADD -> { for (; i < up; i += L) { va(a, ao + i).add(va(b, bo + i)).intoArray(o, oo + i); } }
            case SUB -> { for (; i < up; i += L) { va(a, ao + i).sub(va(b, bo + i)).intoArray(o, oo + i); } }
            case MUL -> { for (; i < up; i += L) { va(a, ao + i).mul(va(b, bo + i)).intoArray(o, oo + i); } }
            case DIV -> { for (; i < up; i += L) { va(a, ao + i).div(va(b, bo + i)).intoArray(o, oo + i); } }
            case MAX -> { for (; i < up; i += L) { va(a, ao + i).max(va(b, bo + i)).intoArray(o, oo + i); } }
            case MIN -> { for (; i < up; i += L) { va(a, ao + i).min(va(b, bo + i)).intoArray(o, oo + i); } }
            default -> throw new IllegalArgumentException("no vector kernel for " + op);
        }
        for (; i < n; i++) {
            o[oo + i] = op.apply(a[ao + i], b[bo + i]);
        }
    }

    /** {@code out[i] = op(a[i], s)}. */
    static void vs(BinaryOp op, float[] a, int ao, float s, float[] o, int oo, int n) {
        int i = 0;
        int up = S.loopBound(n);
        FloatVector v = FloatVector.broadcast(S, s);
        switch (op) {
            case ADD -> { for (; i < up; i += L) { va(a, ao + i).add(v).intoArray(o, oo + i); } }
            case SUB -> { for (; i < up; i += L) { va(a, ao + i).sub(v).intoArray(o, oo + i); } }
            case MUL -> { for (; i < up; i += L) { va(a, ao + i).mul(v).intoArray(o, oo + i); } }
            case DIV -> { for (; i < up; i += L) { va(a, ao + i).div(v).intoArray(o, oo + i); } }
            case MAX -> { for (; i < up; i += L) { va(a, ao + i).max(v).intoArray(o, oo + i); } }
            case MIN -> { for (; i < up; i += L) { va(a, ao + i).min(v).intoArray(o, oo + i); } }
            default -> throw new IllegalArgumentException("no vector kernel for " + op);
        }
        for (; i < n; i++) {
            o[oo + i] = op.apply(a[ao + i], s);
        }
    }

    /** {@code out[i] = op(s, b[i])}. */
    static void sv(BinaryOp op, float s, float[] b, int bo, float[] o, int oo, int n) {
        if (op.commutative()) {
            vs(op, b, bo, s, o, oo, n);
            return;
        }
        int i = 0;
        int up = S.loopBound(n);
        FloatVector v = FloatVector.broadcast(S, s);
        switch (op) {
            case SUB -> { for (; i < up; i += L) { v.sub(va(b, bo + i)).intoArray(o, oo + i); } }
            case DIV -> { for (; i < up; i += L) { v.div(va(b, bo + i)).intoArray(o, oo + i); } }
            default -> throw new IllegalArgumentException("no vector kernel for " + op);
        }
        for (; i < n; i++) {
            o[oo + i] = op.apply(s, b[bo + i]);
        }
    }

    private static FloatVector va(float[] x, int off) {
        return FloatVector.fromArray(S, x, off);
    }
}
