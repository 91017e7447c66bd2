package dev.saraf.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saraf.autograd.GradCheck;
import dev.saraf.autograd.NoGrad;
import dev.saraf.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table every built-in layer passes: forward against a plain-loop reference, gradients of the
 * input and of every parameter against finite differences, a state-dict round trip into a module
 * built from another seed, and an architecture round trip (describe, build, load).
 */
class LayerTableTest {

    static Stream<LayerCase> layers() {
        return LayerCases.all().stream();
    }

    private static Tensor input(LayerCase c) {
        return c.input().apply(new SplittableRandom(c.name().hashCode()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void forwardMatchesReference(LayerCase c) {
        Module m = c.factory().apply(new SplittableRandom(1));
        Tensor x = input(c);
        Tensor out;
        try (NoGrad g = NoGrad.enter()) {
            out = c.run().apply(m, x);
        }
        TestData.assertClose(c.name(), out, c.reference().apply(m, x), c.tol());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void gradientsMatchFiniteDifferences(LayerCase c) {
        Module m = c.factory().apply(new SplittableRandom(1));
        Tensor x = input(c);
        List<Tensor> checked = new ArrayList<>();
        if (c.inputGrad()) {
            checked.add(x.requiresGrad(true));
        }
        checked.addAll(m.parameters());
        assertThat(checked).as("something to differentiate").isNotEmpty();
        GradCheck.check(in -> c.run().apply(m, x), checked.toArray(Tensor[]::new), c.eps(), c.gradTol(), c.gradTol())
                .assertPassed();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void stateDictRoundTripGivesIdenticalOutputs(LayerCase c) {
        Module a = c.factory().apply(new SplittableRandom(1));
        Module b = c.factory().apply(new SplittableRandom(2));
        Map<String, Tensor> state = a.stateDict();
        assertThat(b.stateDict().keySet()).containsExactlyElementsOf(state.keySet());
        if (!a.parameters().isEmpty()) {
            assertThat(sameValues(state, b.stateDict())).as("another seed gives other parameters").isFalse();
        }
        b.loadStateDict(state);
        assertThat(sameValues(state, b.stateDict())).isTrue();
        assertIdentical(c, a, b);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void architectureRoundTripRebuildsTheLayer(LayerCase c) {
        Module a = c.factory().apply(new SplittableRandom(1));
        Map<String, Object> description = Architecture.describe(a);
        Module b = Architecture.build(description, new SplittableRandom(3));
        assertThat(b.getClass()).isEqualTo(a.getClass());
        assertThat(Architecture.describe(b)).isEqualTo(description);
        assertThat(b.toString()).isEqualTo(a.toString());
        b.loadStateDict(a.stateDict());
        b.train(a.isTraining());
        assertIdentical(c, a, b);
    }

    private static void assertIdentical(LayerCase c, Module a, Module b) {
        Tensor x = input(c);
        try (NoGrad g = NoGrad.enter()) {
            float[] ya = c.run().apply(a, x).data();
            float[] yb = c.run().apply(b, x).data();
            assertThat(Arrays.equals(ya, yb)).as("bit-identical outputs of %s", c.name()).isTrue();
        }
    }

    private static boolean sameValues(Map<String, Tensor> x, Map<String, Tensor> y) {
        for (Map.Entry<String, Tensor> e : x.entrySet()) {
            if (!Arrays.equals(e.getValue().data(), y.get(e.getKey()).data())) {
                return false;
            }
        }
        return true;
    }
}
