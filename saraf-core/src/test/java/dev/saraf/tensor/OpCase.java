package dev.saraf.tensor;

import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * One row of the shared table of differentiable ops: how to make inputs, the op, and an
 * independent plain-loop reference that never calls tensor ops.
 *
 * @param name      shown in the test report, e.g. {@code "add [3,1,5]+[4,5]"}
 * @param inputs    fresh inputs from a seeded generator (the harness marks them requiresGrad)
 * @param op        the op under test
 * @param reference plain loops over {@code data()} computing the same result
 * @param forwardTol absolute+relative tolerance of the forward comparison
 * @param eps       finite-difference step
 * @param gradTol   absolute and relative tolerance of the gradient check
 */
public record OpCase(String name, Function<SplittableRandom, Tensor[]> inputs, Function<Tensor[], Tensor> op,
                     Function<Tensor[], Tensor> reference, double forwardTol, double eps, double gradTol) {

    /** A case with the default tolerances (forward 1e-5, eps 1e-2, gradient 1e-2). */
    public static OpCase of(String name, Function<SplittableRandom, Tensor[]> inputs, Function<Tensor[], Tensor> op,
                            Function<Tensor[], Tensor> reference) {
        return new OpCase(name, inputs, op, reference, 1e-5, 1e-2, 1e-2);
    }

    /** The same case with other gradient-check settings. */
    public OpCase withGrad(double eps, double gradTol) {
        return new OpCase(name, inputs, op, reference, forwardTol, eps, gradTol);
    }

    /** The same case with another forward tolerance. */
    public OpCase withForwardTol(double tol) {
        return new OpCase(name, inputs, op, reference, tol, eps, gradTol);
    }

    @Override
    public String toString() {
        return name;
    }
}
