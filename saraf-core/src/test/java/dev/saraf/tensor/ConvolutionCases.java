package dev.saraf.tensor;

import java.util.List;

/** Rows of the shared op table for the Convolution ops (see {@link DifferentiableOpsTest}). */
final class ConvolutionCases {
    private ConvolutionCases() {}

    static List<OpCase> cases() {
        return List.of();
    }
}
