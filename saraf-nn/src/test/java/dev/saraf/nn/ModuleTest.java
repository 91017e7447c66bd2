package dev.saraf.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saraf.autograd.NoGrad;
import dev.saraf.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ModuleTest {

    /** A custom module in a few lines: registration in the constructor, the math in compute. */
    static final class Block extends Module {
        private final Embedding embed;
        private final LayerNorm norm;
        private final Tensor scale;

        Block(int vocab, int dim, RandomGenerator rng) {
            embed = registerModule("embed", new Embedding(vocab, dim, rng));
            norm = registerModule("norm", new LayerNorm(dim));
            scale = registerParameter("scale", Tensor.full(2f, dim));
        }

        @Override
        protected Tensor compute(Tensor tokens) { // [N, T] -> [N, T, dim]
            return dev.saraf.nn.functional.F.layerNorm(norm.forward(embed.forward(tokens)), new int[] {scale.numel()}, scale, null,
                    1e-5);
        }
    }

    private static Sequential model() {
        SplittableRandom r = new SplittableRandom(5);
        return new Sequential(new Block(10, 4, r), new Dropout(0.5, r), new Sequential(new LayerNorm(4), new Identity()),
                new BatchNorm1d(3));
    }

    @Test
    void namesAreDottedPathsInRegistrationOrder() {
        Sequential m = model();
        assertThat(m.namedParameters().keySet()).containsExactly("0.scale", "0.embed.weight", "0.norm.weight", "0.norm.bias",
                "2.0.weight", "2.0.bias", "3.weight", "3.bias");
        assertThat(m.stateDict().keySet()).containsExactly("0.scale", "0.embed.weight", "0.norm.weight", "0.norm.bias",
                "2.0.weight", "2.0.bias", "3.weight", "3.bias", "3.running_mean", "3.running_var", "3.num_batches_tracked");
        assertThat(m.namedModules().keySet()).containsExactly("", "0", "0.embed", "0.norm", "1", "2", "2.0", "2.1", "3");
        assertThat(m.parameters()).hasSize(8).allMatch(Tensor::requiresGrad);
        assertThat(m.parameterCount()).isEqualTo(4 + 40 + 4 + 4 + 4 + 4 + 3 + 3);
        assertThat(m.children().keySet()).containsExactly("0", "1", "2", "3");
    }

    @Test
    void sharedParametersAreListedOnce() {
        Linear shared = new Linear(3, 3, new SplittableRandom(1));
        Sequential m = new Sequential(shared, new ReLU(), shared);
        assertThat(m.parameters()).hasSize(2);
        assertThat(m.namedParameters().keySet()).containsExactly("0.weight", "0.bias");
        assertThat(m.stateDict().keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
    }

    @Test
    void registrationRejectsBadNamesAndDuplicates() {
        class Bad extends Module {
            Bad(String first, String second) {
                registerParameter(first, Tensor.zeros(1));
                registerBuffer(second, Tensor.zeros(1));
            }

            @Override
            protected Tensor compute(Tensor x) {
                return x;
            }
        }
        assertThatThrownBy(() -> new Bad("w", "w")).hasMessageContaining("'w' is already registered");
        assertThatThrownBy(() -> new Bad("a.b", "c")).hasMessageContaining("'a.b' must be non-empty and contain no '.'");
        assertThatThrownBy(() -> new Bad("", "c")).hasMessageContaining("must be non-empty");
    }

    @Test
    void trainAndEvalReachEveryDescendant() {
        Sequential m = model();
        assertThat(m.namedModules().values()).allMatch(Module::isTraining);
        m.eval();
        assertThat(m.namedModules().values()).noneMatch(Module::isTraining);
        m.get(2).train();
        assertThat(((Sequential) m.get(2)).get(0).isTraining()).isTrue();
        assertThat(m.isTraining()).isFalse();
    }

    @Test
    void loadStateDictNamesEveryProblemAndChangesNothing() {
        Sequential m = model();
        Map<String, Tensor> before = copy(m.stateDict());
        Map<String, Tensor> state = new LinkedHashMap<>(copy(model().stateDict()));
        state.remove("0.scale");
        state.remove("3.running_var");
        state.put("0.norm.weight", Tensor.zeros(5));
        state.put("extra.weight", Tensor.zeros(1));
        assertThatThrownBy(() -> m.loadStateDict(state))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nothing was loaded")
                .hasMessageContaining("missing: 0.scale, 3.running_var")
                .hasMessageContaining("unexpected: extra.weight")
                .hasMessageContaining("shape mismatch: 0.norm.weight expects [4], got [5]");
        assertThat(equal(before, m.stateDict())).isTrue();
    }

    @Test
    void nonStrictLoadReportsMissingAndUnexpectedButRejectsShapes() {
        Sequential m = model();
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("0.scale", Tensor.full(7f, 4));
        state.put("bogus", Tensor.zeros(2));
        StateDictLoad r = m.loadStateDict(state, false);
        assertThat(r.unexpected()).containsExactly("bogus");
        assertThat(r.missing()).hasSize(10).contains("3.running_mean");
        assertThat(m.namedParameters().get("0.scale").data()).containsOnly(7f);
        state.put("0.scale", Tensor.zeros(3));
        assertThatThrownBy(() -> m.loadStateDict(state, false)).hasMessageContaining("0.scale expects [4], got [3]")
                .hasMessageNotContaining("bogus");
    }

    @Test
    void loadingKeepsTheParameterObjectsSoOptimisersStayValid() {
        Sequential m = model();
        List<Tensor> params = m.parameters();
        m.loadStateDict(copy(model().stateDict()));
        for (int i = 0; i < params.size(); i++) {
            assertThat(m.parameters().get(i)).isSameAs(params.get(i));
        }
    }

    @Test
    void toStringIsATreeLikePyTorchs() {
        assertThat(model().toString()).isEqualTo("""
                Sequential(
                  (0): Block(
                    (embed): Embedding(count=10, dim=4)
                    (norm): LayerNorm(shape=[4], eps=1.0E-5, affine=true)
                  )
                  (1): Dropout(p=0.5)
                  (2): Sequential(
                    (0): LayerNorm(shape=[4], eps=1.0E-5, affine=true)
                    (1): Identity()
                  )
                  (3): BatchNorm1d(features=3, eps=1.0E-5, momentum=0.1, affine=true)
                )""");
    }

    @Test
    void summaryListsEveryModuleWithOutputShapesAndTotals() {
        Sequential m = model();
        m.get(3).eval();
        Summary s = m.summary(2, 3);
        assertThat(s.rows()).extracting(Summary.Row::path).containsExactly("", "0", "0.embed", "0.norm", "1", "2", "2.0", "2.1", "3");
        assertThat(s.rows().get(0).output().dims()).containsExactly(2, 3, 4);
        assertThat(s.rows().get(2).output().dims()).containsExactly(2, 3, 4);
        assertThat(s.rows().get(2).params()).isEqualTo(40);
        assertThat(s.rows().get(1).params()).isEqualTo(4);
        assertThat(s.total()).isEqualTo(66);
        m.get(0).namedParameters().get("scale").requiresGrad(false);
        Summary frozen = m.summary(2, 3);
        assertThat(frozen.trainable()).isEqualTo(62);
        assertThat(frozen.nonTrainable()).isEqualTo(4);
        assertThat(frozen.bufferTotal()).isEqualTo(7);
        String table = frozen.toString();
        assertThat(table).contains("Layer (path)").contains("(root)").contains("0.embed       Embedding    [2, 3, 4]         40\n")
                .contains("Total params: 66").contains("Trainable params: 62").contains("Non-trainable params: 4");
        // modes restored, hooks removed
        assertThat(m.isTraining()).isTrue();
        assertThat(m.get(3).isTraining()).isFalse();
        assertThat(m.get(1).isTraining()).isTrue();
    }

    @Test
    void hooksSeeEveryForwardUntilRemoved() {
        Sequential m = model();
        List<String> seen = new java.util.ArrayList<>();
        ForwardHook h = (mod, in, out) -> seen.add(mod.typeName() + out.shape());
        m.get(0).addForwardHook(h);
        m.eval();
        try (NoGrad g = NoGrad.enter()) {
            m.forward(Tensor.zeros(2, 3));
            assertThat(seen).containsExactly("Block[2, 3, 4]");
            assertThat(m.get(0).removeForwardHook(h)).isTrue();
            m.forward(Tensor.zeros(2, 3));
        }
        assertThat(seen).hasSize(1);
    }

    @Test
    void badInputErrorsNameTheLayerPath() {
        Sequential m = model();
        assertThatThrownBy(() -> m.forward(Tensor.full(12f, 2, 3)))
                .isInstanceOf(LayerException.class)
                .hasMessageStartingWith("Embedding at '0.embed': embedding: index 12.0 at position 0 is outside [0, 10)")
                .satisfies(e -> assertThat(((LayerException) e).path()).isEqualTo("0.embed"));
        Sequential outer = new Sequential(new Identity(), m);
        assertThatThrownBy(() -> outer.forward(Tensor.zeros(2, 5)))
                .hasMessageStartingWith("BatchNorm1d at '1.3': batchNorm: input must be [N, C] or [N, C, L] with C=3, got [2, 5, 4]");
    }

    @Test
    void zeroGradClearsEveryGradient() {
        Sequential m = model();
        for (Tensor p : m.parameters()) {
            p.setGrad(Tensor.ones(p.dims()));
        }
        m.zeroGrad();
        assertThat(m.parameters()).allMatch(p -> p.grad() == null);
    }

    static Map<String, Tensor> copy(Map<String, Tensor> s) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        s.forEach((k, v) -> out.put(k, v.copy()));
        return out;
    }

    static boolean equal(Map<String, Tensor> a, Map<String, Tensor> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (String k : a.keySet()) {
            if (!java.util.Arrays.equals(a.get(k).data(), b.get(k).data())) {
                return false;
            }
        }
        return true;
    }
}
