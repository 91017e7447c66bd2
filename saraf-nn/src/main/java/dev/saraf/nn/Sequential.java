package dev.saraf.nn;

import dev.saraf.autograd.NoGrad;
import dev.saraf.tensor.ActivationPool;
import dev.saraf.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Layers applied one after another; they are registered as children {@code "0"}, {@code "1"}, ...
 * so their parameters are named {@code 0.weight}, {@code 2.bias} as in PyTorch. Shapes are those
 * of the first layer's input and the last layer's output.
 *
 * <p>Without gradients ({@link NoGrad}), a Sequential of saraf's own layers without forward hooks
 * recycles the arrays of its intermediate activations through a per-thread {@link ActivationPool}:
 * an activation is dead once the next layer has made its output, and the next forward's layers
 * write into it instead of a new array. The output returned is never one the pool reuses.
 */
public final class Sequential extends Module {
    private final List<Module> layers = new ArrayList<>();
    /** Each thread's pool for the intermediate activations of a forward without gradients. */
    private final ThreadLocal<ActivationPool> pools = ThreadLocal.withInitial(ActivationPool::new);

    /** The given layers, in order. */
    public Sequential(Module... layers) {
        for (Module m : layers) {
            add(m);
        }
    }

    /** Appends a layer (named by its index); returns this. */
    public Sequential add(Module layer) {
        layers.add(registerModule(Integer.toString(layers.size()), layer));
        return this;
    }

    /** The layer at {@code index}. */
    public Module get(int index) {
        if (index < 0 || index >= layers.size()) {
            throw new IndexOutOfBoundsException("Sequential: layer " + index + " of " + layers.size());
        }
        return layers.get(index);
    }

    /** Number of layers. */
    public int size() {
        return layers.size();
    }

    /** The layers, in order (read-only). */
    public List<Module> layers() {
        return List.copyOf(layers);
    }

    /**
     * Runs the layers in order. A {@link Conv2d} or {@link Linear} directly followed by a
     * {@link ReLU}, neither with forward hooks, runs as one fused op with identical results
     * ({@link Conv2d#forwardRelu}, {@link Linear#forwardRelu}), and so does a Conv2d, a ReLU and a
     * {@link MaxPool2d} in a row ({@link Conv2d#forwardReluMaxPool}). Should a fused op reject
     * its input, the layers run again one by one, so that the error names the layer at fault.
     */
    @Override
    protected Tensor compute(Tensor input) {
        if (NoGrad.isGradEnabled() || !recyclable(this)) {
            return run(input, false);
        }
        if (ActivationPool.active()) {
            return run(input, true); // inside an outer Sequential's pool
        }
        return pools.get().use(() -> run(input, true));
    }

    /**
     * Runs the layers; with {@code recycle}, each layer's output is given back to the activation
     * pool in scope once the next layer has made its own output in another array (a view such
     * as Flatten's shares its input's array, which then lives on).
     */
    private Tensor run(Tensor input, boolean recycle) {
        Tensor x = input;
        for (int i = 0; i < layers.size(); ) {
            Tensor in = x;
            Module m = layers.get(i);
            int used = 1;
            if (i + 1 < layers.size() && layers.get(i + 1) instanceof ReLU relu && !m.hasHooks() && !relu.hasHooks()) {
                if (m instanceof Conv2d conv && i + 2 < layers.size() && layers.get(i + 2) instanceof MaxPool2d pool
                        && !pool.hasHooks()) {
                    try {
                        x = conv.forwardReluMaxPool(x, pool);
                    } catch (LayerException e) {
                        x = pool.forward(relu.forward(conv.forward(in))); // throws, naming the layer at fault
                    }
                    used = 3;
                } else if (m instanceof Conv2d conv) {
                    x = conv.forwardRelu(x);
                    used = 2;
                } else if (m instanceof Linear linear) {
                    x = linear.forwardRelu(x);
                    used = 2;
                } else {
                    x = m.forward(x);
                }
            } else {
                x = m.forward(x);
            }
            i += used;
            if (recycle && in.data() != x.data() && in.data() != input.data()) {
                ActivationPool.release(in.data());
            }
        }
        return x;
    }

    /**
     * Whether intermediate activations may be recycled: saraf's own layers only, none with a
     * forward hook, at any depth. A hook may keep the tensors it sees, and so may a layer written
     * elsewhere; saraf's layers keep neither their inputs nor their outputs.
     */
    private static boolean recyclable(Module m) {
        if (m.hasHooks() || !m.getClass().getPackageName().equals(Sequential.class.getPackageName())) {
            return false;
        }
        for (Module child : m.children().values()) {
            if (!recyclable(child)) {
                return false;
            }
        }
        return true;
    }
}
