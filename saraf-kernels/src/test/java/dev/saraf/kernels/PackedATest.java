package dev.saraf.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A GEMM with op(A) packed beforehand gives the same bits as packing it in the call, on every path. */
class PackedATest {

    @Test
    void packedProductsAreBitIdenticalToPlainOnes() {
        SplittableRandom rng = new SplittableRandom(61);
        // the W-CNN convolution shapes (forward band, column gradient), awkward edges, a B^T,
        // products that go to the unpacked kernels, and a k too deep to be packed ahead (1100)
        int[][] shapes = {{64, 144, 288}, {288, 144, 64}, {7, 33, 13}, {13, 17, 150}, {97, 257, 31}, {2, 40, 9},
            {3, 3, 3}, {6, 16, 1024}, {5, 31, 1100}, {150, 2, 300}};
        for (int[] s : shapes) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    for (float beta : new float[] {0f, 1f, 0.5f}) {
                        GemmTest.Problem p = GemmTest.Problem.random(ta, tb, s[0], s[1], s[2], 1.5f, beta, rng, true);
                        PackedA a = PackedA.of(ta, p.m(), p.k(), p.a(), p.aOff(), p.lda());
                        assertThat(a.rows()).isEqualTo(p.m());
                        assertThat(a.depth()).isEqualTo(p.k());
                        for (int threads : new int[] {1, 2, 3}) {
                            float[] got = p.c().clone();
                            Parallel.withThreads(threads, () -> Gemm.sgemm(a, tb, p.n(), p.alpha(), p.b(), p.bOff(),
                                    p.ldb(), p.beta(), got, p.cOff(), p.ldc()));
                            assertThat(got).as("%s, %d threads", p, threads).isEqualTo(p.fast(threads));
                        }
                    }
                }
            }
        }
    }

    @Test
    void packsOnlyWhatOnePassOfTheBlockedProductCovers() {
        SplittableRandom rng = new SplittableRandom(62);
        assertThat(PackedA.of(false, 64, 288, GemmTest.fill(64 * 288, rng), 0, 288).panels).isNotNull();
        assertThat(PackedA.of(false, 6, 1100, GemmTest.fill(6 * 1100, rng), 0, 1100).panels).isNull();
        assertThat(PackedA.of(false, 3073, 2, GemmTest.fill(3073 * 2, rng), 0, 2).panels).isNull();
    }

    @Test
    void badArgumentsNameTheProblem() {
        float[] a = new float[12];
        assertThatThrownBy(() -> PackedA.of(false, 3, 5, a, 0, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A");
        PackedA packed = PackedA.of(false, 3, 4, a, 0, 4);
        assertThatThrownBy(() -> Gemm.sgemm(packed, false, 2, 1f, new float[8], 0, 2, 0f, new float[5], 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C");
    }
}
