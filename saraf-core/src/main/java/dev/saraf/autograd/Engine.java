package dev.saraf.autograd;

import dev.saraf.tensor.ActivationPool;
import dev.saraf.tensor.Shape;
import dev.saraf.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs backward passes: sorts the graph behind a tensor iteratively (an explicit stack, no
 * recursion) and applies each node's backward in reverse topological order, summing gradients
 * where a tensor feeds several ops and accumulating ({@code +=}) into leaves.
 */
public final class Engine {
    private Engine() {}

    /**
     * Back-propagates {@code grad} (the gradient of some scalar with respect to {@code root}) into
     * every leaf that requires a gradient.
     *
     * @param retainGraph keep the graph so that backward may run through it again
     */
    public static void backward(Tensor root, Tensor grad, boolean retainGraph) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward on a tensor that does not require grad: no input of the ops that made it "
                    + "requires grad (set requiresGrad(true) on the leaves, and do not call backward inside NoGrad)");
        }
        if (!grad.shape().equals(root.shape())) {
            throw new IllegalArgumentException("backward: gradient shape " + grad.shape() + " does not match tensor shape " + root.shape());
        }
        try (NoGrad ignored = NoGrad.enter()) {
            Node rootNode = root.gradFn();
            if (rootNode == null) {
                root.accumulateGrad(grad);
                return;
            }
            List<Node> order = topologicalOrder(rootNode);
            Map<Node, Tensor> pending = new IdentityHashMap<>();
            // how many pending gradients hold each array: one a node has consumed is dead only if none does
            Map<float[], Integer> held = new IdentityHashMap<>();
            pending.put(rootNode, grad);
            hold(held, grad.data(), 1);
            for (Node node : order) {
                Tensor g = pending.remove(node);
                Tensor[] inputs = node.inputs();
                if (g == null) {
                    continue; // unreachable in practice: every node in order lies on a path from the root
                }
                hold(held, g.data(), -1);
                Tensor[] grads = node.apply(g);
                if (grads.length != inputs.length) {
                    throw new IllegalStateException(node + " returned " + grads.length + " gradients for " + inputs.length + " inputs");
                }
                for (int i = 0; i < inputs.length; i++) {
                    Tensor in = inputs[i];
                    Tensor gi = grads[i];
                    if (in == null || gi == null || !in.requiresGrad()) {
                        continue;
                    }
                    checkShape(node, i, in.shape(), gi.shape());
                    Node producer = in.gradFn();
                    if (producer == null) {
                        in.accumulateGrad(handOver(gi, g, grads, i));
                    } else {
                        Tensor before = pending.get(producer);
                        Tensor now = before == null ? gi : plus(before, gi);
                        pending.put(producer, now);
                        if (before != null) {
                            hold(held, before.data(), -1);
                        }
                        hold(held, now.data(), 1);
                    }
                }
                ActivationPool pool = node.pool();
                if (pool != null) {
                    if (g != grad) {
                        recycle(pool, g.data(), held, grads);
                    }
                    if (!retainGraph) {
                        recycle(pool, node.madeToRecycle(), held, grads);
                        pool.recycle(node.savedToRecycle());
                    }
                }
                if (!retainGraph) {
                    node.release();
                }
            }
        }
    }

    /**
     * Asks that the array of {@code output}, an intermediate activation no one else references
     * (those of a {@code Sequential} of saraf's own layers), be given back to the activation pool
     * in scope when it was recorded, once the op that made it has run its backward: by then every
     * op that read it, through views too, has run its own, as they come first in the reverse
     * topological order. Nothing happens when the graph is retained, when no pool was in scope, or
     * when {@code output}'s array was not made by its op (a view of an input's array).
     */
    public static void recycleAfterBackward(Tensor output) {
        Node node = output.gradFn();
        if (node != null) {
            node.recycleMadeAfterBackward(output.data());
        }
    }

    /**
     * Asks that {@code saved}, an array the op that made {@code output} keeps for its backward
     * alone (a max pooling's argmax), be given back to the activation pool in scope when it was
     * recorded, once that backward has run. Nothing happens when the graph is retained or when no
     * pool was in scope.
     */
    public static void recycleSavedAfterBackward(Tensor output, int[] saved) {
        Node node = output.gradFn();
        if (node != null && saved != null) {
            node.recycleSavedAfterBackward(saved);
        }
    }

    /** Gives {@code array} back to {@code pool} unless a pending gradient or one just returned still holds it. */
    private static void recycle(ActivationPool pool, float[] array, Map<float[], Integer> held, Tensor[] grads) {
        if (array == null || held.containsKey(array)) {
            return;
        }
        for (Tensor gi : grads) {
            if (gi != null && gi.data() == array) {
                return;
            }
        }
        pool.recycle(array);
    }

    private static void hold(Map<float[], Integer> held, float[] array, int change) {
        int n = held.getOrDefault(array, 0) + change;
        if (n > 0) {
            held.put(array, n);
        } else {
            held.remove(array);
        }
    }

    /**
     * {@code gi} as a leaf may keep it ({@link Tensor#wrapFresh}), unless the node passed its own
     * incoming gradient through or gave the same tensor to another input too (addition gives
     * {@code g} to both): then a view, which the leaf copies, so that no gradient array ends up
     * both a leaf's gradient and another input's.
     */
    private static Tensor handOver(Tensor gi, Tensor g, Tensor[] grads, int i) {
        boolean shared = gi == g;
        for (int j = 0; j < grads.length && !shared; j++) {
            shared = j != i && grads[j] == gi;
        }
        return shared ? Tensor.wrap(gi.data(), gi.shape()) : gi;
    }

    /** Sum of two gradients of one shape, as a new tensor (neither operand is changed: either may be shared). */
    private static Tensor plus(Tensor a, Tensor b) {
        float[] x = a.data();
        float[] y = b.data();
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = x[i] + y[i];
        }
        return Tensor.wrapFresh(out, a.shape());
    }

    private static void checkShape(Node node, int input, Shape expected, Shape actual) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException(node + " produced a gradient of shape " + actual + " for input " + input
                    + " of shape " + expected);
        }
    }

    /** Nodes reachable from {@code root}, each after every node that consumes its output. */
    static List<Node> topologicalOrder(Node root) {
        // iterative post-order DFS, then reversed
        List<Node> post = new ArrayList<>();
        Map<Node, Boolean> visited = new IdentityHashMap<>();
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        visited.put(root, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Node node = (Node) frame[0];
            int next = (Integer) frame[1];
            Tensor[] inputs = node.inputs();
            if (inputs == null) {
                throw new IllegalStateException("backward through '" + node.op() + "' a second time: its graph was freed by the "
                        + "first backward; call backward(grad, true) to retain the graph");
            }
            boolean pushed = false;
            while (next < inputs.length) {
                Tensor in = inputs[next++];
                Node child = in == null ? null : in.gradFn();
                if (child != null && in.requiresGrad() && visited.put(child, Boolean.TRUE) == null) {
                    frame[1] = next;
                    stack.push(new Object[] {child, 0});
                    pushed = true;
                    break;
                }
            }
            if (!pushed) {
                frame[1] = next;
                stack.pop();
                post.add(node);
            }
        }
        List<Node> order = new ArrayList<>(post.size());
        for (int i = post.size() - 1; i >= 0; i--) {
            order.add(post.get(i));
        }
        return order;
    }
}
