package dev.saraf.serve.oip;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saraf.serve.ApiException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads an inference request body as a stream, so that the data arrays go straight into primitive
 * arrays (no tree of boxed numbers), and checks every field: unknown fields, types, names, shapes
 * (positive sizes whose product equals the number of values), datatypes and values (whole and in
 * range for integer types, finite float32 for all). Data may be flat or nested, row-major.
 * Every problem is an {@link ApiException} 400 naming the field.
 */
public final class RequestParser {
    private static final int MAX_INPUTS = 16;
    private static final int MAX_RANK = 8;

    private final ObjectMapper mapper;

    /** A parser over {@code mapper}'s JSON settings ({@link Protocol#mapper()}). */
    public RequestParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Parses {@code body} (UTF-8 JSON). */
    public InferenceRequest parse(byte[] body) {
        try (JsonParser p = mapper.getFactory().createParser(body)) {
            InferenceRequest request = parseRequest(p);
            if (p.nextToken() != null) {
                throw ApiException.badRequest("malformed JSON: unexpected content after the request object");
            }
            return request;
        } catch (StreamConstraintsException e) {
            throw ApiException.badRequest("request too complex: " + firstLine(e.getMessage()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw ApiException.badRequest("malformed JSON: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        String t = nl < 0 ? s : s.substring(0, nl);
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }

    private InferenceRequest parseRequest(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw ApiException.badRequest("the request body must be a JSON object with \"inputs\"");
        }
        String id = null;
        List<InputTensor> inputs = null;
        List<String> outputs = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "id" -> id = string(p, t, "id");
                case "parameters" -> readParameters(p, t, "parameters");
                case "inputs" -> inputs = readInputs(p, t);
                case "outputs" -> outputs = readOutputs(p, t);
                default -> throw ApiException.badRequest("unknown request field " + Protocol.quote(field)
                        + " (expected id, parameters, inputs, outputs)");
            }
        }
        if (inputs == null) {
            throw ApiException.badRequest("the request has no \"inputs\"");
        }
        return new InferenceRequest(id, inputs, outputs);
    }

    private static String string(JsonParser p, JsonToken t, String field) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw ApiException.badRequest("\"" + field + "\" must be a string, got " + describe(t));
        }
        return p.getText();
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }

    /** Reads a parameters object; returns whether it set {@code raw} to true. Rejects binary data. */
    private static boolean readParameters(JsonParser p, JsonToken t, String where) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            throw ApiException.badRequest("\"" + where + "\" must be an object, got " + describe(t));
        }
        boolean raw = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            if (key.equals("binary_data") || key.equals("binary_data_size") || key.equals("binary_data_output")) {
                if (v != JsonToken.VALUE_FALSE) {
                    throw ApiException.badRequest("\"" + where + "." + key
                            + "\": the binary tensor data extension is not supported; send data as JSON");
                }
            } else if (key.equals("raw")) {
                if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
                    throw ApiException.badRequest("\"" + where + ".raw\" must be true or false");
                }
                raw = v == JsonToken.VALUE_TRUE;
            } else if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                p.skipChildren(); // other parameters are the client's business; the protocol lets servers ignore them
            }
        }
        return raw;
    }

    private List<InputTensor> readInputs(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw ApiException.badRequest("\"inputs\" must be an array, got " + describe(t));
        }
        List<InputTensor> inputs = new ArrayList<>();
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            if (inputs.size() == MAX_INPUTS) {
                throw ApiException.badRequest("\"inputs\" has more than " + MAX_INPUTS + " entries");
            }
            inputs.add(readInput(p, e, inputs.size()));
        }
        if (inputs.isEmpty()) {
            throw ApiException.badRequest("\"inputs\" is empty");
        }
        return inputs;
    }

    private InputTensor readInput(JsonParser p, JsonToken t, int index) throws IOException {
        String where = "inputs[" + index + "]";
        if (t != JsonToken.START_OBJECT) {
            throw ApiException.badRequest("\"" + where + "\" must be an object, got " + describe(t));
        }
        String name = null;
        long[] shape = null;
        String datatype = null;
        DoubleBuffer data = null;
        boolean raw = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "name" -> name = string(p, v, where + ".name");
                case "shape" -> shape = readShape(p, v, where);
                case "datatype" -> datatype = string(p, v, where + ".datatype");
                case "parameters" -> raw = readParameters(p, v, where + ".parameters");
                case "data" -> {
                    data = new DoubleBuffer();
                    readData(p, v, data, where, 0);
                }
                default -> throw ApiException.badRequest("unknown field " + Protocol.quote(field) + " in " + where
                        + " (expected name, shape, datatype, parameters, data)");
            }
        }
        if (name == null) {
            throw ApiException.badRequest(where + " has no \"name\"");
        }
        String in = "input " + Protocol.quote(name);
        if (shape == null) {
            throw ApiException.badRequest(in + " has no \"shape\"");
        }
        if (datatype == null) {
            throw ApiException.badRequest(in + " has no \"datatype\"");
        }
        if (data == null) {
            throw ApiException.badRequest(in + " has no \"data\"");
        }
        Datatype type = Datatype.parse(datatype, name);
        long expected = 1;
        for (long d : shape) {
            expected *= d; // no overflow: each size was capped below 2^31 and the product is checked as it grows
            if (expected > Integer.MAX_VALUE) {
                throw ApiException.badRequest(in + ": shape " + Arrays.toString(shape) + " has too many elements");
            }
        }
        if (expected != data.size) {
            throw ApiException.badRequest(in + ": shape " + Arrays.toString(shape) + " needs " + expected
                    + " values but data has " + data.size);
        }
        float[] floats = type.toFloats(data.values, data.size, name);
        return new InputTensor(name, shape, type, floats, raw || type.isInteger());
    }

    private static long[] readShape(JsonParser p, JsonToken t, String where) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw ApiException.badRequest("\"" + where + ".shape\" must be an array of sizes, got " + describe(t));
        }
        long[] dims = new long[MAX_RANK];
        int rank = 0;
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            if (e != JsonToken.VALUE_NUMBER_INT) {
                throw ApiException.badRequest("\"" + where + ".shape\" must hold whole numbers, got " + describe(e));
            }
            if (rank == MAX_RANK) {
                throw ApiException.badRequest("\"" + where + ".shape\" has more than " + MAX_RANK + " axes");
            }
            long d = p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? -1 : p.getLongValue();
            if (d < 1 || d > Integer.MAX_VALUE) {
                throw ApiException.badRequest("\"" + where + ".shape\"[" + rank + "] = " + p.getText()
                        + " must be a positive size");
            }
            dims[rank++] = d;
        }
        if (rank == 0) {
            throw ApiException.badRequest("\"" + where + ".shape\" is empty: the first axis is the batch");
        }
        return Arrays.copyOf(dims, rank);
    }

    private static void readData(JsonParser p, JsonToken t, DoubleBuffer out, String where, int depth)
            throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw ApiException.badRequest("\"" + where + ".data\" must be an array of numbers, got " + describe(t));
        }
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            if (e == JsonToken.VALUE_NUMBER_INT || e == JsonToken.VALUE_NUMBER_FLOAT) {
                out.add(p.getDoubleValue());
            } else if (e == JsonToken.START_ARRAY) {
                if (depth + 1 >= MAX_RANK) {
                    throw ApiException.badRequest("\"" + where + ".data\" is nested deeper than " + MAX_RANK + " levels");
                }
                readData(p, e, out, where, depth + 1);
            } else {
                throw ApiException.badRequest("\"" + where + ".data\"[" + out.size + "] must be a number, got "
                        + describe(e) + (e == JsonToken.VALUE_STRING ? " (NaN and infinities are not accepted)" : ""));
            }
        }
    }

    private static List<String> readOutputs(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw ApiException.badRequest("\"outputs\" must be an array, got " + describe(t));
        }
        List<String> names = new ArrayList<>();
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            String where = "outputs[" + names.size() + "]";
            if (e != JsonToken.START_OBJECT) {
                throw ApiException.badRequest("\"" + where + "\" must be an object, got " + describe(e));
            }
            String name = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "name" -> name = string(p, v, where + ".name");
                    case "parameters" -> readParameters(p, v, where + ".parameters");
                    default -> throw ApiException.badRequest("unknown field " + Protocol.quote(field) + " in " + where
                            + " (expected name, parameters)");
                }
            }
            if (name == null) {
                throw ApiException.badRequest(where + " has no \"name\"");
            }
            if (names.contains(name)) {
                throw ApiException.badRequest("\"outputs\": " + Protocol.quote(name) + " is asked for twice");
            }
            if (names.size() == MAX_INPUTS) {
                throw ApiException.badRequest("\"outputs\" has more than " + MAX_INPUTS + " entries");
            }
            names.add(name);
        }
        return names;
    }

    /** A growable double array: the values of one input before its datatype is known. */
    private static final class DoubleBuffer {
        double[] values = new double[256];
        int size;

        void add(double v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = v;
        }
    }
}
