package dev.saraf.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saraf.tensor.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataLoaderTest {
    /** n examples of shape [1, 2, 2] whose pixels all equal the index; target = index. */
    private static ArrayDataset indexed(int n) {
        float[] x = new float[n * 4];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            Arrays.fill(x, i * 4, i * 4 + 4, i);
            y[i] = i;
        }
        return new ArrayDataset("indexed", x, Shape.of(1, 2, 2), y, Shape.scalar(), List.of());
    }

    private static List<Integer> targets(DataLoader loader, int epoch) {
        List<Integer> seen = new ArrayList<>();
        for (Batch b : loader.epoch(epoch)) {
            for (float t : b.targets().data()) {
                seen.add((int) t);
            }
        }
        return seen;
    }

    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(ints = {0, 1, 3})
    void batchesCoverTheDataInOrderWithShapes(int prefetch) {
        DataLoader loader = new DataLoader(indexed(10), DataLoader.Options.of(4).withPrefetch(prefetch));
        assertThat(loader.batches()).isEqualTo(3);
        List<Batch> batches = new ArrayList<>();
        loader.epoch(0).forEach(batches::add);
        assertThat(batches).hasSize(3);
        assertThat(batches.get(0).inputs().shape()).isEqualTo(Shape.of(4, 1, 2, 2));
        assertThat(batches.get(0).targets().shape()).isEqualTo(Shape.of(4));
        assertThat(batches.get(2).inputs().shape()).isEqualTo(Shape.of(2, 1, 2, 2));
        assertThat(batches.get(2).size()).isEqualTo(2);
        assertThat(batches.get(1).inputs().data()).containsExactly(4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 7);
        assertThat(targets(loader, 0)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void dropLastDropsTheShortBatch() {
        DataLoader loader = new DataLoader(indexed(10), DataLoader.Options.of(4).withDropLast(true));
        assertThat(loader.batches()).isEqualTo(2);
        assertThat(targets(loader, 0)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(new DataLoader(indexed(3), DataLoader.Options.of(4).withDropLast(true)).batches()).isZero();
        assertThat(targets(new DataLoader(indexed(3), DataLoader.Options.of(4).withDropLast(true)), 0)).isEmpty();
        assertThat(new DataLoader(indexed(8), DataLoader.Options.of(4)).batches()).isEqualTo(2);
    }

    @Test
    void shuffleIsAFunctionOfSeedAndEpoch() {
        DataLoader a = new DataLoader(indexed(100), DataLoader.Options.of(16).withShuffle(42));
        DataLoader b = new DataLoader(indexed(100), DataLoader.Options.of(16).withShuffle(42).withPrefetch(0));
        List<Integer> e0 = targets(a, 0);
        assertThat(e0).containsExactlyInAnyOrderElementsOf(targets(new DataLoader(indexed(100),
                DataLoader.Options.of(16)), 0));
        assertThat(targets(a, 0)).isEqualTo(e0);
        assertThat(targets(b, 0)).isEqualTo(e0);
        assertThat(targets(a, 1)).isNotEqualTo(e0);
        assertThat(targets(b, 1)).isEqualTo(targets(a, 1));
        assertThat(targets(new DataLoader(indexed(100), DataLoader.Options.of(16).withShuffle(43)), 0))
                .isNotEqualTo(e0);
    }

    @Test
    void augmentationIsReproducibleAndIndependentOfTheBatching() {
        Transform noise = (x, off, s, rng) -> x[off] += (float) rng.nextDouble();
        DataLoader a = new DataLoader(indexed(20), DataLoader.Options.of(3).withShuffle(5).withTransforms(noise));
        DataLoader b = new DataLoader(indexed(20), DataLoader.Options.of(7).withShuffle(5).withTransforms(noise)
                .withPrefetch(0));
        float[] first = firstPixelByIndex(a, 2);
        assertThat(firstPixelByIndex(a, 2)).containsExactly(first);
        assertThat(firstPixelByIndex(b, 2)).containsExactly(first);
        assertThat(firstPixelByIndex(a, 3)).isNotEqualTo(first);
    }

    private static float[] firstPixelByIndex(DataLoader loader, int epoch) {
        float[] byIndex = new float[loader.dataset().size()];
        for (Batch batch : loader.epoch(epoch)) {
            for (int i = 0; i < batch.size(); i++) {
                byIndex[(int) batch.targets().data()[i]] = batch.inputs().data()[i * 4];
            }
        }
        return byIndex;
    }

    @Test
    void regressionTargetsKeepTheirShape() {
        ArrayDataset d = new ArrayDataset("r", new float[] {1, 2, 3, 4, 5, 6}, Shape.of(2), new float[] {7, 8, 9, 10, 11, 12},
                Shape.of(2), List.of());
        Batch b = new DataLoader(d, DataLoader.Options.of(3)).iterator(0).next();
        assertThat(b.inputs().shape()).isEqualTo(Shape.of(3, 2));
        assertThat(b.targets().shape()).isEqualTo(Shape.of(3, 2));
        assertThat(b.targets().data()).containsExactly(7, 8, 9, 10, 11, 12);
    }

    @Test
    void anExceptionWhilePrefetchingReachesTheConsumer() {
        ArrayDataset inner = indexed(50);
        Dataset failing = new Dataset() {
            public int size() { return inner.size(); }
            public Shape inputShape() { return inner.inputShape(); }
            public Shape targetShape() { return inner.targetShape(); }
            public void copyInput(int index, float[] dst, int offset) {
                if (index == 13) {
                    throw new IllegalStateException("disk on fire at example 13");
                }
                inner.copyInput(index, dst, offset);
            }
            public void copyTarget(int index, float[] dst, int offset) { inner.copyTarget(index, dst, offset); }
            public List<String> classNames() { return List.of(); }
            public String name() { return "failing"; }
        };
        DataLoader loader = new DataLoader(failing, DataLoader.Options.of(5).withPrefetch(2));
        var it = loader.iterator(0);
        assertThat(it.next().size()).isEqualTo(5);
        assertThat(it.next().size()).isEqualTo(5);
        assertThatThrownBy(it::next).isInstanceOf(DataException.class)
                .hasMessage("failing: assembling batch 2 of epoch 0 failed: java.lang.IllegalStateException: disk on fire at example 13")
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(it.hasNext()).isFalse();
        DataLoader direct = new DataLoader(failing, DataLoader.Options.of(5).withPrefetch(0));
        assertThatThrownBy(() -> targets(direct, 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingStopsThePrefetchThread() throws Exception {
        DataLoader loader = new DataLoader(indexed(1000), DataLoader.Options.of(10).withPrefetch(2));
        Prefetcher it = (Prefetcher) loader.iterator(0);
        it.next();
        it.close();
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (it.threadAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(it.threadAlive()).isFalse();
    }

    @Test
    void anAbandonedIterationEndsItsThread() throws Exception {
        DataLoader loader = new DataLoader(indexed(1000), DataLoader.Options.of(10).withPrefetch(1));
        Thread thread = abandon(loader);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (thread.isAlive() && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
        assertThat(thread.isAlive()).isFalse();
    }

    /** Takes one batch and breaks out of the loop, returning the loader's prefetch thread. */
    private static Thread abandon(DataLoader loader) {
        var before = Thread.getAllStackTraces().keySet();
        for (Batch b : loader.epoch(0)) {
            assertThat(b.size()).isEqualTo(10);
            break;
        }
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().equals("saraf-prefetch-indexed-epoch-0"))
                .findFirst().orElseThrow();
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> DataLoader.Options.of(0)).hasMessage("DataLoader: batch size must be at least 1, got 0");
        assertThatThrownBy(() -> DataLoader.Options.of(1).withPrefetch(-1))
                .hasMessage("DataLoader: prefetch must be >= 0, got -1");
        DataLoader.Options o = DataLoader.Options.of(8).withShuffle(3).withDropLast(true);
        assertThat(o).isEqualTo(new DataLoader.Options(8, true, 3, true, 2, List.of()));
    }

    @Test
    void bundledMnistBatches() {
        DataLoader loader = new DataLoader(Mnist.bundled().train(), DataLoader.Options.of(64).withShuffle(1)
                .withTransforms(new RandomShift(2), new Normalize(0.1307f, 0.3081f)));
        assertThat(loader.batches()).isEqualTo(125);
        int seen = 0;
        for (Batch b : loader.epoch(0)) {
            assertThat(b.inputs().shape().dim(1)).isEqualTo(1);
            seen += b.size();
        }
        assertThat(seen).isEqualTo(8000);
    }
}
