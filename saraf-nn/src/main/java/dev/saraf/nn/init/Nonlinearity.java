package dev.saraf.nn.init;

/**
 * The activation that follows a layer, which sets the gain of the initialisers (PyTorch's
 * {@code calculate_gain}): the factor that keeps the variance of signals steady through it.
 */
public enum Nonlinearity {
    /** Identity: gain 1. */
    LINEAR,
    /** Convolution without activation: gain 1. */
    CONV,
    /** Logistic sigmoid: gain 1. */
    SIGMOID,
    /** Hyperbolic tangent: gain 5/3. */
    TANH,
    /** ReLU: gain sqrt(2), as He et al. (2015) derive. */
    RELU,
    /** Leaky ReLU with negative slope {@code a}: gain sqrt(2 / (1 + a^2)). */
    LEAKY_RELU,
    /** SELU: gain 3/4. */
    SELU;

    /** The gain; {@code negativeSlope} matters only for {@link #LEAKY_RELU}. */
    public double gain(double negativeSlope) {
        return switch (this) {
            case LINEAR, CONV, SIGMOID -> 1.0;
            case TANH -> 5.0 / 3.0;
            case RELU -> Math.sqrt(2.0);
            case LEAKY_RELU -> Math.sqrt(2.0 / (1 + negativeSlope * negativeSlope));
            case SELU -> 0.75;
        };
    }
}
