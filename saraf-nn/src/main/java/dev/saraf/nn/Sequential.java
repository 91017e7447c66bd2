package dev.saraf.nn;

import dev.saraf.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Layers applied one after another; they are registered as children {@code "0"}, {@code "1"}, ...
 * so their parameters are named {@code 0.weight}, {@code 2.bias} as in PyTorch. Shapes are those
 * of the first layer's input and the last layer's output.
 */
public final class Sequential extends Module {
    private final List<Module> layers = new ArrayList<>();

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
        Tensor x = input;
        for (int i = 0; i < layers.size(); i++) {
            Module m = layers.get(i);
            if (i + 1 < layers.size() && layers.get(i + 1) instanceof ReLU relu && !m.hasHooks() && !relu.hasHooks()) {
                if (m instanceof Conv2d conv && i + 2 < layers.size() && layers.get(i + 2) instanceof MaxPool2d pool
                        && !pool.hasHooks()) {
                    Tensor in = x;
                    try {
                        x = conv.forwardReluMaxPool(x, pool);
                    } catch (LayerException e) {
                        x = pool.forward(relu.forward(conv.forward(in))); // throws, naming the layer at fault
                    }
                    i += 2;
                    continue;
                }
                if (m instanceof Conv2d conv) {
                    x = conv.forwardRelu(x);
                    i++;
                    continue;
                }
                if (m instanceof Linear linear) {
                    x = linear.forwardRelu(x);
                    i++;
                    continue;
                }
            }
            x = m.forward(x);
        }
        return x;
    }
}
