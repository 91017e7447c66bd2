package dev.saraf.nn;

import dev.saraf.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A piece of a network: it owns parameters (tensors that training changes), buffers (state that is
 * saved but not trained, such as batch-norm running statistics) and child modules, all registered
 * explicitly and in order, so that their dotted names ({@code features.0.weight}) are stable and
 * match PyTorch's.
 *
 * <p>A custom module registers what it owns in its constructor and writes its computation in
 * {@link #compute(Tensor)}; callers use {@link #forward(Tensor)}, which also runs the forward hooks:
 *
 * <pre>{@code
 * final class TwoLayer extends Module {
 *     private final Linear hidden;
 *     private final Linear out;
 *
 *     TwoLayer(int in, int width, int classes, RandomGenerator rng) {
 *         hidden = registerModule("hidden", new Linear(in, width, rng));
 *         out = registerModule("out", new Linear(width, classes, rng));
 *     }
 *
 *     protected Tensor compute(Tensor x) {          // [N, in] -> [N, classes]
 *         return out.forward(hidden.forward(x).relu());
 *     }
 * }
 * }</pre>
 *
 * <p>Parameters are plain {@link Tensor}s with {@code requiresGrad} set, so
 * {@link #parameters()} goes straight to an optimiser; freezing one is
 * {@code requiresGrad(false)}. Loading a state dict copies values into the existing tensors, so
 * references held by an optimiser stay valid. A module is not safe for concurrent training; in
 * {@link #eval()} mode without hooks, concurrent forwards are fine for the built-in layers.
 */
public abstract class Module {
    private final LinkedHashMap<String, Tensor> parameters = new LinkedHashMap<>();
    private final LinkedHashMap<String, Tensor> buffers = new LinkedHashMap<>();
    private final LinkedHashMap<String, Module> children = new LinkedHashMap<>();
    private final List<ForwardHook> hooks = new ArrayList<>(0);
    private boolean training = true;

    /** A module in training mode, owning nothing yet. */
    protected Module() {}

    // ---------------------------------------------------------------- computation

    /**
     * Runs {@link #compute(Tensor)} on {@code input}, then the forward hooks; shapes are the layer's.
     * Bad input surfaces as a {@link LayerException} naming the path of the layer that rejected it.
     */
    public final Tensor forward(Tensor input) {
        Tensor output = attributed(() -> compute(input));
        if (!hooks.isEmpty()) {
            for (ForwardHook hook : List.copyOf(hooks)) {
                hook.afterForward(this, input, output);
            }
        }
        return output;
    }

    /** Runs {@code body} as this module's computation: a bad input is reported as this layer's error. */
    final Tensor attributed(java.util.function.Supplier<Tensor> body) {
        try {
            return body.get();
        } catch (LayerException e) {
            throw e.within(this);
        } catch (IllegalArgumentException e) {
            throw new LayerException(this, e);
        }
    }

    /** Whether forward hooks are registered on this module (a fused forward would skip them). */
    final boolean hasHooks() {
        return !hooks.isEmpty();
    }

    /** The module's computation; call {@link #forward(Tensor)} rather than this, so hooks run. */
    protected abstract Tensor compute(Tensor input);

    /** Adds a hook called after every forward of this module (not of its children). */
    public final void addForwardHook(ForwardHook hook) {
        hooks.add(java.util.Objects.requireNonNull(hook, "hook"));
    }

    /** Removes a hook added before; returns whether it was there. */
    public final boolean removeForwardHook(ForwardHook hook) {
        return hooks.remove(hook);
    }

    // ---------------------------------------------------------------- registration

    /**
     * Registers a trainable tensor under {@code name} (no dots), marks it {@code requiresGrad} and
     * returns it, so a constructor can write {@code weight = registerParameter("weight", w)}.
     */
    protected final Tensor registerParameter(String name, Tensor parameter) {
        checkName(name);
        if (!parameter.isLeaf()) {
            throw new IllegalArgumentException(typeName() + ": parameter '" + name + "' must be a leaf tensor (use detach())");
        }
        parameter.requiresGrad(true);
        parameters.put(name, parameter);
        return parameter;
    }

    /** Registers a saved but untrained tensor (running statistics, counters) and returns it. */
    protected final Tensor registerBuffer(String name, Tensor buffer) {
        checkName(name);
        buffers.put(name, java.util.Objects.requireNonNull(buffer, "buffer"));
        return buffer;
    }

    /** Registers a child module under {@code name} and returns it. */
    protected final <M extends Module> M registerModule(String name, M module) {
        checkName(name);
        if (module == this) {
            throw new IllegalArgumentException(typeName() + ": a module cannot be its own child ('" + name + "')");
        }
        children.put(name, java.util.Objects.requireNonNull(module, "module"));
        return module;
    }

    private void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(typeName() + ": name '" + name + "' must be non-empty and contain no '.'");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(typeName() + ": name '" + name + "' is already registered");
        }
    }

    // ---------------------------------------------------------------- queries

    /** Every trainable tensor of this module and its descendants, in registration order, each once. */
    public final List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Parameters by dotted name, in registration order; a tensor shared by two modules appears once. */
    public final LinkedHashMap<String, Tensor> namedParameters() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        IdentityHashMap<Tensor, Boolean> seen = new IdentityHashMap<>();
        for (Map.Entry<String, Module> e : namedModules().entrySet()) {
            String prefix = e.getKey().isEmpty() ? "" : e.getKey() + ".";
            for (Map.Entry<String, Tensor> p : e.getValue().parameters.entrySet()) {
                if (seen.put(p.getValue(), Boolean.TRUE) == null) {
                    out.put(prefix + p.getKey(), p.getValue());
                }
            }
        }
        return out;
    }

    /** Buffers by dotted name, in registration order. */
    public final LinkedHashMap<String, Tensor> namedBuffers() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Module> e : namedModules().entrySet()) {
            String prefix = e.getKey().isEmpty() ? "" : e.getKey() + ".";
            e.getValue().buffers.forEach((k, v) -> out.put(prefix + k, v));
        }
        return out;
    }

    /** The direct children by name, in registration order (read-only). */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** This module (named {@code ""}) and every descendant by dotted path, depth first, in order. */
    public final LinkedHashMap<String, Module> namedModules() {
        LinkedHashMap<String, Module> out = new LinkedHashMap<>();
        collect("", this, out, new IdentityHashMap<>());
        return out;
    }

    private static void collect(String path, Module m, Map<String, Module> out, IdentityHashMap<Module, Boolean> onPath) {
        if (onPath.put(m, Boolean.TRUE) != null) {
            throw new IllegalStateException("module tree has a cycle at '" + path + "'");
        }
        out.put(path, m);
        for (Map.Entry<String, Module> c : m.children.entrySet()) {
            collect(path.isEmpty() ? c.getKey() : path + "." + c.getKey(), c.getValue(), out, onPath);
        }
        onPath.remove(m);
    }

    /** Number of parameter elements (trainable or frozen), shared tensors counted once. */
    public final long parameterCount() {
        long n = 0;
        for (Tensor p : parameters()) {
            n += p.numel();
        }
        return n;
    }

    /** Clears the gradient of every parameter. */
    public final void zeroGrad() {
        for (Tensor p : parameters()) {
            p.setGrad(null);
        }
    }

    // ---------------------------------------------------------------- modes

    /** Puts this module and its descendants in training mode; returns this. */
    public final Module train() {
        return train(true);
    }

    /** Puts this module and its descendants in evaluation mode (dropout off, running statistics used). */
    public final Module eval() {
        return train(false);
    }

    /** Sets training mode on this module and its descendants; returns this. */
    public final Module train(boolean on) {
        for (Module m : namedModules().values()) {
            m.training = on;
        }
        return this;
    }

    /** Sets this module's mode alone (not its children's): restores modes after a summary. */
    final void setOwnTraining(boolean on) {
        training = on;
    }

    /** True in training mode. */
    public final boolean isTraining() {
        return training;
    }

    // ---------------------------------------------------------------- state

    /**
     * Parameters and buffers by dotted name: each module's own parameters, then its buffers, then
     * its children's, as PyTorch orders them. The tensors share storage with the module (detached
     * from the graph); {@code copy()} them for a snapshot.
     */
    public final LinkedHashMap<String, Tensor> stateDict() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Module> e : namedModules().entrySet()) {
            String prefix = e.getKey().isEmpty() ? "" : e.getKey() + ".";
            e.getValue().parameters.forEach((k, v) -> out.put(prefix + k, v.detach()));
            e.getValue().buffers.forEach((k, v) -> out.put(prefix + k, v.detach()));
        }
        return out;
    }

    /** {@link #loadStateDict(Map, boolean)} with {@code strict = true}. */
    public final StateDictLoad loadStateDict(Map<String, Tensor> state) {
        return loadStateDict(state, true);
    }

    /**
     * Copies values from {@code state} into this module's parameters and buffers. Every problem is
     * found before anything is written, and all are named in one error: a shape mismatch always
     * fails; missing and unexpected names fail when {@code strict} and are reported otherwise.
     */
    public final StateDictLoad loadStateDict(Map<String, Tensor> state, boolean strict) {
        LinkedHashMap<String, Tensor> own = stateDict();
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Tensor given = state.get(e.getKey());
            if (given == null) {
                missing.add(e.getKey());
            } else if (!given.shape().equals(e.getValue().shape())) {
                mismatched.add(e.getKey() + " expects " + e.getValue().shape() + ", got " + given.shape());
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String k : state.keySet()) {
            if (!own.containsKey(k)) {
                unexpected.add(k);
            }
        }
        if (!mismatched.isEmpty() || (strict && (!missing.isEmpty() || !unexpected.isEmpty()))) {
            StringBuilder sb = new StringBuilder("loadStateDict into " + typeName() + " failed, nothing was loaded:");
            if (!missing.isEmpty() && strict) {
                sb.append("\n  missing: ").append(String.join(", ", missing));
            }
            if (!unexpected.isEmpty() && strict) {
                sb.append("\n  unexpected: ").append(String.join(", ", unexpected));
            }
            for (String m : mismatched) {
                sb.append("\n  shape mismatch: ").append(m);
            }
            throw new IllegalArgumentException(sb.toString());
        }
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Tensor given = state.get(e.getKey());
            if (given != null) {
                e.getValue().copy_(given);
            }
        }
        return new StateDictLoad(missing, unexpected);
    }

    // ---------------------------------------------------------------- description

    /**
     * A table of every module (path, type, output shape, parameter count) and the totals, found by
     * running one forward on zeros of {@code inputShape} (batch axis included, e.g.
     * {@code summary(1, 784)}) in eval mode without recording a graph; modes are restored after.
     */
    public final Summary summary(int... inputShape) {
        return Summary.of(this, inputShape);
    }

    /**
     * The layer's configuration as a JSON-able map beginning with {@code "type"} (numbers, booleans,
     * strings, lists, maps), from which {@link Architecture#build} rebuilds it; {@code null} for
     * modules that cannot be rebuilt from a description (custom modules, unless they override it
     * and are given a factory).
     */
    protected Map<String, Object> config() {
        return null;
    }

    /** The text inside the parentheses of {@link #toString()}; by default the {@link #config()} entries. */
    protected String extraRepr() {
        Map<String, Object> c = config();
        if (c == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : c.entrySet()) {
            if (e.getKey().equals("type") || e.getValue() instanceof List<?> || e.getValue() instanceof Map<?, ?>) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    /** The class's simple name (of its superclass for anonymous classes). */
    public String typeName() {
        Class<?> c = getClass();
        while (c.getSimpleName().isEmpty()) {
            c = c.getSuperclass();
        }
        return c.getSimpleName();
    }

    /** A tree like PyTorch's: {@code Sequential(\n  (0): Linear(in=2, out=3, bias=true)\n)}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        appendTree(sb, "");
        return sb.toString();
    }

    private void appendTree(StringBuilder sb, String indent) {
        sb.append(typeName()).append('(').append(extraRepr());
        if (!children.isEmpty()) {
            sb.append('\n');
            for (Map.Entry<String, Module> c : children.entrySet()) {
                sb.append(indent).append("  (").append(c.getKey()).append("): ");
                c.getValue().appendTree(sb, indent + "  ");
                sb.append('\n');
            }
            sb.append(indent);
        }
        sb.append(')');
    }
}
