package dev.saraf.kernels;

/** Plain-loop unary and fused elementwise kernels: the references {@link MapVector} is tested against. */
final class MapReference {
    private MapReference() {}

    static void exp(float[] x, int xo, float shift, float[] o, int oo, int n) {
        for (int i = 0; i < n; i++) {
            o[oo + i] = (float) Math.exp(x[xo + i] - shift);
        }
    }

    static void sigmoid(float[] x, int xo, float[] o, int oo, int n) {
        for (int i = 0; i < n; i++) {
            o[oo + i] = sigmoid(x[xo + i]);
        }
    }

    static float sigmoid(float x) {
        // for very negative x, exp(-x) overflows to infinity and 1/(1+inf) is the correct 0
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    static void relu(float[] x, int xo, float[] o, int oo, int n) {
        for (int i = 0; i < n; i++) {
            o[oo + i] = relu(x[xo + i]);
        }
    }

    /** {@code max(v, 0)} with NaN kept and -0 made 0, as the vector kernel's {@code max}. */
    static float relu(float v) {
        return v > 0f ? v : (v == v ? 0f : v);
    }

    static void reluBackward(float[] x, int xo, float[] g, int go, float[] o, int oo, int n) {
        for (int i = 0; i < n; i++) {
            o[oo + i] = x[xo + i] > 0f ? g[go + i] : 0f;
        }
    }

    static void neg(float[] x, int xo, float[] o, int oo, int n) {
        for (int i = 0; i < n; i++) {
            o[oo + i] = -x[xo + i];
        }
    }

    static void abs(float[] x, int xo, float[] o, int oo, int n) {
        for (int i = 0; i < n; i++) {
            o[oo + i] = Math.abs(x[xo + i]);
        }
    }

    static void sqrt(float[] x, int xo, float[] o, int oo, int n) {
        for (int i = 0; i < n; i++) {
            o[oo + i] = (float) Math.sqrt(x[xo + i]);
        }
    }

    static void mulAdd(float[] x, int xo, float alpha, float beta, float[] o, int oo, int n) {
        for (int i = 0; i < n; i++) {
            o[oo + i] = Math.fma(alpha, x[xo + i], beta);
        }
    }

    static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            y[yo + i] = Math.fma(alpha, x[xo + i], y[yo + i]);
        }
    }

    static void addRow(float[] y, int yo, float[] b, int bo, int n, boolean relu) {
        for (int i = 0; i < n; i++) {
            float v = y[yo + i] + b[bo + i];
            y[yo + i] = relu ? relu(v) : v;
        }
    }

    static void bytesToFloat(byte[] x, int xo, float divisor, float[] o, int oo, int n) {
        for (int i = 0; i < n; i++) {
            o[oo + i] = (x[xo + i] & 0xFF) / divisor;
        }
    }
}
