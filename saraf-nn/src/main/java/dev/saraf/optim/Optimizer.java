package dev.saraf.optim;

import dev.saraf.autograd.NoGrad;
import dev.saraf.kernels.Parallel;
import dev.saraf.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Updates parameters in place from their gradients: {@code zeroGrad(); loss.backward(); step();}.
 *
 * <p>Each parameter has its own step count and named state buffers of its shape (e.g. Adam's
 * {@code exp_avg}), created on its first update. A parameter whose gradient is {@code null} is
 * skipped, as in PyTorch. Updates run under {@link NoGrad}, in place on {@link Tensor#data()},
 * elementwise and therefore bit-identical for any thread count.
 *
 * <p>{@link #stateDict()} holds the learning rate, the hyperparameters, and per parameter
 * {@code i}: the value {@code state.i.step} and the tensors {@code state.i.<buffer>}. Loading it
 * into an optimiser of the same kind and options over parameters of the same shapes continues
 * training bit for bit.
 */
public abstract class Optimizer {
    /** Elements per parallel chunk: below this, fanning out costs more than it saves. */
    private static final int GRAIN = 1 << 15;

    private final String name;
    private final List<Tensor> params;
    private final long[] steps;
    private final List<Map<String, float[]>> buffers;
    private float lr;

    /**
     * @param name   the optimiser's name for messages ({@code "Adam"})
     * @param params the tensors to update, each requiring grad, no duplicates
     * @param lr     the initial learning rate
     */
    protected Optimizer(String name, List<Tensor> params, float lr) {
        this.name = name;
        if (params == null || params.isEmpty()) {
            throw new IllegalArgumentException(name + ": needs at least one parameter, got none");
        }
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (p == null) {
                throw new IllegalArgumentException(name + ": parameter " + i + " is null");
            }
            if (!p.requiresGrad()) {
                throw new IllegalArgumentException(name + ": parameter " + i + " (shape " + p.shape()
                        + ") does not require grad; call requiresGrad(true) or leave it out");
            }
            if (!seen.add(p)) {
                throw new IllegalArgumentException(name + ": parameter " + i + " appears more than once");
            }
        }
        this.params = List.copyOf(params);
        this.steps = new long[params.size()];
        this.buffers = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            buffers.add(new LinkedHashMap<>());
        }
        setLr(lr);
    }

    /** The parameters, in the order given. */
    public final List<Tensor> params() {
        return params;
    }

    /** The current learning rate. */
    public final float lr() {
        return lr;
    }

    /** Sets the learning rate (schedules call this); must be finite and {@code >= 0}. */
    public final void setLr(float lr) {
        if (!(lr >= 0) || !Float.isFinite(lr)) {
            throw new IllegalArgumentException(name + ": learning rate must be finite and >= 0, got " + lr);
        }
        this.lr = lr;
    }

    /** Clears every parameter's gradient (sets it to {@code null}, as PyTorch's default). */
    public final void zeroGrad() {
        for (Tensor p : params) {
            p.setGrad(null);
        }
    }

    /** Number of updates parameter {@code index} has received. */
    public final long step(int index) {
        return steps[index];
    }

    /** Applies one update to every parameter that has a gradient. */
    public final void step() {
        try (var _ = NoGrad.enter()) {
            for (int i = 0; i < params.size(); i++) {
                Tensor p = params.get(i);
                Tensor g = p.grad();
                if (g == null) {
                    continue;
                }
                Map<String, float[]> state = buffers.get(i);
                if (state.isEmpty()) {
                    for (String b : bufferNames()) {
                        float[] buf = new float[p.numel()];
                        java.util.Arrays.fill(buf, initialValue(b));
                        state.put(b, buf);
                    }
                }
                long t = ++steps[i];
                float[] param = p.data();
                float[] grad = g.data();
                int index = i;
                Parallel.forRange(param.length, GRAIN, (from, to) -> update(index, t, param, grad, from, to));
            }
        }
    }

    /**
     * Updates elements {@code [from, to)} of parameter {@code index}, at its step {@code t}
     * (1 for the first update). Called concurrently on disjoint ranges.
     */
    protected abstract void update(int index, long t, float[] param, float[] grad, int from, int to);

    /** Names of the per-parameter buffers this optimiser keeps (possibly none). */
    protected abstract List<String> bufferNames();

    /** The value a new buffer starts with. */
    protected float initialValue(String buffer) {
        return 0f;
    }

    /** The hyperparameters other than the learning rate, as exact strings, for the state dict. */
    protected abstract Map<String, String> hyperparameters();

    /** Buffer {@code buffer} of parameter {@code index} (exists once the parameter has been stepped). */
    protected final float[] buffer(int index, String buffer) {
        return buffers.get(index).get(buffer);
    }

    /** A snapshot (copies) of the learning rate, hyperparameters, step counts and buffers. */
    public final StateDict stateDict() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("type", name);
        values.put("lr", Float.toString(lr));
        values.putAll(hyperparameters());
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            if (steps[i] == 0) {
                continue;
            }
            values.put("state." + i + ".step", Long.toString(steps[i]));
            for (Map.Entry<String, float[]> b : buffers.get(i).entrySet()) {
                tensors.put("state." + i + "." + b.getKey(), Tensor.wrap(b.getValue().clone(), params.get(i).shape()));
            }
        }
        return new StateDict(tensors, values);
    }

    /**
     * Restores a {@link #stateDict()}: checks the type and hyperparameters match this optimiser's,
     * that every key is known and every tensor has its parameter's shape, then copies the state in
     * and sets the learning rate. On any error nothing is changed.
     */
    public final void loadStateDict(StateDict state) {
        Set<String> unused = new TreeSet<>(state.tensors().keySet());
        unused.addAll(state.values().keySet());
        String type = state.value(name, "type");
        if (!type.equals(name)) {
            throw new IllegalArgumentException(name + ".loadStateDict: the state is of a " + type + " optimiser");
        }
        unused.remove("type");
        double savedLr = state.doubleValue(name, "lr");
        unused.remove("lr");
        for (Map.Entry<String, String> h : hyperparameters().entrySet()) {
            state.requireValue(name, h.getKey(), h.getValue());
            unused.remove(h.getKey());
        }
        long[] newSteps = new long[params.size()];
        List<Map<String, float[]>> newBuffers = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            String prefix = "state." + i + ".";
            Map<String, float[]> b = new LinkedHashMap<>();
            if (state.values().containsKey(prefix + "step")) {
                newSteps[i] = state.longValue(name, prefix + "step");
                if (newSteps[i] < 1) {
                    throw new IllegalArgumentException(name + ".loadStateDict: value \"" + prefix + "step\" must be >= 1, got "
                            + newSteps[i]);
                }
                unused.remove(prefix + "step");
                for (String buffer : bufferNames()) {
                    b.put(buffer, state.tensor(name, prefix + buffer, params.get(i).shape()).data().clone());
                    unused.remove(prefix + buffer);
                }
            }
            newBuffers.add(b);
        }
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException(name + ".loadStateDict: unexpected entries " + unused
                    + " (is the state from an optimiser over other parameters or options?)");
        }
        setLr((float) savedLr);
        System.arraycopy(newSteps, 0, steps, 0, steps.length);
        for (int i = 0; i < params.size(); i++) {
            buffers.set(i, newBuffers.get(i));
        }
    }

    /** Throws unless {@code value} lies in {@code [low, high)}; {@code what} names the optimiser and field. */
    /**
     * {@code x}, or +0 when it is subnormal: state that decays towards zero (a momentum, a running
     * average of squares) is stored this way, because Intel cores take a slow microcode assist for
     * every subnormal operand and Java has no flush-to-zero mode (see {@code AdamKernels}). Such a
     * value moves its weight by less than 1e-30 of the learning rate.
     */
    static float flushSubnormal(float x) {
        return Math.abs(x) < Float.MIN_NORMAL ? 0f : x;
    }

    static void checkRange(String what, float value, float low, float high) {
        if (!(value >= low && value < high)) {
            throw new IllegalArgumentException(what + " must be in [" + fmt(low) + ", " + fmt(high) + "), got " + value);
        }
    }

    /** Throws unless {@code value} is finite and {@code >= 0}. */
    static void checkNonNegative(String what, float value) {
        if (!(value >= 0) || !Float.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be finite and >= 0, got " + value);
        }
    }

    /** Throws unless {@code value} is finite and {@code > 0}. */
    static void checkPositive(String what, float value) {
        if (!(value > 0) || !Float.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be finite and > 0, got " + value);
        }
    }

    private static String fmt(float v) {
        return v == Math.rint(v) ? Integer.toString((int) v) : Float.toString(v);
    }
}
