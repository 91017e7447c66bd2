package dev.saraf.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saraf.autograd.NoGrad;
import dev.saraf.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    static Sequential cnn(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return new Sequential(
                new Sequential(new Conv2d(1, 8, 3, "same", r), new BatchNorm2d(8), new ReLU(), new MaxPool2d(2)),
                new Conv2d(8, 16, 3, 1, 1, r), new LeakyReLU(0.2f), new AdaptiveAvgPool2d(1), new Flatten(),
                new Dropout(0.25, r), new Linear(16, 10, r), new LogSoftmax());
    }

    @Test
    void describesANestedModelAsPlainData() {
        Map<String, Object> d = Architecture.describe(cnn(1));
        assertThat(d.get("type")).isEqualTo("Sequential");
        List<?> layers = (List<?>) d.get("layers");
        assertThat(layers).hasSize(8);
        assertThat(layers.get(6).toString()).isEqualTo("{type=Linear, in=16, out=10, bias=true}");
        Map<?, ?> conv = (Map<?, ?>) ((List<?>) ((Map<?, ?>) layers.get(0)).get("layers")).get(0);
        assertThat(conv.get("padding")).isEqualTo("same");
        assertThat(conv.get("kernel")).isEqualTo(List.of(3, 3));
    }

    @Test
    void buildThenLoadGivesBitIdenticalOutputs() {
        Sequential a = cnn(1);
        a.eval();
        Module b = Architecture.build(jsonLike(Architecture.describe(a)), new SplittableRandom(99));
        b.eval();
        assertThat(b.toString()).isEqualTo(a.toString());
        b.loadStateDict(a.stateDict());
        Tensor x = TestData.random(new SplittableRandom(2), 2, 1, 12, 10);
        try (NoGrad g = NoGrad.enter()) {
            assertThat(b.forward(x).data()).containsExactly(a.forward(x).data());
        }
    }

    @Test
    void summaryOfACnn() {
        Summary s = cnn(1).summary(1, 1, 28, 28);
        assertThat(s.rows().get(0).output().dims()).containsExactly(1, 10);
        Map<String, Summary.Row> rows = new LinkedHashMap<>();
        s.rows().forEach(r -> rows.put(r.path(), r));
        assertThat(rows.get("0.3").output().dims()).containsExactly(1, 8, 14, 14);
        assertThat(rows.get("3").output().dims()).containsExactly(1, 16, 1, 1);
        assertThat(rows.get("4").output().dims()).containsExactly(1, 16);
        assertThat(rows.get("0.0").params()).isEqualTo(8 * 9 + 8);
        assertThat(s.total()).isEqualTo((8 * 9 + 8) + 16 + (16 * 8 * 9 + 16) + (16 * 10 + 10));
        assertThat(s.bufferTotal()).isEqualTo(8 + 8 + 1);
    }

    /** What a JSON round trip gives back: numbers as Long or Double, lists as ArrayList. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> jsonLike(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, jsonValue(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object jsonValue(Object v) {
        if (v instanceof Integer i) {
            return (long) i;
        }
        if (v instanceof Float f) {
            return Double.parseDouble(f.toString());
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(e -> out.add(jsonValue(e)));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            return jsonLike((Map<String, Object>) m);
        }
        return v;
    }

    private static Map<String, Object> seq(Object... layers) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "Sequential");
        m.put("layers", List.of(layers));
        return m;
    }

    private static Map<String, Object> layer(String type, Object... kv) {
        return Architecture.config(type, kv);
    }

    @Test
    void errorsNameThePathAndTheProblem() {
        SplittableRandom r = new SplittableRandom(1);
        assertThatThrownBy(() -> Architecture.build(seq(layer("ReLU"), seq(layer("Tanh"), layer("Swish"))), r))
                .hasMessageStartingWith("Architecture: unknown layer type 'Swish' at '1.1' (known: Sequential, Linear,");
        assertThatThrownBy(() -> Architecture.build(seq(layer("Linear", "in", 3)), r))
                .hasMessage("Architecture: the layer at '0' is missing 'out'");
        assertThatThrownBy(() -> Architecture.build(seq(layer("Linear", "in", 3, "out", 2, "bias", true, "biass", false)), r))
                .hasMessage("Architecture: the layer at '0' (Linear) has an unknown key 'biass'");
        assertThatThrownBy(() -> Architecture.build(layer("Linear", "in", 2.5, "out", 2), r))
                .hasMessage("Architecture: the layer at the root needs 'in' to be a whole number, got 2.5");
        assertThatThrownBy(() -> Architecture.build(seq(layer("Conv2d", "in", 3, "out", 4, "kernel", List.of(3, 3, 3))), r))
                .hasMessageContaining("needs 'kernel' to be a number or a list of two numbers");
        assertThatThrownBy(() -> Architecture.build(seq(layer("Conv2d", "in", 3, "out", 4, "kernel", 3, "padding", "full")), r))
                .hasMessageStartingWith("Architecture: the layer at '0' (Conv2d): Conv2d: padding must be \"same\", \"valid\"");
        assertThatThrownBy(() -> Architecture.build(seq(layer("Linear", "in", 0, "out", 2)), r))
                .hasMessageContaining("at '0' (Linear): Linear: in and out must be positive");
        assertThatThrownBy(() -> Architecture.build(Map.of("layers", List.of()), r))
                .hasMessage("Architecture: the layer at the root is missing 'type'");
    }

    @Test
    void customModulesCannotBeDescribedAndSaySo() {
        Sequential m = new Sequential(new ReLU(), new ModuleTest.Block(5, 2, new SplittableRandom(1)));
        assertThatThrownBy(() -> Architecture.describe(m)).hasMessageStartingWith("Architecture.describe: Block at '1' cannot describe itself");
    }

    /** A custom layer that describes itself and is rebuilt by a factory. */
    static final class Scale extends Module {
        private final float factor;

        Scale(float factor) {
            this.factor = factor;
        }

        @Override
        protected Tensor compute(Tensor x) {
            return x.mul(factor);
        }

        @Override
        protected Map<String, Object> config() {
            return Architecture.config("Scale", "factor", factor);
        }
    }

    @Test
    void customLayersAreRebuiltByTheirFactories() {
        Sequential m = new Sequential(new Linear(3, 2, new SplittableRandom(1)), new Scale(2.5f));
        Map<String, Object> d = jsonLike(Architecture.describe(m));
        Map<String, Architecture.LayerFactory> factories =
                Map.of("Scale", (c, r) -> new Scale(((Number) c.get("factor")).floatValue()));
        Module b = Architecture.build(d, new SplittableRandom(2), factories);
        assertThat(b.toString()).isEqualTo(m.toString()).contains("Scale(factor=2.5)");
        assertThatThrownBy(() -> Architecture.build(d, new SplittableRandom(2)))
                .hasMessageStartingWith("Architecture: unknown layer type 'Scale' at '1' (known: Sequential");
        assertThatThrownBy(() -> Architecture.build(seq(layer("Swish")), new SplittableRandom(2), factories))
                .hasMessageEndingWith("; custom: Scale)");
    }

    @Test
    void sameSeedBuildsTheSameModel() {
        Map<String, Object> d = Architecture.describe(cnn(1));
        Module a = Architecture.build(d, new SplittableRandom(5));
        Module b = Architecture.build(d, new SplittableRandom(5));
        assertThat(ModuleTest.equal(a.stateDict(), b.stateDict())).isTrue();
        assertThat(ModuleTest.equal(a.stateDict(), cnn(5).stateDict())).isTrue();
    }
}
