package dev.saraf.tensor;

import java.util.List;

/** Rows of the shared op table for the Pooling ops (see {@link DifferentiableOpsTest}). */
final class PoolingCases {
    private PoolingCases() {}

    static List<OpCase> cases() {
        return List.of();
    }
}
