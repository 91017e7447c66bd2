package dev.saraf.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReluMaxPoolChannelsLastTest {

    /**
     * Against the NCHW ops it stands for: {@code Pool2d.maxReference} (the plain scan, not the
     * vector path) of {@code relu(c + bias)} transposed to channels-first, values and argmax, with
     * ties, NaNs, signed zeros and negative values (relu makes them ties at 0), odd map sizes
     * (a last row and column no window covers), channel counts below, at and past a vector, and
     * pooled row ranges computed apart.
     */
    @Test
    void matchesReluThenThePlainMaxPoolingScanInChannelsFirstOrder() {
        SplittableRandom rng = new SplittableRandom(82);
        int[][] maps = {{24, 24}, {2, 2}, {7, 9}, {12, 5}};
        int[] channelCounts = {64, 1, 5, 17, 40};
        float[] specials = {Float.NaN, 0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (int[] map : maps) {
            for (int channels : channelCounts) {
                for (boolean withBias : new boolean[] {true, false}) {
                    int p = map[0];
                    int q = map[1];
                    int pixels = p * q;
                    int ldc = channels + rng.nextInt(3);
                    float[] c = new float[1 + pixels * ldc];
                    for (int i = 0; i < c.length; i++) {
                        int roll = rng.nextInt(20);
                        c[i] = roll < 2 ? specials[rng.nextInt(specials.length)]
                                : roll < 6 && i > 0 ? c[i - 1] : (float) rng.nextInt(-8, 9) / 4;
                    }
                    float[] bias = withBias ? new float[channels] : null;
                    if (withBias) {
                        for (int k = 0; k < channels; k++) {
                            bias[k] = (float) rng.nextInt(-2, 3) / 4;
                        }
                    }
                    // the reference: channels-first relu(c + bias), pooled by the plain scan
                    float[] planes = new float[channels * pixels];
                    for (int pix = 0; pix < pixels; pix++) {
                        for (int k = 0; k < channels; k++) {
                            planes[k * pixels + pix] = MapReference.relu(c[1 + pix * ldc + k] + (withBias ? bias[k] : 0f));
                        }
                    }
                    Window2d pool = Window2d.of(p, q, 2, 2, 2, 2, 0, 0);
                    int outs = channels * pool.outPlaneSize();
                    float[] expected = new float[outs];
                    int[] expectedArg = new int[outs];
                    Pool2d.maxReference(pool, channels, planes, 0, expected, 0, expectedArg, 0);
                    float[] out = new float[3 + outs];
                    int[] arg = new int[2 + outs];
                    int rows = pool.outHeight();
                    for (int row0 = 0; row0 < rows; ) {
                        int row1 = Math.min(rows, row0 + 1 + rng.nextInt(3));
                        int n = (row1 - row0) * pool.outWidth() * channels;
                        int from = 1 + 2 * row0 * q * ldc;
                        ReluMaxPoolChannelsLast.forward(channels, p, q, c, from, ldc, bias, row0, row1, out, 3, arg, 2,
                                new float[n], new int[n]);
                        row0 = row1;
                    }
                    String what = p + "x" + q + " channels " + channels + " bias " + withBias;
                    assertThat(floatBits(Arrays.copyOfRange(out, 3, out.length))).as(what).isEqualTo(floatBits(expected));
                    assertThat(Arrays.copyOfRange(arg, 2, arg.length)).as(what + " argmax").isEqualTo(expectedArg);
                    float[] noArg = new float[3 + outs];
                    ReluMaxPoolChannelsLast.forward(channels, p, q, c, 1, ldc, bias, 0, rows, noArg, 3, null, 0,
                            new float[outs], new int[0]);
                    assertThat(floatBits(noArg)).as(what + " without argmax").isEqualTo(floatBits(out));
                }
            }
        }
    }

    @Test
    void rowsOutsideThePooledMapOrScratchTooSmallAreRejected() {
        float[] c = new float[16 * 8];
        assertThatThrownBy(() -> ReluMaxPoolChannelsLast.forward(8, 4, 4, c, 0, 8, null, 1, 3, new float[32], 0, null, 0,
                new float[16], new int[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pooled rows [1, 3) of 8 channels of a 4x4 map");
        assertThatThrownBy(() -> ReluMaxPoolChannelsLast.forward(8, 4, 4, c, 0, 8, null, 0, 2, new float[32], 0, null, 0,
                new float[15], new int[0])).isInstanceOf(IllegalArgumentException.class);
    }

    private static int[] floatBits(float[] a) {
        int[] bits = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            bits[i] = Float.floatToRawIntBits(a[i]);
        }
        return bits;
    }
}
