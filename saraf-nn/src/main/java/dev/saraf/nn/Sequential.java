package dev.saraf.nn;

import dev.saraf.autograd.Engine;
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
 * <p>A Sequential of saraf's own layers without forward hooks recycles the arrays of its
 * intermediate activations, and of their gradients, through a per-thread {@link ActivationPool}.
 * Without gradients ({@link NoGrad}) an activation is dead once the next layer has made its output,
 * and the next forward's layers write into it instead of a new array. With gradients it is dead
 * once backward has run through the op that made it ({@link Engine#recycleAfterBackward}), and the
 * gradients that flow through the layers' ops are given back as soon as they are consumed: a W-CNN
 * training step allocated 50 MB of new arrays without this, which the JVM zeroed on the calling
 * thread and collected every step. The output returned is never one the pool reuses, nor is an
 * input.
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
        if (!recyclable(this)) {
            return run(input, false);
        }
        if (ActivationPool.active()) {
            return run(input, true); // inside an outer Sequential's pool
        }
        return pools.get().use(() -> run(input, true));
    }

    /**
     * Runs the layers; with {@code recycle}, the array of each layer's output is recycled once the
     * next layer has made its own output in another array (a view such as Flatten's shares its
     * input's array, which then lives on): without gradients it is given back to the activation
     * pool in scope at once, with gradients after backward has run through the op that made it.
     */
    private Tensor run(Tensor input, boolean recycle) {
        boolean training = NoGrad.isGradEnabled();
        Tensor x = input;
        Tensor owner = input; // the tensor whose op made x's array (x may be a view of it)
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
            if (in.data() == x.data()) {
                continue;
            }
            if (recycle && in.data() != input.data()) {
                if (training) {
                    Engine.recycleAfterBackward(owner);
                } else {
                    ActivationPool.release(in.data());
                }
            }
            owner = x;
        }
        return x;
    }

    /** Floats the calling thread's pool holds for reuse (for tests and diagnostics). */
    long pooledFloats() {
        return pools.get().heldFloats();
    }

    /** Ints the calling thread's pool holds for reuse (for tests and diagnostics). */
    long pooledInts() {
        return pools.get().heldInts();
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
