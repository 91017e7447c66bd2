package dev.saraf.tensor;

/** Activation functions; each op's backward beside its forward. */
public final class Activations {
    private Activations() {}

    public static Tensor relu(Tensor x) { throw todo("relu"); }
    public static Tensor leakyRelu(Tensor x, float slope) { throw todo("leakyRelu"); }
    public static Tensor elu(Tensor x, float alpha) { throw todo("elu"); }
    public static Tensor gelu(Tensor x) { throw todo("gelu"); }
    public static Tensor sigmoid(Tensor x) { throw todo("sigmoid"); }
    public static Tensor tanh(Tensor x) { throw todo("tanh"); }
    public static Tensor softmax(Tensor x, int axis) { throw todo("softmax"); }
    public static Tensor logSoftmax(Tensor x, int axis) { throw todo("logSoftmax"); }

    private static UnsupportedOperationException todo(String op) {
        return new UnsupportedOperationException(op + " is not implemented yet");
    }
}
