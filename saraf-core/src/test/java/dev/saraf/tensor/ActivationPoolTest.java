package dev.saraf.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivationPoolTest {

    @Test
    void withoutAPoolInScopeArraysAreNewAndZeroedAndReleaseDoesNothing() {
        float[] a = ActivationPool.uninitialized(5);
        a[0] = 7f;
        ActivationPool.release(a);
        float[] b = ActivationPool.uninitialized(5);
        assertThat(b).isNotSameAs(a).containsOnly(0f);
        assertThat(ActivationPool.active()).isFalse();
    }

    @Test
    void anArrayGivenBackIsHandedOutAgainForTheSameLengthOnly() {
        ActivationPool pool = new ActivationPool();
        float[][] seen = new float[4][];
        pool.use(() -> {
            assertThat(ActivationPool.active()).isTrue();
            seen[0] = ActivationPool.uninitialized(6);
            seen[0][2] = 3f;
            ActivationPool.release(seen[0]);
            seen[1] = ActivationPool.uninitialized(7); // another length: new
            seen[2] = ActivationPool.uninitialized(6); // the one given back, values and all
            seen[3] = ActivationPool.uninitialized(6); // none left: new
            return null;
        });
        assertThat(seen[1]).isNotSameAs(seen[0]);
        assertThat(seen[2]).isSameAs(seen[0]);
        assertThat(seen[2][2]).isEqualTo(3f);
        assertThat(seen[3]).isNotSameAs(seen[0]).containsOnly(0f);
        assertThat(ActivationPool.active()).isFalse();
    }

    @Test
    void onlyArraysItHandedOutAreTakenBackAndEachOnce() {
        ActivationPool pool = new ActivationPool();
        float[] foreign = new float[4];
        float[][] kept = new float[1][];
        pool.use(() -> {
            ActivationPool.release(foreign); // never handed out: ignored
            kept[0] = ActivationPool.uninitialized(4);
            return null;
        });
        assertThat(pool.heldFloats()).isZero();
        pool.recycle(foreign);
        assertThat(pool.heldFloats()).isZero();
        // handed out in an earlier use (a training forward) and given back later (by its backward)
        pool.recycle(kept[0]);
        pool.recycle(kept[0]); // twice: kept once
        assertThat(pool.heldFloats()).isEqualTo(4);
        List<float[]> next = new ArrayList<>();
        pool.use(() -> {
            next.add(ActivationPool.uninitialized(4));
            next.add(ActivationPool.uninitialized(4));
            ActivationPool.release(next.get(0));
            ActivationPool.release(next.get(0));
            next.add(ActivationPool.uninitialized(4));
            next.add(ActivationPool.uninitialized(4));
            return null;
        });
        assertThat(next.get(0)).isSameAs(kept[0]);
        assertThat(next.get(1)).isNotSameAs(next.get(0)).isNotSameAs(foreign);
        assertThat(next.get(2)).isSameAs(next.get(0));
        assertThat(next.get(3)).isNotSameAs(next.get(0)).isNotSameAs(next.get(1));
    }

    @Test
    void aPoolIsSafeToShareBetweenThreads() throws Exception {
        // a backward may give arrays back on another thread than the forward that took them
        ActivationPool pool = new ActivationPool();
        int threads = 4;
        int rounds = 2_000;
        java.util.concurrent.ExecutorService exec = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                float mark = t + 1;
                results.add(exec.submit(() -> pool.use(() -> {
                    for (int r = 0; r < rounds; r++) {
                        float[] a = ActivationPool.uninitialized(8);
                        java.util.Arrays.fill(a, mark);
                        Thread.yield();
                        for (float v : a) {
                            if (v != mark) {
                                return false; // handed to two threads at once
                            }
                        }
                        pool.recycle(a);
                    }
                    return true;
                })));
            }
            for (var f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            exec.shutdownNow();
        }
        assertThat(pool.heldFloats()).isBetween(8L, ActivationPool.MAX_PER_LENGTH * 8L);
    }

    @Test
    void keepsAFewArraysOfALengthAndEightLengthsTheMostRecentlyUsed() {
        ActivationPool pool = new ActivationPool();
        pool.use(() -> {
            List<float[]> same = new ArrayList<>();
            for (int i = 0; i < ActivationPool.MAX_PER_LENGTH + 1; i++) {
                same.add(ActivationPool.uninitialized(10));
            }
            same.forEach(ActivationPool::release);
            return null;
        });
        assertThat(pool.heldFloats()).isEqualTo(ActivationPool.MAX_PER_LENGTH * 10L);
        pool.use(() -> {
            for (int n = 1; n <= ActivationPool.MAX_LENGTHS; n++) {
                ActivationPool.release(ActivationPool.uninitialized(100 + n));
            }
            return null;
        });
        // nine lengths given back: the length 10, used longest ago, went
        long lengths = 0;
        for (int n = 1; n <= ActivationPool.MAX_LENGTHS; n++) {
            lengths += 100 + n;
        }
        assertThat(pool.heldFloats()).isEqualTo(lengths);
    }
}
