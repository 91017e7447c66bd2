package dev.saraf.tensor;

import java.util.List;

/** Rows of the shared op table for the Movement ops (see {@link DifferentiableOpsTest}). */
final class MovementCases {
    private MovementCases() {}

    static List<OpCase> cases() {
        return List.of();
    }
}
