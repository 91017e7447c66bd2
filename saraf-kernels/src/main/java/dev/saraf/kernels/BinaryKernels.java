package dev.saraf.kernels;

/**
 * Binary elementwise kernels, {@code out = op(a, b)}, on equal-length runs, against a scalar, and
 * with NumPy-style broadcasting described by dimensions and per-operand strides (stride 0 repeats
 * an operand along an axis). The output is always written contiguously.
 *
 * <p>Arrays of more than {@link #GRAIN} elements are split over {@link Parallel#forRange} in
 * contiguous chunks; smaller ones stay on the calling thread. Each call picks the Vector API
 * kernel or, under {@code -Dsaraf.kernels=scalar} and for operations without one (power,
 * comparisons), the plain loop.
 */
public final class BinaryKernels {
    /** Elements per parallel chunk at least: below this, threads cost more than they save. */
    public static final int GRAIN = 32 * 1024;

    private BinaryKernels() {}

    /** {@code out[i] = op(a[i], b[i])} for {@code i < n}. */
    public static void apply(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        Parallel.forRange(n, GRAIN, (from, to) -> vv(op, a, aOff + from, b, bOff + from, out, outOff + from, to - from));
    }

    /** {@code out[i] = op(a[i], s)} for {@code i < n}. */
    public static void applyScalar(BinaryOp op, float[] a, int aOff, float s, float[] out, int outOff, int n) {
        Parallel.forRange(n, GRAIN, (from, to) -> vs(op, a, aOff + from, s, out, outOff + from, to - from));
    }

    /** {@code out[i] = op(s, b[i])} for {@code i < n}. */
    public static void applyScalarLeft(BinaryOp op, float s, float[] b, int bOff, float[] out, int outOff, int n) {
        Parallel.forRange(n, GRAIN, (from, to) -> sv(op, s, b, bOff + from, out, outOff + from, to - from));
    }

    /**
     * Broadcasting form: for every index {@code (i0, ..., ik)} of {@code dims}, in row-major order,
     * {@code out[outOff + flat] = op(a[aOff + sum ij * aStrides[j]], b[bOff + sum ij * bStrides[j]])}.
     * Axes are first merged where both operands allow it, so that {@code [N, C] + [C]} runs as N
     * vector loops of length C and {@code [N, C, H, W] * [1, C, 1, 1]} as N*C scalar-operand loops
     * of length H*W; only the outer counters are advanced per run, never per element.
     */
    public static void broadcast(BinaryOp op, int[] dims, float[] a, int aOff, int[] aStrides,
                                 float[] b, int bOff, int[] bStrides, float[] out, int outOff) {
        if (dims.length != aStrides.length || dims.length != bStrides.length) {
            throw new IllegalArgumentException("broadcast: " + dims.length + " dimensions but " + aStrides.length + " and "
                    + bStrides.length + " strides");
        }
        long total = 1;
        for (int d : dims) {
            total *= d;
        }
        if (total == 0) {
            return;
        }
        int[][] m = Strided.merge(dims, aStrides, bStrides);
        int[] md = m[0];
        int[] as = m[1];
        int[] bs = m[2];
        Parallel.forRange((int) total, GRAIN, (from, to) -> range(op, md, a, aOff, as, b, bOff, bs, out, outOff, from, to));
    }

    /** Output elements {@code [from, to)} of {@link #broadcast}, on merged axes. */
    private static void range(BinaryOp op, int[] dims, float[] a, int aOff, int[] as, float[] b, int bOff, int[] bs,
                              float[] out, int outOff, int from, int to) {
        int r = dims.length;
        int inner = dims[r - 1];
        int sa = as[r - 1];
        int sb = bs[r - 1];
        int[] idx = new int[r];
        int rest = from / inner;
        int col = from % inner;
        int aRow = aOff;
        int bRow = bOff;
        for (int d = r - 2; d >= 0; d--) {
            idx[d] = rest % dims[d];
            rest /= dims[d];
            aRow += idx[d] * as[d];
            bRow += idx[d] * bs[d];
        }
        int pos = from;
        while (pos < to) {
            int len = Math.min(inner - col, to - pos);
            run(op, a, aRow + col * sa, sa, b, bRow + col * sb, sb, out, outOff + pos, len);
            pos += len;
            col = 0;
            for (int d = r - 2; d >= 0; d--) {
                aRow += as[d];
                bRow += bs[d];
                if (++idx[d] < dims[d]) {
                    break;
                }
                aRow -= as[d] * dims[d];
                bRow -= bs[d] * dims[d];
                idx[d] = 0;
            }
        }
    }

    /** One innermost run of {@code n} outputs with operand strides {@code sa}, {@code sb}. */
    private static void run(BinaryOp op, float[] a, int ao, int sa, float[] b, int bo, int sb, float[] out, int oo, int n) {
        if (sa == 1 && sb == 1) {
            vv(op, a, ao, b, bo, out, oo, n);
        } else if (sa == 1 && sb == 0) {
            vs(op, a, ao, b[bo], out, oo, n);
        } else if (sa == 0 && sb == 1) {
            sv(op, a[ao], b, bo, out, oo, n);
        } else {
            for (int i = 0; i < n; i++) {
                out[oo + i] = op.apply(a[ao + i * sa], b[bo + i * sb]);
            }
        }
    }

    static void vv(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        if (!KernelMode.scalar() && BinaryVector.supports(op)) {
            BinaryVector.vv(op, a, aOff, b, bOff, out, outOff, n);
        } else {
            BinaryReference.vv(op, a, aOff, b, bOff, out, outOff, n);
        }
    }

    static void vs(BinaryOp op, float[] a, int aOff, float s, float[] out, int outOff, int n) {
        if (!KernelMode.scalar() && BinaryVector.supports(op)) {
            BinaryVector.vs(op, a, aOff, s, out, outOff, n);
        } else {
            BinaryReference.vs(op, a, aOff, s, out, outOff, n);
        }
    }

    static void sv(BinaryOp op, float s, float[] b, int bOff, float[] out, int outOff, int n) {
        if (!KernelMode.scalar() && BinaryVector.supports(op)) {
            BinaryVector.sv(op, s, b, bOff, out, outOff, n);
        } else {
            BinaryReference.sv(op, s, b, bOff, out, outOff, n);
        }
    }
}
