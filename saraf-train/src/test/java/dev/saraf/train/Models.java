package dev.saraf.train;

import dev.saraf.nn.Dropout;
import dev.saraf.nn.Linear;
import dev.saraf.nn.Module;
import dev.saraf.nn.ReLU;
import dev.saraf.nn.Sequential;
import dev.saraf.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** Small models for the trainer's tests. */
final class Models {
    private Models() {}

    /** {@code in -> 16 -> ReLU -> (dropout) -> out}, initialised from {@code seed}. */
    static Module mlp(int in, int out, long seed, RandomGenerator dropoutRng) {
        SplittableRandom r = new SplittableRandom(seed);
        Sequential s = new Sequential(new Linear(in, 16, r), new ReLU());
        if (dropoutRng != null) {
            s.add(new Dropout(0.2, dropoutRng));
        }
        return s.add(new Linear(16, out, r));
    }

    /** Copies of every parameter and buffer, for bitwise comparison. */
    static float[][] weights(Module m) {
        return m.stateDict().values().stream().map(Tensor::toArray).toArray(float[][]::new);
    }
}
