package dev.saraf.optim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saraf.tensor.Tensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Optimiser state that decays while a weight's gradient stays zero (a dead ReLU unit, a border
 * pixel that is hardly ever lit) is stored as zero once it leaves the normal float range: a
 * subnormal operand costs Intel cores a microcode assist on every step after. One gradient, then
 * zeros for long enough that every decaying buffer would pass below {@link Float#MIN_NORMAL}.
 */
class SubnormalStateTest {

    @ParameterizedTest
    @ValueSource(strings = {"sgdMomentum", "sgdNesterov", "adam", "adamAmsgrad", "adamW", "rmsprop", "rmspropMomentum",
        "rmspropCentered"})
    void decayingStateNeverStaysSubnormal(String name) {
        Function<List<Tensor>, Optimizer> make = switch (name) {
            case "sgdMomentum" -> p -> new SGD(p, new SGD.Options(0.01f, 0.9f, 0f, 0f, false));
            case "sgdNesterov" -> p -> new SGD(p, new SGD.Options(0.01f, 0.9f, 0f, 0f, true));
            case "adam" -> p -> new Adam(p, 1e-3f);
            case "adamAmsgrad" -> p -> new Adam(p, new Adam.Options(1e-3f, 0.9f, 0.99f, 1e-8f, 0f, true));
            case "adamW" -> p -> new AdamW(p, new AdamW.Options(1e-3f, 0.9f, 0.99f, 1e-8f, 0f));
            case "rmsprop" -> p -> new RMSprop(p, new RMSprop.Options(1e-3f, 0.9f, 1e-8f, 0f, 0f, false));
            case "rmspropMomentum" -> p -> new RMSprop(p, new RMSprop.Options(1e-3f, 0.9f, 1e-8f, 0f, 0.9f, false));
            default -> p -> new RMSprop(p, new RMSprop.Options(1e-3f, 0.9f, 1e-8f, 0f, 0f, true));
        };
        Tensor p = Tensor.vector(0.5f, -0.25f, 0.125f).requiresGrad(true);
        Optimizer opt = make.apply(List.of(p));
        // with decay 0.9, a value of 0.01 (or 0.1 of its square) passes below 1.2e-38 within 800 steps
        for (int t = 1; t <= 2000; t++) {
            p.setGrad(t == 1 ? Tensor.vector(0.01f, -0.02f, 0.03f) : Tensor.vector(0f, 0f, 0f));
            opt.step();
            for (var e : opt.stateDict().tensors().entrySet()) {
                for (float v : e.getValue().data()) {
                    assertThat(v == 0f || Math.abs(v) >= Float.MIN_NORMAL)
                            .as("%s step %d: %s holds %s", name, t, e.getKey(), v).isTrue();
                }
            }
        }
        float[] before = p.data().clone();
        p.setGrad(Tensor.vector(0f, 0f, 0f));
        opt.step();
        assertThat(p.data()).as("%s: with its state flushed, a zero gradient leaves the weights", name).isEqualTo(before);
    }
}
