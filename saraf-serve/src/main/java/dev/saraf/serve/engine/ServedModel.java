package dev.saraf.serve.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saraf.autograd.NoGrad;
import dev.saraf.io.LoadedModel;
import dev.saraf.nn.Module;
import dev.saraf.serve.ApiException;
import dev.saraf.serve.oip.InputTensor;
import dev.saraf.serve.oip.Protocol;
import dev.saraf.tensor.Shape;
import dev.saraf.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A loaded model version as the server runs it: the module in eval mode, what it takes (one input
 * {@code "input"}, FP32, {@code [-1, ...example shape]}) and gives (for a classifier
 * {@code "logits"} and {@code "probabilities"} FP32 {@code [-1, K]} and {@code "class"} INT64
 * {@code [-1]}; otherwise {@code "output"} FP32), its class names and recorded preprocessing.
 *
 * <p>The example shape comes from the model file's extra entry {@code input_shape} (a JSON array),
 * else the recorded preprocessing's {@code input_shape}, else the first layer ({@code Linear(in)}:
 * {@code [in]}, {@code Conv2d(in)}: {@code [in, -1, -1]}); the output shape from one forward pass of
 * zeros when the input shape is fully known, which also proves the model runs.
 *
 * <p>Thread-safe: forwards of built-in layers in eval mode share nothing mutable.
 */
public final class ServedModel {
    /** The name of the one input. */
    public static final String INPUT = "input";

    private final String name;
    private final int version;
    private final String sha256;
    private final Module module;
    private final int[] example;      // input sizes without the batch axis; -1 where not fixed; null: rank unknown
    private final int[] outExample;   // output sizes without the batch axis, or null when unknown before the first run
    private final boolean classifier;
    private final boolean softmaxLast;
    private final List<String> classNames;
    private final Preprocess preprocess;

    private ServedModel(String name, int version, String sha256, Module module, int[] example, int[] outExample,
            boolean classifier, boolean softmaxLast, List<String> classNames, Preprocess preprocess) {
        this.name = name;
        this.version = version;
        this.sha256 = sha256;
        this.module = module;
        this.example = example;
        this.outExample = outExample;
        this.classifier = classifier;
        this.softmaxLast = softmaxLast;
        this.classNames = classNames;
        this.preprocess = preprocess;
    }

    /**
     * Wraps a loaded model file as version {@code version} of {@code name}.
     *
     * @throws IllegalArgumentException when the file's metadata cannot describe the model's inputs or it fails to run
     */
    public static ServedModel of(String name, int version, String sha256, LoadedModel loaded, ObjectMapper json) {
        Map<String, String> extra = loaded.extra();
        Map<?, ?> prep = parseObject(json, extra.get("preprocessing"), "preprocessing");
        Preprocess preprocess = prep == null ? Preprocess.NONE : Preprocess.fromMap(prep);
        List<?> shape = parseList(json, extra.get("input_shape"), "input_shape");
        if (shape == null && prep != null && prep.get("input_shape") instanceof List<?> l) {
            shape = l;
        }
        Map<String, Object> arch = loaded.architecture();
        int[] example = shape != null ? ints(shape) : fromFirstLayer(arch);
        List<?> names = parseList(json, extra.get("class_names"), "class_names");
        if (names == null && prep != null && prep.get("class_names") instanceof List<?> l) {
            names = l;
        }
        List<String> classNames = names == null ? List.of() : names.stream().map(String::valueOf).toList();
        Module module = loaded.model();
        module.eval();
        int[] outExample = null;
        if (example != null && Arrays.stream(example).allMatch(d -> d > 0)) {
            int[] dims = new int[example.length + 1];
            dims[0] = 1;
            System.arraycopy(example, 0, dims, 1, example.length);
            try (NoGrad g = NoGrad.enter()) {
                int[] out = module.forward(Tensor.zeros(dims)).dims();
                outExample = Arrays.copyOfRange(out, 1, out.length);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("the model does not run on an input of shape "
                        + Arrays.toString(dims) + ": " + e.getMessage(), e);
            }
        }
        String lastType = lastLayerType(arch);
        boolean regression = "regression".equals(extra.get("task"))
                || prep != null && "regression".equals(prep.get("task"));
        boolean classifier = !regression && (outExample == null ? !classNames.isEmpty()
                : outExample.length == 1 && outExample[0] > 1);
        if (classifier && !classNames.isEmpty() && outExample != null && outExample[0] != classNames.size()) {
            throw new IllegalArgumentException("the model gives " + outExample[0] + " classes but class_names lists "
                    + classNames.size());
        }
        return new ServedModel(name, version, sha256, module, example, outExample, classifier,
                "Softmax".equals(lastType), classNames, preprocess);
    }

    private static Map<?, ?> parseObject(ObjectMapper json, String text, String key) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, Map.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("extra metadata \"" + key + "\" is not a JSON object");
        }
    }

    private static List<?> parseList(ObjectMapper json, String text, String key) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, List.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("extra metadata \"" + key + "\" is not a JSON array");
        }
    }

    private static int[] ints(List<?> l) {
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) {
            if (!(l.get(i) instanceof Number n) || n.intValue() == 0 || n.intValue() < -1) {
                throw new IllegalArgumentException("input_shape " + l + " must hold positive sizes (or -1)");
            }
            a[i] = n.intValue();
        }
        return a;
    }

    private static Map<?, ?> firstOrLast(Map<String, Object> arch, boolean first) {
        Object node = arch;
        while (node instanceof Map<?, ?> m && "Sequential".equals(m.get("type")) && m.get("layers") instanceof List<?> l
                && !l.isEmpty()) {
            node = first ? l.get(0) : l.get(l.size() - 1);
        }
        return node instanceof Map<?, ?> m ? m : null;
    }

    private static int[] fromFirstLayer(Map<String, Object> arch) {
        Map<?, ?> layer = arch == null ? null : firstOrLast(arch, true);
        if (layer != null && layer.get("in") instanceof Number in) {
            if ("Linear".equals(layer.get("type"))) {
                return new int[] {in.intValue()};
            }
            if ("Conv2d".equals(layer.get("type"))) {
                return new int[] {in.intValue(), -1, -1};
            }
        }
        return null;
    }

    private static String lastLayerType(Map<String, Object> arch) {
        Map<?, ?> layer = arch == null ? null : firstOrLast(arch, false);
        return layer == null ? null : String.valueOf(layer.get("type"));
    }

    /** The model's name. */
    public String name() {
        return name;
    }

    /** The version number. */
    public int version() {
        return version;
    }

    /** The SHA-256 of the model file. */
    public String sha256() {
        return sha256;
    }

    /** Class names by index, or empty. */
    public List<String> classNames() {
        return classNames;
    }

    /** The recorded preprocessing. */
    public Preprocess preprocess() {
        return preprocess;
    }

    /** The input sizes without the batch axis ({@code -1} where free), or null when not even the rank is known. */
    public int[] exampleShape() {
        return example == null ? null : example.clone();
    }

    /** True for a classifier (outputs logits, probabilities and class). */
    public boolean isClassifier() {
        return classifier;
    }

    /** The input as the protocol's metadata lists it. */
    public List<IoSpec> inputs() {
        return List.of(new IoSpec(INPUT, "FP32", withBatch(example)));
    }

    /** The outputs as the protocol's metadata lists them. */
    public List<IoSpec> outputs() {
        List<Integer> out = withBatch(outExample);
        if (!classifier) {
            return List.of(new IoSpec("output", "FP32", out));
        }
        List<IoSpec> specs = new ArrayList<>();
        if (!softmaxLast) {
            specs.add(new IoSpec("logits", "FP32", out));
        }
        specs.add(new IoSpec("probabilities", "FP32", out));
        specs.add(new IoSpec("class", "INT64", List.of(-1)));
        return specs;
    }

    private static List<Integer> withBatch(int[] dims) {
        List<Integer> l = new ArrayList<>();
        l.add(-1);
        if (dims != null) {
            for (int d : dims) {
                l.add(d);
            }
        }
        return l;
    }

    /**
     * Checks {@code in} against this model's input (name, rank, fixed sizes) and returns its values as
     * model input, preprocessed when raw (a fresh array: the caller's is not changed).
     *
     * @throws ApiException 400 naming what does not fit
     */
    public float[] prepare(InputTensor in) {
        if (!in.name().equals(INPUT)) {
            throw ApiException.badRequest("unknown input " + Protocol.quote(in.name()) + ": model " + name
                    + " takes one input named \"" + INPUT + "\"");
        }
        if (example != null) {
            boolean fits = in.shape().length == example.length + 1;
            for (int i = 0; fits && i < example.length; i++) {
                fits = example[i] == -1 || example[i] == in.shape()[i + 1];
            }
            if (!fits) {
                throw ApiException.badRequest("input \"" + INPUT + "\": shape " + Arrays.toString(in.shape())
                        + " does not fit model " + name + "'s input " + withBatch(example)
                        + " (the first axis is the batch)");
            }
        }
        float[] x = in.data().clone();
        if (in.raw()) {
            preprocess.apply(x);
        }
        return x;
    }

    /**
     * Runs the model on {@code rows} examples ({@code x} row-major, {@code [rows, ...example]}) under
     * no-grad and returns the output tensor {@code [rows, ...]}.
     *
     * @throws ApiException 400 when the model rejects the input (its message names the layer)
     */
    public Tensor forward(float[] x, int rows, int[] exampleDims) {
        int[] dims = new int[exampleDims.length + 1];
        dims[0] = rows;
        System.arraycopy(exampleDims, 0, dims, 1, exampleDims.length);
        try (NoGrad g = NoGrad.enter()) {
            return module.forward(Tensor.wrap(x, Shape.of(dims)));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("model " + name + " cannot take input " + Arrays.toString(dims) + ": "
                    + e.getMessage());
        }
    }

    /**
     * The named outputs of {@code rows} examples whose model output is {@code out[offset ..]}, each
     * row {@code rowDims} (without the batch axis); {@code selection} empty means all.
     *
     * @throws ApiException 400 for an output name the model does not have
     */
    public List<OutputTensor> outputs(float[] out, int offset, int rows, int[] rowDims, List<String> selection) {
        List<String> wanted = checkOutputs(selection);
        int per = 1;
        for (int d : rowDims) {
            per *= d;
        }
        long[] shape = new long[rowDims.length + 1];
        shape[0] = rows;
        for (int i = 0; i < rowDims.length; i++) {
            shape[i + 1] = rowDims[i];
        }
        float[] values = Arrays.copyOfRange(out, offset, offset + rows * per);
        List<OutputTensor> result = new ArrayList<>();
        for (String w : wanted) {
            switch (w) {
                case "output", "logits" -> result.add(new OutputTensor(w, "FP32", shape, values));
                case "probabilities" -> result.add(new OutputTensor(w, "FP32", shape,
                        softmaxLast ? values : softmaxRows(values, rows, per)));
                case "class" -> result.add(new OutputTensor(w, "INT64", new long[] {rows}, argmaxRows(values, rows, per)));
                default -> throw new IllegalStateException(w);
            }
        }
        return result;
    }

    /**
     * The outputs to give for {@code selection} (empty: all of them).
     *
     * @throws ApiException 400 for an output name the model does not have
     */
    public List<String> checkOutputs(List<String> selection) {
        List<String> known = outputs().stream().map(IoSpec::name).toList();
        for (String s : selection) {
            if (!known.contains(s)) {
                throw ApiException.badRequest("unknown output " + Protocol.quote(s) + ": model " + name + " gives "
                        + String.join(", ", known));
            }
        }
        return selection.isEmpty() ? known : selection;
    }

    /** Softmax of each row, in double for the sums: probabilities the client can trust to add up to 1. */
    static float[] softmaxRows(float[] v, int rows, int per) {
        float[] p = new float[v.length];
        for (int r = 0; r < rows; r++) {
            int o = r * per;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < per; i++) {
                max = Math.max(max, v[o + i]);
            }
            double sum = 0;
            for (int i = 0; i < per; i++) {
                sum += Math.exp(v[o + i] - max);
            }
            for (int i = 0; i < per; i++) {
                p[o + i] = (float) (Math.exp(v[o + i] - max) / sum);
            }
        }
        return p;
    }

    static long[] argmaxRows(float[] v, int rows, int per) {
        long[] c = new long[rows];
        for (int r = 0; r < rows; r++) {
            int best = 0;
            for (int i = 1; i < per; i++) {
                if (v[r * per + i] > v[r * per + best]) {
                    best = i;
                }
            }
            c[r] = best;
        }
        return c;
    }
}
