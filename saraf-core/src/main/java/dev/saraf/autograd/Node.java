package dev.saraf.autograd;

import dev.saraf.tensor.Tensor;

/**
 * One recorded op in the graph: its name, its inputs and its backward function. A node is released
 * (inputs and function dropped) after backward unless the graph is retained.
 */
public final class Node {
    private final String op;
    private Tensor[] inputs;
    private Backward backward;

    /** Records {@code op} applied to {@code inputs}. */
    public Node(String op, Backward backward, Tensor... inputs) {
        this.op = op;
        this.backward = backward;
        this.inputs = inputs;
    }

    /** The op's name, for error messages and graph printing. */
    public String op() {
        return op;
    }

    /** True once backward has run through this node without retaining the graph. */
    public boolean released() {
        return backward == null;
    }

    Tensor[] inputs() {
        return inputs;
    }

    Tensor[] apply(Tensor gradOutput) {
        if (backward == null) {
            throw new IllegalStateException("backward through '" + op + "' a second time: its graph was freed by the first "
                    + "backward; call backward(grad, true) to retain the graph");
        }
        return backward.apply(gradOutput);
    }

    void release() {
        inputs = null;
        backward = null;
    }

    @Override
    public String toString() {
        return op + "Backward";
    }
}
