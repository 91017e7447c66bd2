package dev.saraf.autograd;

import dev.saraf.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Checks analytic gradients against central finite differences.
 *
 * <p>The function is reduced to a scalar {@code L = sum(f(x) * w)} with fixed random weights
 * {@code w}, so that every output element contributes. For each element of each input,
 * {@code dL/dx ~ (L(x + eps) - L(x - eps)) / (2 eps)} is computed with the two sums accumulated
 * and differenced in double precision (the op itself runs in float32, which bounds the accuracy:
 * choose {@code eps} around 1e-2 to 1e-3 and tolerances around 1e-2). Inputs are restored after
 * each probe.
 */
public final class GradCheck {
    private GradCheck() {}

    /** The outcome: the worst deviation found, and where. */
    public record Result(boolean passed, double maxAbsError, double maxRelError, String worst) {
        /** Throws {@link AssertionError} with the worst deviation when the check failed. */
        public Result assertPassed() {
            if (!passed) {
                throw new AssertionError("gradient check failed: " + worst);
            }
            return this;
        }
    }

    /** Checks with {@code eps = 1e-2}, {@code atol = rtol = 1e-2}. */
    public static Result check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return check(f, inputs, 1e-2, 1e-2, 1e-2);
    }

    /**
     * Compares analytic with numeric gradients for every input that requires grad. An element
     * passes when {@code |analytic - numeric| <= atol + rtol * |numeric|}.
     */
    public static Result check(Function<Tensor[], Tensor> f, Tensor[] inputs, double eps, double atol, double rtol) {
        for (Tensor in : inputs) {
            if (in.requiresGrad()) {
                in.setGrad(null);
            }
        }
        Tensor out = f.apply(inputs);
        float[] w = new float[out.numel()];
        SplittableRandom rng = new SplittableRandom(0x5A4AFL);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        if (!out.requiresGrad()) {
            throw new IllegalArgumentException("gradcheck: the output does not require grad; mark inputs with requiresGrad(true)");
        }
        out.backward(Tensor.of(w, out.dims()));

        boolean passed = true;
        double maxAbs = 0;
        double maxRel = 0;
        String worst = "none";
        double worstScore = -1;
        try (NoGrad ignored = NoGrad.enter()) {
            for (int t = 0; t < inputs.length; t++) {
                Tensor in = inputs[t];
                if (!in.requiresGrad()) {
                    continue;
                }
                float[] x = in.data();
                float[] analytic = in.grad() == null ? new float[x.length] : in.grad().data();
                for (int i = 0; i < x.length; i++) {
                    float saved = x[i];
                    x[i] = (float) (saved + eps);
                    double plus = weighted(f.apply(inputs), w);
                    x[i] = (float) (saved - eps);
                    double minus = weighted(f.apply(inputs), w);
                    x[i] = saved;
                    double step = ((double) (float) (saved + eps)) - ((double) (float) (saved - eps));
                    double numeric = (plus - minus) / step;
                    double err = Math.abs(analytic[i] - numeric);
                    double rel = err / Math.max(1e-12, Math.abs(numeric));
                    double allowed = atol + rtol * Math.abs(numeric);
                    boolean ok = err <= allowed && !Double.isNaN(analytic[i]);
                    maxAbs = Math.max(maxAbs, err);
                    if (Math.abs(numeric) > atol) {
                        maxRel = Math.max(maxRel, rel);
                    }
                    double score = err / allowed;
                    if (!ok) {
                        passed = false;
                    }
                    if (score > worstScore || Double.isNaN(analytic[i])) {
                        worstScore = Double.isNaN(analytic[i]) ? Double.POSITIVE_INFINITY : score;
                        worst = "input " + t + " " + in.shape() + " element " + i + ": analytic " + analytic[i]
                                + ", numeric " + numeric + " (|diff| " + err + ", allowed " + allowed + ")";
                    }
                }
            }
        }
        return new Result(passed, maxAbs, maxRel, worst);
    }

    private static double weighted(Tensor out, float[] w) {
        float[] d = out.data();
        double s = 0;
        for (int i = 0; i < d.length; i++) {
            s += (double) d[i] * w[i];
        }
        return s;
    }
}
