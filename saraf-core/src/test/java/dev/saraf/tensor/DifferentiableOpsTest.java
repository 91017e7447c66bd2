package dev.saraf.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saraf.autograd.GradCheck;
import dev.saraf.autograd.NoGrad;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one table every differentiable op passes: its forward against a plain-loop reference, and its
 * gradient against central finite differences, on random shapes (size-1 axes, primes, broadcasting).
 */
class DifferentiableOpsTest {

    static Stream<OpCase> ops() {
        return Stream.of(ElementwiseCases.cases(), ActivationCases.cases(), ReductionCases.cases(),
                        MovementCases.cases(), LinearAlgebraCases.cases(), ConvolutionCases.cases(), PoolingCases.cases())
                .flatMap(java.util.List::stream);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void forwardMatchesReference(OpCase c) {
        Tensor[] in = c.inputs().apply(new SplittableRandom(c.name().hashCode()));
        Tensor out;
        try (NoGrad g = NoGrad.enter()) {
            out = c.op().apply(in);
        }
        Tensor ref = c.reference().apply(in);
        assertThat(out.shape()).as("shape of %s", c.name()).isEqualTo(ref.shape());
        float[] o = out.data();
        float[] r = ref.data();
        for (int i = 0; i < o.length; i++) {
            double tol = c.forwardTol() * (1 + Math.abs(r[i]));
            if (!(Math.abs(o[i] - r[i]) <= tol) && !(Float.compare(o[i], r[i]) == 0)) {
                throw new AssertionError(c.name() + ": element " + i + " is " + o[i] + ", reference " + r[i]);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void gradientMatchesFiniteDifferences(OpCase c) {
        Tensor[] in = c.inputs().apply(new SplittableRandom(c.name().hashCode()));
        for (Tensor t : in) {
            t.requiresGrad(true);
        }
        GradCheck.check(c.op(), in, c.eps(), c.gradTol(), c.gradTol()).assertPassed();
    }
}
