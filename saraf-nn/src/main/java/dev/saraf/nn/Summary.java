package dev.saraf.nn;

import dev.saraf.autograd.NoGrad;
import dev.saraf.tensor.Shape;
import dev.saraf.tensor.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A model's layer table, as {@link Module#summary(int...)} makes it: one row per module (the root
 * first, then its descendants depth first), with the output shape seen in one forward on zeros and
 * the number of parameter elements the module owns itself (so the rows add up to the total).
 * {@link #toString()} prints it as a table.
 *
 * @param input        the input shape the forward ran on
 * @param rows         one per module
 * @param total        parameter elements, each shared tensor counted once
 * @param trainable    elements of parameters that require a gradient
 * @param bufferTotal  elements of buffers (running statistics and such), saved but not trained
 */
public record Summary(Shape input, List<Row> rows, long total, long trainable, long bufferTotal) {

    /**
     * One module.
     *
     * @param path   dotted path ({@code ""} for the root)
     * @param type   class name
     * @param output output shape, or {@code null} when the forward did not call this module
     * @param params parameter elements owned directly by this module
     */
    public record Row(String path, String type, Shape output, long params) {}

    /** Copies the rows. */
    public Summary {
        rows = List.copyOf(rows);
    }

    static Summary of(Module root, int[] inputShape) {
        Shape in = Shape.of(inputShape);
        Map<String, Module> modules = root.namedModules();
        IdentityHashMap<Module, Shape> outputs = new IdentityHashMap<>();
        IdentityHashMap<Module, Boolean> modes = new IdentityHashMap<>();
        ForwardHook hook = (m, x, y) -> outputs.put(m, y.shape());
        for (Module m : modules.values()) {
            modes.put(m, m.isTraining());
            m.addForwardHook(hook);
        }
        try (NoGrad ignored = NoGrad.enter()) {
            root.eval();
            root.forward(Tensor.zeros(in));
        } finally {
            for (Module m : modules.values()) {
                m.removeForwardHook(hook);
            }
            modes.forEach(Module::setOwnTraining);
        }
        IdentityHashMap<Tensor, Boolean> seen = new IdentityHashMap<>();
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Module> e : modules.entrySet()) {
            long own = 0;
            for (Map.Entry<String, Tensor> p : ownParameters(e.getValue())) {
                if (seen.put(p.getValue(), Boolean.TRUE) == null) {
                    own += p.getValue().numel();
                }
            }
            rows.add(new Row(e.getKey(), e.getValue().typeName(), outputs.get(e.getValue()), own));
        }
        long total = 0;
        long trainable = 0;
        for (Tensor p : root.parameters()) {
            total += p.numel();
            if (p.requiresGrad()) {
                trainable += p.numel();
            }
        }
        long buffers = 0;
        for (Tensor b : root.namedBuffers().values()) {
            buffers += b.numel();
        }
        return new Summary(in, rows, total, trainable, buffers);
    }

    private static List<Map.Entry<String, Tensor>> ownParameters(Module m) {
        List<Map.Entry<String, Tensor>> own = new ArrayList<>();
        for (Map.Entry<String, Tensor> p : m.namedParameters().entrySet()) {
            if (!p.getKey().contains(".")) {
                own.add(p);
            }
        }
        return own;
    }

    /** Parameter elements that do not require a gradient (frozen). */
    public long nonTrainable() {
        return total - trainable;
    }

    @Override
    public String toString() {
        String[] head = {"Layer (path)", "Type", "Output shape", "Params"};
        List<String[]> cells = new ArrayList<>();
        for (Row r : rows) {
            cells.add(new String[] {r.path.isEmpty() ? "(root)" : r.path, r.type,
                    r.output == null ? "-" : r.output.toString(), group(r.params)});
        }
        int[] w = new int[head.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = head[i].length();
            for (String[] c : cells) {
                w[i] = Math.max(w[i], c[i].length());
            }
        }
        int width = w[0] + w[1] + w[2] + w[3] + 6;
        StringBuilder sb = new StringBuilder();
        line(sb, head, w);
        sb.append("-".repeat(width)).append('\n');
        for (String[] c : cells) {
            line(sb, c, w);
        }
        sb.append("=".repeat(width)).append('\n');
        sb.append("Input shape: ").append(input).append('\n');
        sb.append("Total params: ").append(group(total)).append('\n');
        sb.append("Trainable params: ").append(group(trainable)).append('\n');
        sb.append("Non-trainable params: ").append(group(nonTrainable())).append('\n');
        sb.append("Buffer elements: ").append(group(bufferTotal)).append('\n');
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] c, int[] w) {
        sb.append(pad(c[0], w[0])).append("  ").append(pad(c[1], w[1])).append("  ").append(pad(c[2], w[2])).append("  ");
        sb.append(" ".repeat(w[3] - c[3].length())).append(c[3]).append('\n');
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(w - s.length());
    }

    private static String group(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
