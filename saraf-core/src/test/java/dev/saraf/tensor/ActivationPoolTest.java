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
    void onlyArraysItHandedOutInTheCurrentUseAreTakenBackAndEachOnce() {
        ActivationPool pool = new ActivationPool();
        float[] foreign = new float[4];
        float[][] kept = new float[1][];
        pool.use(() -> {
            ActivationPool.release(foreign); // never handed out: ignored
            kept[0] = ActivationPool.uninitialized(4);
            return null;
        });
        assertThat(pool.heldFloats()).isZero();
        List<float[]> next = new ArrayList<>();
        pool.use(() -> {
            ActivationPool.release(kept[0]); // handed out in an earlier use, now the caller's: ignored
            float[] a = ActivationPool.uninitialized(4);
            ActivationPool.release(a);
            ActivationPool.release(a); // twice: kept once
            next.add(ActivationPool.uninitialized(4));
            next.add(ActivationPool.uninitialized(4));
            return null;
        });
        assertThat(next.get(0)).isNotSameAs(foreign).isNotSameAs(kept[0]);
        assertThat(next.get(1)).isNotSameAs(next.get(0));
    }

    @Test
    void keepsTwoArraysOfALengthAndEightLengthsTheMostRecentlyUsed() {
        ActivationPool pool = new ActivationPool();
        pool.use(() -> {
            List<float[]> same = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                same.add(ActivationPool.uninitialized(10));
            }
            same.forEach(ActivationPool::release);
            return null;
        });
        assertThat(pool.heldFloats()).isEqualTo(2 * 10);
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
