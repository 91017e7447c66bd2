package dev.saraf.io;

import java.util.List;
import java.util.Map;

/**
 * A small, dependency-free JSON (RFC 8259) reader and writer.
 *
 * <p>Parsing maps objects to {@code LinkedHashMap<String, Object>} (document order kept), arrays
 * to {@code ArrayList<Object>}, strings to {@link String}, {@code true}/{@code false} to
 * {@link Boolean}, {@code null} to {@code null}, and numbers to {@link Long} when written as an
 * integer literal that fits a long (no fraction, no exponent), otherwise to {@link Double}; read
 * numbers through {@link Number} to accept both. Duplicate object keys are rejected, as is any
 * text after the value. Errors are {@link JsonException}s carrying the character offset.
 *
 * <p>Writing accepts the same types plus any {@link Number} (non-finite values are rejected),
 * {@link Map}s with string keys (written in iteration order) and {@link List}s; strings are
 * escaped so that the output is plain ASCII-safe JSON for control characters and quotes.
 */
public final class Json {
    private Json() {}

    /** Parses one JSON value; the whole text must be that value, with optional whitespace around it. */
    public static Object parse(String text) {
        return new JsonParser(text).parseDocument();
    }

    /** Parses a JSON object, failing when the text holds another kind of value. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new JsonException("expected a JSON object, found " + typeName(value), 0);
        }
        return (Map<String, Object>) value;
    }

    /** Compact JSON text of {@code value}. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, -1, 0);
        return out.toString();
    }

    /** JSON text of {@code value} indented by two spaces per level, for files people read. */
    public static String writePretty(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 2, 0);
        return out.toString();
    }

    /** A short name of a parsed value's JSON type, for error messages. */
    public static String typeName(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof Map) {
            return "object";
        } else if (value instanceof List) {
            return "array";
        } else if (value instanceof String) {
            return "string";
        } else if (value instanceof Number) {
            return "number";
        } else if (value instanceof Boolean) {
            return "boolean";
        }
        return value.getClass().getSimpleName();
    }

    private static void write(Object value, StringBuilder out, int indent, int depth) {
        switch (value) {
            case null -> out.append("null");
            case String s -> writeString(s, out);
            case Boolean b -> out.append(b.booleanValue());
            case Long l -> out.append(l.longValue());
            case Integer i -> out.append(i.intValue());
            case Short s -> out.append(s.shortValue());
            case Byte b -> out.append(b.byteValue());
            case Float f -> writeNumber(f, Float.toString(f), out);
            case Number n -> writeNumber(n.doubleValue(), Double.toString(n.doubleValue()), out);
            case Map<?, ?> map -> writeObject(map, out, indent, depth);
            case List<?> list -> writeArray(list, out, indent, depth);
            default -> throw new JsonException("cannot write a " + value.getClass().getName() + " as JSON", -1);
        }
    }

    private static void writeNumber(double d, String shortest, StringBuilder out) {
        if (!Double.isFinite(d)) {
            throw new JsonException("cannot write the non-finite number " + d + " as JSON", -1);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15 && !(d == 0 && 1 / d < 0)) {
            out.append((long) d);
        } else {
            // Double/Float.toString is the shortest text that reads back to the same value, and its
            // "1.0E-5" form is valid JSON.
            out.append(shortest);
        }
    }

    private static void writeObject(Map<?, ?> map, StringBuilder out, int indent, int depth) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new JsonException("JSON object keys must be strings, found " + e.getKey(), -1);
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            newline(out, indent, depth + 1);
            writeString(key, out);
            out.append(indent >= 0 ? ": " : ":");
            write(e.getValue(), out, indent, depth + 1);
        }
        if (!first) {
            newline(out, indent, depth);
        }
        out.append('}');
    }

    private static void writeArray(List<?> list, StringBuilder out, int indent, int depth) {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            newline(out, indent, depth + 1);
            write(list.get(i), out, indent, depth + 1);
        }
        if (!list.isEmpty()) {
            newline(out, indent, depth);
        }
        out.append(']');
    }

    private static void newline(StringBuilder out, int indent, int depth) {
        if (indent >= 0) {
            out.append('\n');
            out.repeat(' ', indent * depth);
        }
    }

    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    // Control characters must be escaped; U+2028/2029 too, so the text is also valid JavaScript.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
