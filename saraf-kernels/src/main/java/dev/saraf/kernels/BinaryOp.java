package dev.saraf.kernels;

/**
 * The binary elementwise operations of {@link BinaryKernels}: arithmetic, extrema, power and
 * comparisons (which give 1 or 0). {@link #apply} is the scalar definition every kernel follows.
 */
public enum BinaryOp {
    /** {@code x + y}. */
    ADD,
    /** {@code x - y}. */
    SUB,
    /** {@code x * y}. */
    MUL,
    /** {@code x / y}. */
    DIV,
    /** {@code Math.max(x, y)}: NaN if either is NaN. */
    MAX,
    /** {@code Math.min(x, y)}: NaN if either is NaN. */
    MIN,
    /** {@code x ^ y}, as {@link Math#pow} rounded to float. */
    POW,
    /** 1 where {@code x == y}. */
    EQ,
    /** 1 where {@code x != y}. */
    NE,
    /** 1 where {@code x < y}. */
    LT,
    /** 1 where {@code x <= y}. */
    LE,
    /** 1 where {@code x > y}. */
    GT,
    /** 1 where {@code x >= y}. */
    GE;

    /** The scalar definition of this operation. */
    public float apply(float x, float y) {
        return switch (this) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case MAX -> Math.max(x, y);
            case MIN -> Math.min(x, y);
            case POW -> pow(x, y);
            case EQ -> x == y ? 1f : 0f;
            case NE -> x != y ? 1f : 0f;
            case LT -> x < y ? 1f : 0f;
            case LE -> x <= y ? 1f : 0f;
            case GT -> x > y ? 1f : 0f;
            case GE -> x >= y ? 1f : 0f;
        };
    }

    /** True for operations with {@code op(x, y) == op(y, x)}. */
    public boolean commutative() {
        return this == ADD || this == MUL || this == MAX || this == MIN || this == EQ || this == NE;
    }

    /** {@code x ^ y} with the common integer exponents done by multiplication (exact and fast). */
    static float pow(float x, float y) {
        if (y == 2f) {
            return x * x;
        }
        if (y == 1f) {
            return x;
        }
        return (float) Math.pow(x, y);
    }
}
