package dev.saraf.tensor;

import java.util.List;

/** Rows of the shared op table for the LinearAlgebra ops (see {@link DifferentiableOpsTest}). */
final class LinearAlgebraCases {
    private LinearAlgebraCases() {}

    static List<OpCase> cases() {
        return List.of();
    }
}
