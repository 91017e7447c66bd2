package dev.saraf.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saraf.kernels.Parallel;
import dev.saraf.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptimizerStateTest {

    /** Two parameters of different shapes, one of them large enough to be split across threads. */
    static List<Tensor> params(long seed) {
        return List.of(Tensor.randn(seed, 3, 4).requiresGrad(true), Tensor.randn(seed + 1, 70_000).requiresGrad(true));
    }

    /** Deterministic pseudo-gradients for step {@code t}. */
    static void fillGrads(List<Tensor> params, int t) {
        SplittableRandom rng = new SplittableRandom(1000 + t);
        for (Tensor p : params) {
            float[] g = new float[p.numel()];
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) rng.nextGaussian();
            }
            p.setGrad(Tensor.wrap(g, p.shape()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "sgdMomentum", "sgdNesterov", "adam", "adamAmsgrad", "adamW", "rmsprop",
        "rmspropCentered", "adagrad", "adagradDecay"})
    void restoredOptimiserContinuesBitIdentically(String name) {
        Function<List<Tensor>, Optimizer> make = OptimizerRulesTest.SARAF.get(name);
        List<Tensor> a = params(1);
        Optimizer optA = make.apply(a);
        for (int t = 0; t < 3; t++) {
            fillGrads(a, t);
            optA.step();
        }
        optA.setLr(optA.lr() * 0.5f); // as a schedule would
        StateDict saved = optA.stateDict();

        // a fresh optimiser over a copy of the parameters, restored from the state dict
        List<Tensor> b = new ArrayList<>();
        for (Tensor p : a) {
            b.add(p.copy().requiresGrad(true));
        }
        Optimizer optB = make.apply(b);
        optB.loadStateDict(saved);
        assertThat(optB.lr()).isEqualTo(optA.lr());
        for (int t = 3; t < 6; t++) {
            fillGrads(a, t);
            fillGrads(b, t);
            optA.step();
            optB.step();
        }
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).data()).as("parameter %d", i).isEqualTo(a.get(i).data());
        }
        assertThat(optB.stateDict().values()).isEqualTo(optA.stateDict().values());
    }

    @Test
    void stateDictNamesStepsBuffersAndHyperparameters() {
        List<Tensor> ps = params(2);
        Adam adam = new Adam(ps, new Adam.Options(0.01f, 0.8f, 0.9f, 1e-6f, 0.1f, true));
        assertThat(adam.stateDict().tensors()).isEmpty();
        fillGrads(ps, 0);
        ps.get(1).setGrad(null); // not stepped: no state, as in PyTorch
        adam.step();
        StateDict s = adam.stateDict();
        assertThat(s.tensors().keySet()).containsExactly("state.0.exp_avg", "state.0.exp_avg_sq", "state.0.max_exp_avg_sq");
        assertThat(s.tensors().get("state.0.exp_avg").dims()).containsExactly(3, 4);
        assertThat(s.values()).containsExactly(Map.entry("type", "Adam"), Map.entry("lr", "0.01"), Map.entry("beta1", "0.8"),
                Map.entry("beta2", "0.9"), Map.entry("eps", "1.0E-6"), Map.entry("weight_decay", "0.1"),
                Map.entry("amsgrad", "true"), Map.entry("state.0.step", "1"));
        // a snapshot: later steps do not change it
        float before = s.tensors().get("state.0.exp_avg").data()[0];
        fillGrads(ps, 1);
        adam.step();
        assertThat(s.tensors().get("state.0.exp_avg").data()[0]).isEqualTo(before);
        assertThat(s.withPrefix("optim.").select("optim.")).isEqualTo(s);
    }

    @Test
    void parametersWithoutGradientAreSkipped() {
        Tensor p = Tensor.vector(1f, 2f).requiresGrad(true);
        Tensor q = Tensor.vector(3f).requiresGrad(true);
        SGD sgd = new SGD(List.of(p, q), 0.5f);
        p.setGrad(Tensor.vector(1f, -1f));
        sgd.step();
        assertThat(p.data()).containsExactly(0.5f, 2.5f);
        assertThat(q.data()).containsExactly(3f);
        assertThat(sgd.step(1)).isZero();
        sgd.zeroGrad();
        assertThat(p.grad()).isNull();
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        List<Tensor> one = params(3);
        List<Tensor> many = params(3);
        Adam a = new Adam(one, 0.01f);
        Adam b = new Adam(many, 0.01f);
        for (int t = 0; t < 2; t++) {
            fillGrads(one, t);
            fillGrads(many, t);
            Parallel.withThreads(1, (Runnable) a::step);
            Parallel.withThreads(4, (Runnable) b::step);
        }
        assertThat(many.get(1).data()).isEqualTo(one.get(1).data());
    }

    @Test
    void loadStateDictRejectsMismatchesAndChangesNothing() {
        List<Tensor> ps = params(4);
        Adam adam = new Adam(ps, 0.01f);
        fillGrads(ps, 0);
        adam.step();
        StateDict good = adam.stateDict();

        Adam other = new Adam(params(5), 0.02f);
        assertThatThrownBy(() -> new SGD(params(5), 0.1f).loadStateDict(good))
                .hasMessage("SGD.loadStateDict: the state is of a Adam optimiser");
        assertThatThrownBy(() -> new Adam(params(5), new Adam.Options(0.01f, 0.5f, 0.999f, 1e-8f, 0f)).loadStateDict(good))
                .hasMessage("Adam.loadStateDict: the state was saved with beta1=0.9, this one has beta1=0.5"
                        + " (construct it with the saved options)");
        assertThatThrownBy(() -> other.loadStateDict(without(good, "state.1.exp_avg_sq")))
                .hasMessage("Adam.loadStateDict: missing tensor \"state.1.exp_avg_sq\"");
        assertThatThrownBy(() -> other.loadStateDict(replace(good, "state.0.exp_avg", Tensor.zeros(4, 3))))
                .hasMessage("Adam.loadStateDict: tensor \"state.0.exp_avg\" has shape [4, 3], the parameter has shape [3, 4]");
        assertThatThrownBy(() -> other.loadStateDict(replace(good, "state.7.exp_avg", Tensor.zeros(1))))
                .hasMessage("Adam.loadStateDict: unexpected entries [state.7.exp_avg] (is the state from an optimiser over"
                        + " other parameters or options?)");
        Map<String, String> badStep = new LinkedHashMap<>(good.values());
        badStep.put("state.0.step", "x");
        assertThatThrownBy(() -> other.loadStateDict(new StateDict(good.tensors(), badStep)))
                .hasMessage("Adam.loadStateDict: value \"state.0.step\" must be an integer, got \"x\"");
        Map<String, String> noLr = new LinkedHashMap<>(good.values());
        noLr.remove("lr");
        assertThatThrownBy(() -> other.loadStateDict(new StateDict(good.tensors(), noLr)))
                .hasMessage("Adam.loadStateDict: missing value \"lr\"");
        // none of the failed loads touched the optimiser
        assertThat(other.lr()).isEqualTo(0.02f);
        assertThat(other.stateDict().tensors()).isEmpty();
    }

    @Test
    void validatesConstructorArguments() {
        Tensor p = Tensor.vector(1f).requiresGrad(true);
        assertThatThrownBy(() -> new Adam(List.of(p), new Adam.Options(1e-3f, 1.5f, 0.999f, 1e-8f, 0f)))
                .hasMessage("Adam: beta1 must be in [0, 1), got 1.5");
        assertThatThrownBy(() -> new Adam.Options(1e-3f, 0.9f, -0.1f, 1e-8f, 0f)).hasMessage("Adam: beta2 must be in [0, 1), got -0.1");
        assertThatThrownBy(() -> new AdamW.Options(-1f)).hasMessage("AdamW: learning rate must be finite and >= 0, got -1.0");
        assertThatThrownBy(() -> new AdamW.Options(1e-3f, 0.9f, 0.999f, Float.NaN, 0f)).hasMessage("AdamW: eps must be finite and >= 0, got NaN");
        assertThatThrownBy(() -> new SGD.Options(0.1f, 0.9f, 0.1f, 0f, true))
                .hasMessage("SGD: Nesterov momentum needs momentum > 0 and dampening 0, got momentum 0.9 and dampening 0.1");
        assertThatThrownBy(() -> new SGD.Options(0.1f, -0.9f)).hasMessage("SGD: momentum must be finite and >= 0, got -0.9");
        assertThatThrownBy(() -> new SGD.Options(0.1f, 0.9f, 1.5f, 0f, false)).hasMessage("SGD: dampening must be in [0, 1.0000001), got 1.5");
        assertThatThrownBy(() -> new RMSprop.Options(0.01f, 1f, 1e-8f, 0f, 0f, false)).hasMessage("RMSprop: alpha must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> new Adagrad.Options(0.01f, -1f, 0f, 0f, 1e-10f)).hasMessage("Adagrad: lr decay must be finite and >= 0, got -1.0");
        assertThatThrownBy(() -> new SGD(List.of(), 0.1f)).hasMessage("SGD: needs at least one parameter, got none");
        assertThatThrownBy(() -> new SGD(List.of(Tensor.zeros(2, 2)), 0.1f))
                .hasMessage("SGD: parameter 0 (shape [2, 2]) does not require grad; call requiresGrad(true) or leave it out");
        assertThatThrownBy(() -> new SGD(List.of(p, p), 0.1f)).hasMessage("SGD: parameter 1 appears more than once");
        SGD sgd = new SGD(List.of(p), 0.1f);
        assertThatThrownBy(() -> sgd.setLr(Float.POSITIVE_INFINITY)).hasMessage("SGD: learning rate must be finite and >= 0, got Infinity");
    }

    private static StateDict without(StateDict s, String key) {
        Map<String, Tensor> t = new LinkedHashMap<>(s.tensors());
        t.remove(key);
        return new StateDict(t, s.values());
    }

    private static StateDict replace(StateDict s, String key, Tensor value) {
        Map<String, Tensor> t = new LinkedHashMap<>(s.tensors());
        t.put(key, value);
        return new StateDict(t, s.values());
    }
}
