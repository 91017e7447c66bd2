package dev.saraf.tensor;

import java.util.List;

/** Rows of the shared op table for the Reduction ops (see {@link DifferentiableOpsTest}). */
final class ReductionCases {
    private ReductionCases() {}

    static List<OpCase> cases() {
        return List.of();
    }
}
