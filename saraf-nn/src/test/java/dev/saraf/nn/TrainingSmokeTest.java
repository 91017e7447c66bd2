package dev.saraf.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saraf.autograd.NoGrad;
import dev.saraf.nn.loss.BCEWithLogitsLoss;
import dev.saraf.nn.loss.CrossEntropyLoss;
import dev.saraf.nn.loss.Loss;
import dev.saraf.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Layers, losses and autograd together: small networks learn, and the same seed gives the same bits. */
class TrainingSmokeTest {
    private static final Tensor XOR_X = Tensor.matrix(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});

    /** Plain gradient descent, written out so this test needs no optimiser. */
    private static float train(Module model, Loss loss, Tensor x, Tensor y, int steps, float lr) {
        float last = Float.NaN;
        for (int s = 0; s < steps; s++) {
            model.zeroGrad();
            Tensor l = loss.forward(model.forward(x), y);
            l.backward();
            last = l.item();
            try (NoGrad g = NoGrad.enter()) {
                for (Tensor p : model.parameters()) {
                    float[] d = p.data();
                    float[] gd = p.grad().data();
                    for (int i = 0; i < d.length; i++) {
                        d[i] -= lr * gd[i];
                    }
                }
            }
        }
        return last;
    }

    private static Sequential xorNet(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return new Sequential(new Linear(2, 8, r), new Tanh(), new Linear(8, 1, r));
    }

    @Test
    void twoLayerNetworkSolvesXor() {
        Sequential net = xorNet(42);
        Tensor y = Tensor.matrix(new float[][] {{0}, {1}, {1}, {0}});
        float loss = train(net, new BCEWithLogitsLoss(), XOR_X, y, 500, 1f);
        assertThat(loss).isLessThan(0.05f);
        net.eval();
        try (NoGrad g = NoGrad.enter()) {
            Tensor out = net.forward(XOR_X);
            assertThat(out.get(0, 0)).isNegative();
            assertThat(out.get(1, 0)).isPositive();
            assertThat(out.get(2, 0)).isPositive();
            assertThat(out.get(3, 0)).isNegative();
        }
    }

    @Test
    void sameSeedTrainsToBitIdenticalWeights() {
        Tensor y = Tensor.vector(0, 1, 1, 0);
        Module[] nets = new Module[2];
        for (int k = 0; k < 2; k++) {
            SplittableRandom r = new SplittableRandom(7);
            nets[k] = new Sequential(new Linear(2, 6, r), new BatchNorm1d(6), new ReLU(), new Dropout(0.2, r), new Linear(6, 2, r));
            train(nets[k], new CrossEntropyLoss(null, 0.1, dev.saraf.nn.loss.Reduction.MEAN), XOR_X, y, 50, 0.3f);
        }
        assertThat(ModuleTest.equal(nets[0].stateDict(), nets[1].stateDict())).isTrue();
    }
}
