package dev.saraf.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link DropoutKernels} with the hash computed on int vectors as wide as the float vectors. */
final class DropoutVector {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
    private static final int L = F.length();

    private DropoutVector() {}

    static void apply(int k0, int k1, int threshold, float scale, int first, float[] x, int xo, float[] mask, int mo,
                      float[] out, int oo, int n) {
        IntVector lanes = IntVector.zero(I).addIndex(1);
        FloatVector keep = FloatVector.broadcast(F, scale);
        FloatVector zero = FloatVector.zero(F);
        int i = 0;
        for (int up = F.loopBound(n); i < up; i += L) {
            IntVector h = lanes.add(first + i + k0);
            h = mix(h).lanewise(VectorOperators.XOR, k1);
            h = mix(h).lanewise(VectorOperators.LSHR, 32 - DropoutKernels.BITS);
            VectorMask<Float> drop = h.compare(VectorOperators.LT, threshold).cast(F);
            FloatVector m = keep.blend(zero, drop);
            if (mask != null) {
                m.intoArray(mask, mo + i);
            }
            if (x != null) {
                FloatVector.fromArray(F, x, xo + i).mul(m).intoArray(out, oo + i);
            }
        }
        DropoutReference.apply(k0, k1, threshold, scale, first + i, x, xo + i, mask, mo + i, out, oo + i, n - i);
    }

    private static IntVector mix(IntVector h) {
        h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 16));
        h = h.mul(0x7feb352d);
        h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 15));
        h = h.mul(0x846ca68b);
        return h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 16));
    }
}
