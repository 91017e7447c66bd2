package dev.saraf.nn;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A module tree as plain JSON-able data, and back: {@link #describe(Module)} gives nested maps such
 * as {@code {"type":"Sequential","layers":[{"type":"Linear","in":784,"out":256,"bias":true},
 * {"type":"ReLU"}]}}, which model files store beside the weights; {@link #build(Map, RandomGenerator)}
 * makes a fresh module of that architecture (initialised from the generator; load the weights
 * after). Values are numbers, booleans, strings, lists and maps, so any JSON reader's output can be
 * given back; whole numbers may arrive as any {@link Number}.
 *
 * <p>The built-in layers and {@link Sequential} are known; custom layers that override
 * {@link Module#config()} are rebuilt by factories given to
 * {@link #build(Map, RandomGenerator, Map)}. Errors name the path of the layer
 * ({@code '1.3'}, as the state dict names it) and the problem: an unknown type, a missing, unknown
 * or ill-typed key.
 */
public final class Architecture {
    private static final List<String> KNOWN = List.of("Sequential", "Linear", "Conv2d", "MaxPool2d", "AvgPool2d",
            "AdaptiveAvgPool2d", "GlobalAvgPool2d", "Flatten", "Dropout", "BatchNorm1d", "BatchNorm2d", "LayerNorm",
            "Embedding", "ReLU", "LeakyReLU", "ELU", "GELU", "Sigmoid", "Tanh", "Softmax", "LogSoftmax", "Identity", "Step");

    private Architecture() {}

    /** The description of {@code module} and everything below it. */
    public static Map<String, Object> describe(Module module) {
        return describe(module, "");
    }

    private static Map<String, Object> describe(Module m, String path) {
        if (m instanceof Sequential s) {
            List<Object> layers = new ArrayList<>();
            for (int i = 0; i < s.size(); i++) {
                layers.add(describe(s.get(i), child(path, Integer.toString(i))));
            }
            return config("Sequential", "layers", layers);
        }
        Map<String, Object> c = m.config();
        if (c == null) {
            throw new IllegalArgumentException("Architecture.describe: " + m.typeName() + " at " + where(path)
                    + " cannot describe itself; Sequential and the built-in layers can, and a custom module that overrides "
                    + "config() (rebuilt with build(description, rng, factories))");
        }
        return c;
    }

    /** A fresh module built from {@code description}, its parameters initialised from {@code rng}. */
    public static Module build(Map<String, ?> description, RandomGenerator rng) {
        return build(description, rng, Map.of());
    }

    /**
     * Builds a module of the built-in layers and of custom types: {@code custom} maps a type name
     * to a factory given that layer's whole description (a custom module describes itself by
     * overriding {@link Module#config()} with a map that begins with its {@code "type"}).
     */
    public static Module build(Map<String, ?> description, RandomGenerator rng, Map<String, LayerFactory> custom) {
        return build(description, rng, "", Map.copyOf(custom));
    }

    /** Makes one custom layer from its description. */
    @FunctionalInterface
    public interface LayerFactory {
        /** A fresh layer for {@code description}, initialised from {@code rng}. */
        Module build(Map<String, ?> description, RandomGenerator rng);
    }

    private static Module build(Map<String, ?> description, RandomGenerator rng, String path, Map<String, LayerFactory> custom) {
        Args a = new Args(description, path);
        String type = a.string("type");
        try {
            if (!KNOWN.contains(type) && custom.containsKey(type)) {
                return custom.get(type).build(description, rng);
            }
            Module m = make(type, a, rng, path, custom);
            a.finish(type);
            return m;
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Architecture:")) {
                throw e;
            }
            throw new IllegalArgumentException("Architecture: the layer at " + where(path) + " (" + type + "): " + e.getMessage(), e);
        }
    }

    private static Module make(String type, Args a, RandomGenerator rng, String path, Map<String, LayerFactory> custom) {
        return switch (type) {
            case "Sequential" -> {
                Sequential s = new Sequential();
                List<?> layers = a.list("layers");
                for (int i = 0; i < layers.size(); i++) {
                    if (!(layers.get(i) instanceof Map<?, ?> layer)) {
                        throw new IllegalArgumentException("Architecture: layer " + i + " of the Sequential at " + where(path)
                                + " is not an object");
                    }
                    s.add(build(asStringMap(layer), rng, child(path, Integer.toString(i)), custom));
                }
                yield s;
            }
            case "Linear" -> new Linear(a.integer("in"), a.integer("out"), a.bool("bias", true), rng);
            case "Conv2d" -> conv(a, rng);
            case "MaxPool2d" -> {
                int[] k = a.pair("kernel", null);
                yield new MaxPool2d(k, a.pair("stride", k), a.pair("padding", new int[] {0, 0}));
            }
            case "AvgPool2d" -> {
                int[] k = a.pair("kernel", null);
                yield new AvgPool2d(k, a.pair("stride", k), a.pair("padding", new int[] {0, 0}));
            }
            case "AdaptiveAvgPool2d" -> new AdaptiveAvgPool2d(a.integer("outH"), a.integer("outW"));
            case "GlobalAvgPool2d" -> new GlobalAvgPool2d();
            case "Flatten" -> new Flatten(a.integer("start", 1), a.integer("end", -1));
            case "Dropout" -> new Dropout(a.number("p", 0.5), rng);
            case "BatchNorm1d" -> new BatchNorm1d(a.integer("features"), a.number("eps", 1e-5), a.number("momentum", 0.1),
                    a.bool("affine", true));
            case "BatchNorm2d" -> new BatchNorm2d(a.integer("features"), a.number("eps", 1e-5), a.number("momentum", 0.1),
                    a.bool("affine", true));
            case "LayerNorm" -> new LayerNorm(a.ints("shape"), a.number("eps", 1e-5), a.bool("affine", true));
            case "Embedding" -> new Embedding(a.integer("count"), a.integer("dim"), rng);
            case "ReLU" -> new ReLU();
            case "LeakyReLU" -> new LeakyReLU((float) a.number("slope", 0.01));
            case "ELU" -> new ELU((float) a.number("alpha", 1.0));
            case "GELU" -> new GELU();
            case "Sigmoid" -> new Sigmoid();
            case "Tanh" -> new Tanh();
            case "Softmax" -> new Softmax(a.integer("dim", -1));
            case "LogSoftmax" -> new LogSoftmax(a.integer("dim", -1));
            case "Identity" -> new Identity();
            case "Step" -> new Step();
            default -> throw new IllegalArgumentException("Architecture: unknown layer type '" + type + "' at " + where(path)
                    + " (known: " + String.join(", ", KNOWN) + (custom.isEmpty() ? "" : "; custom: "
                    + String.join(", ", new java.util.TreeSet<>(custom.keySet()))) + ")");
        };
    }

    private static Conv2d conv(Args a, RandomGenerator rng) {
        int in = a.integer("in");
        int out = a.integer("out");
        int[] kernel = a.pair("kernel", null);
        int[] stride = a.pair("stride", new int[] {1, 1});
        int[] dilation = a.pair("dilation", new int[] {1, 1});
        int groups = a.integer("groups", 1);
        boolean bias = a.bool("bias", true);
        Object padding = a.raw("padding");
        if (padding instanceof String s) {
            return new Conv2d(in, out, kernel, stride, s, dilation, groups, bias, rng);
        }
        return new Conv2d(in, out, kernel, stride, a.pair("padding", new int[] {0, 0}), dilation, groups, bias, rng);
    }

    /** A config map: {@code "type"} first, then the key/value pairs in order. */
    static Map<String, Object> config(String type, Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String where(String path) {
        return path.isEmpty() ? "the root" : "'" + path + "'";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> asStringMap(Map<?, ?> m) {
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) {
                throw new IllegalArgumentException("Architecture: key " + k + " is not a string");
            }
        }
        return (Map<String, ?>) m;
    }

    /** Reads one layer's keys, remembering which were used so that unknown ones are reported. */
    private static final class Args {
        private final Map<String, ?> map;
        private final String path;
        private final Set<String> used = new HashSet<>();

        Args(Map<String, ?> map, String path) {
            this.map = map;
            this.path = path;
        }

        Object raw(String key) {
            used.add(key);
            return map.get(key);
        }

        private Object required(String key) {
            Object v = raw(key);
            if (v == null) {
                throw error("is missing '" + key + "'");
            }
            return v;
        }

        String string(String key) {
            if (!(required(key) instanceof String s)) {
                throw error("has a non-string '" + key + "'");
            }
            return s;
        }

        List<?> list(String key) {
            if (!(required(key) instanceof List<?> l)) {
                throw error("needs '" + key + "' to be a list");
            }
            return l;
        }

        int integer(String key) {
            return whole(key, required(key));
        }

        int integer(String key, int fallback) {
            Object v = raw(key);
            return v == null ? fallback : whole(key, v);
        }

        double number(String key, double fallback) {
            Object v = raw(key);
            if (v == null) {
                return fallback;
            }
            if (!(v instanceof Number n)) {
                throw error("needs '" + key + "' to be a number, got " + v);
            }
            return n.doubleValue();
        }

        boolean bool(String key, boolean fallback) {
            Object v = raw(key);
            if (v == null) {
                return fallback;
            }
            if (!(v instanceof Boolean b)) {
                throw error("needs '" + key + "' to be true or false, got " + v);
            }
            return b;
        }

        int[] ints(String key) {
            List<?> l = list(key);
            int[] out = new int[l.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = whole(key, l.get(i));
            }
            return out;
        }

        /** Two whole numbers (height, width), or one number used for both. */
        int[] pair(String key, int[] fallback) {
            Object v = raw(key);
            if (v == null) {
                if (fallback == null) {
                    throw error("is missing '" + key + "'");
                }
                return fallback.clone();
            }
            if (v instanceof Number) {
                int x = whole(key, v);
                return new int[] {x, x};
            }
            int[] p = v instanceof List<?> ? ints(key) : null;
            if (p == null || p.length != 2) {
                throw error("needs '" + key + "' to be a number or a list of two numbers, got " + v);
            }
            return p;
        }

        private int whole(String key, Object v) {
            if (!(v instanceof Number n)) {
                throw error("needs '" + key + "' to be a whole number, got " + v);
            }
            double d = n.doubleValue();
            if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
                throw error("needs '" + key + "' to be a whole number, got " + v);
            }
            return (int) d;
        }

        void finish(String type) {
            for (String k : map.keySet()) {
                if (!used.contains(k)) {
                    throw error("(" + type + ") has an unknown key '" + k + "'");
                }
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("Architecture: the layer at " + where(path) + " " + what);
        }
    }
}
