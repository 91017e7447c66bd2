package dev.saraf.nn.init;

/**
 * Which fan a variance-preserving initialiser scales by: {@code FAN_IN} keeps the variance of the
 * activations in the forward pass, {@code FAN_OUT} that of the gradients in the backward pass
 * (He et al. 2015, section 2.2).
 */
public enum FanMode {
    /** Inputs per output unit: {@code in * kh * kw} for a weight {@code [out, in, kh, kw]}. */
    FAN_IN,
    /** Outputs per input unit: {@code out * kh * kw}. */
    FAN_OUT
}
