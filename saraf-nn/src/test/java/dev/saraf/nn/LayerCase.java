package dev.saraf.nn;

import dev.saraf.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * One row of the shared layer table.
 *
 * @param name      shown in the report
 * @param factory   builds the layer (parameters and mode included) from a seeded generator
 * @param input     a fresh input
 * @param reference plain loops computing the layer's output from its parameters and the input
 * @param run       how the test calls the layer (normally {@code forward}; dropout rows fix the mask)
 * @param inputGrad whether the input is differentiable (not for embedding indices)
 * @param tol       forward tolerance
 * @param eps       finite-difference step
 * @param gradTol   gradient tolerance
 */
record LayerCase(String name, Function<RandomGenerator, Module> factory, Function<SplittableRandom, Tensor> input,
                 BiFunction<Module, Tensor, Tensor> reference, BiFunction<Module, Tensor, Tensor> run, boolean inputGrad,
                 double tol, double eps, double gradTol) {

    static LayerCase of(String name, Function<RandomGenerator, Module> factory, Function<SplittableRandom, Tensor> input,
                        BiFunction<Module, Tensor, Tensor> reference) {
        return new LayerCase(name, factory, input, reference, Module::forward, true, 1e-5, 1e-2, 1e-2);
    }

    LayerCase withRun(BiFunction<Module, Tensor, Tensor> r) {
        return new LayerCase(name, factory, input, reference, r, inputGrad, tol, eps, gradTol);
    }

    LayerCase noInputGrad() {
        return new LayerCase(name, factory, input, reference, run, false, tol, eps, gradTol);
    }

    LayerCase withGrad(double e, double t) {
        return new LayerCase(name, factory, input, reference, run, inputGrad, tol, e, t);
    }

    @Override
    public String toString() {
        return name;
    }
}
