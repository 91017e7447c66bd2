package dev.saraf.optim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saraf.io.SafeTensors;
import dev.saraf.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Optimiser state through a safetensors file, under the {@code optim.} prefix, as checkpoints store it. */
class OptimizerCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void adamStateSurvivesAFileBitIdentically() throws IOException {
        List<Tensor> a = OptimizerStateTest.params(11);
        Adam optA = new Adam(a, new Adam.Options(3e-3f, 0.9f, 0.99f, 1e-7f, 0.01f, true));
        for (int t = 0; t < 4; t++) {
            OptimizerStateTest.fillGrads(a, t);
            optA.step();
        }
        StateDict saved = optA.stateDict().withPrefix("optim.");
        Path file = dir.resolve("ckpt.safetensors");
        SafeTensors.write(file, saved.tensors(), saved.values());

        SafeTensors.Contents c = SafeTensors.read(file);
        List<Tensor> b = new ArrayList<>();
        for (Tensor p : a) {
            b.add(p.copy().requiresGrad(true));
        }
        Adam optB = new Adam(b, new Adam.Options(3e-3f, 0.9f, 0.99f, 1e-7f, 0.01f, true));
        optB.loadStateDict(new StateDict(c.tensors(), c.metadata()).select("optim."));
        for (int t = 4; t < 7; t++) {
            OptimizerStateTest.fillGrads(a, t);
            OptimizerStateTest.fillGrads(b, t);
            optA.step();
            optB.step();
        }
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).data()).isEqualTo(a.get(i).data());
        }
    }
}
