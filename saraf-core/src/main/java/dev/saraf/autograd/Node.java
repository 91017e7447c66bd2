package dev.saraf.autograd;

import dev.saraf.tensor.ActivationPool;
import dev.saraf.tensor.Tensor;

/**
 * One recorded op in the graph: its name, its inputs and its backward function. A node is released
 * (inputs and function dropped) after backward unless the graph is retained.
 *
 * <p>A node recorded while an {@link ActivationPool} was in scope (by saraf's own layers in a
 * {@code Sequential}) remembers that pool: its backward runs with the pool in scope, and the engine
 * gives back to it the gradient the node has consumed and, when asked ({@link
 * Engine#recycleAfterBackward}), the array the op made for its output.
 */
public final class Node {
    private final String op;
    private Tensor[] inputs;
    private Backward backward;
    private final ActivationPool pool;
    /** The output array when the op made it (null when the output is a view of an input's array). */
    private float[] made;
    private boolean recycleMade;
    /** An array the op keeps for its backward alone, to recycle once that has run. */
    private int[] saved;

    /** Records {@code op} applied to {@code inputs}. */
    public Node(String op, Backward backward, Tensor... inputs) {
        this(op, backward, null, inputs);
    }

    /** Records {@code op} applied to {@code inputs}, which gave {@code output} as its output's array. */
    public Node(String op, Backward backward, float[] output, Tensor[] inputs) {
        this.op = op;
        this.backward = backward;
        this.inputs = inputs;
        this.pool = ActivationPool.current();
        this.made = pool == null || sharesAnInput(output, inputs) ? null : output;
    }

    private static boolean sharesAnInput(float[] output, Tensor[] inputs) {
        for (Tensor in : inputs) {
            if (in != null && in.data() == output) {
                return true;
            }
        }
        return false;
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

    ActivationPool pool() {
        return pool;
    }

    /** Marks the op's own output array to be recycled once this node's backward has run, if {@code output} is it. */
    void recycleMadeAfterBackward(float[] output) {
        if (made != null && made == output) {
            recycleMade = true;
        }
    }

    /** Marks {@code array}, which the op keeps for its backward alone, to be recycled once that has run. */
    void recycleSavedAfterBackward(int[] array) {
        if (pool != null) {
            saved = array;
        }
    }

    /** The array the op kept for its backward, to recycle now that backward has run, or null. */
    int[] savedToRecycle() {
        return saved;
    }

    /** The output array to recycle now that backward has run through this node, or null. */
    float[] madeToRecycle() {
        return recycleMade ? made : null;
    }

    Tensor[] apply(Tensor gradOutput) {
        if (backward == null) {
            throw new IllegalStateException("backward through '" + op + "' a second time: its graph was freed by the first "
                    + "backward; call backward(grad, true) to retain the graph");
        }
        return pool == null ? backward.apply(gradOutput) : pool.use(() -> backward.apply(gradOutput));
    }

    void release() {
        inputs = null;
        backward = null;
        made = null;
        saved = null;
    }

    @Override
    public String toString() {
        return op + "Backward";
    }
}
