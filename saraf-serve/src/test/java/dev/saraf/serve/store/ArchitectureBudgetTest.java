package dev.saraf.serve.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saraf.nn.Architecture;
import dev.saraf.nn.BatchNorm1d;
import dev.saraf.nn.BatchNorm2d;
import dev.saraf.nn.Conv2d;
import dev.saraf.nn.Embedding;
import dev.saraf.nn.Flatten;
import dev.saraf.nn.LayerNorm;
import dev.saraf.nn.Linear;
import dev.saraf.nn.MaxPool2d;
import dev.saraf.nn.Module;
import dev.saraf.nn.ReLU;
import dev.saraf.nn.Sequential;
import dev.saraf.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The pre-build size check never refuses a real model: its count is a lower bound of the state dict's size. */
class ArchitectureBudgetTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void countsAtMostTheStateDictOfRealModels() throws Exception {
        SplittableRandom rng = new SplittableRandom(3);
        List<Module> models = List.of(
                new Sequential(new Linear(7, 13, rng), new ReLU(), new Linear(13, 2, false, rng)),
                new Sequential(new Conv2d(3, 5, 3, 1, 1, rng), new BatchNorm2d(5), new ReLU(), new MaxPool2d(2), new Flatten(),
                        new Linear(5 * 4 * 4, 10, rng)),
                new Sequential(new Conv2d(4, 8, new int[] {3, 2}, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, 2, false, rng)),
                new Sequential(new Embedding(11, 6, rng), new LayerNorm(6), new Linear(6, 3, rng)),
                new Sequential(new Sequential(new Linear(5, 5, rng), new BatchNorm1d(5, 1e-5, 0.1, false)), new Linear(5, 1, rng)));
        for (Module m : models) {
            long actual = m.stateDict().values().stream().mapToLong(Tensor::numel).sum();
            long counted = ArchitectureBudget.parameters(json.valueToTree(Architecture.describe(m)), 0);
            assertThat(counted).as("%s", Architecture.describe(m)).isPositive().isLessThanOrEqualTo(actual)
                    .isGreaterThanOrEqualTo(actual * 8 / 10); // weights dominate: the bound is not vacuous
        }
    }

    @Test
    void saturatesInsteadOfOverflowing() throws Exception {
        var huge = json.readTree("{\"type\":\"Sequential\",\"layers\":[{\"type\":\"Linear\",\"in\":4000000000,\"out\":4000000000},"
                + "{\"type\":\"Linear\",\"in\":4000000000,\"out\":4000000000}]}");
        assertThat(ArchitectureBudget.parameters(huge, 0)).isEqualTo(Long.MAX_VALUE);
    }
}
