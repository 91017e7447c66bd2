package dev.saraf.io;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed and fully validated JSON header of a safetensors file: every tensor's dtype, shape
 * and byte range, and the string metadata. Validation follows the reference (Rust) reader: the
 * byte ranges, sorted by offset, must tile the data section exactly from 0 to its end, with no
 * gap, overlap or trailing byte, and each must be exactly as long as its shape and dtype need.
 */
final class SafeTensorsHeader {
    /** The reference implementation's limit; a larger header is corrupt or hostile. */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    static final String METADATA_KEY = "__metadata__";
    private static final Set<String> FIELDS = Set.of("dtype", "shape", "data_offsets");

    /** One tensor's entry; {@code begin} and {@code end} are offsets into the data section. */
    record Entry(String name, DType dtype, int[] shape, long begin, long end) {
        int numel() {
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private final Path file;
    private final long headerLength;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private SafeTensorsHeader(Path file, long headerLength) {
        this.file = file;
        this.headerLength = headerLength;
    }

    /** Entries in data order (by offset). */
    List<Entry> entries() {
        return entries;
    }

    /** The {@code __metadata__} strings, in header order. */
    Map<String, String> metadata() {
        return metadata;
    }

    /** File offset of the first data byte. */
    long dataStart() {
        return 8 + headerLength;
    }

    /**
     * Parses and validates {@code header} (the {@code headerLength} bytes after the length
     * prefix) of a file of {@code fileSize} bytes.
     */
    static SafeTensorsHeader parse(Path file, byte[] header, long fileSize) throws SafeTensorsException {
        SafeTensorsHeader h = new SafeTensorsHeader(file, header.length);
        String text = decodeUtf8(file, header);
        Map<String, Object> json;
        try {
            json = Json.parseObject(text);
        } catch (JsonException e) {
            long at = e.offset() < 0 ? 8 : 8 + text.substring(0, Math.min(e.offset(), text.length())).getBytes(StandardCharsets.UTF_8).length;
            String why = e.getMessage().replaceFirst(" at offset \\d+$", "");
            throw new SafeTensorsException(file, at, "malformed header JSON: " + why);
        }
        for (Map.Entry<String, Object> e : json.entrySet()) {
            if (e.getKey().equals(METADATA_KEY)) {
                h.readMetadata(e.getValue());
            } else {
                h.entries.add(h.readEntry(e.getKey(), e.getValue()));
            }
        }
        h.checkTiling(fileSize - h.dataStart());
        return h;
    }

    private static String decodeUtf8(Path file, byte[] header) throws SafeTensorsException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(header))
                    .toString();
        } catch (CharacterCodingException e) {
            // Find the first bad byte so the message can point at it.
            var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.wrap(header);
            decoder.decode(in, java.nio.CharBuffer.allocate(header.length), true);
            throw new SafeTensorsException(file, 8 + in.position(), "header is not valid UTF-8");
        }
    }

    private void readMetadata(Object value) throws SafeTensorsException {
        if (!(value instanceof Map<?, ?> map)) {
            throw headerError("\"" + METADATA_KEY + "\" must be an object of strings, found " + Json.typeName(value));
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw headerError("\"" + METADATA_KEY + "\" entry \"" + e.getKey() + "\" must be a string, found "
                        + Json.typeName(e.getValue()));
            }
            metadata.put((String) e.getKey(), s);
        }
    }

    private Entry readEntry(String name, Object value) throws SafeTensorsException {
        String where = "tensor \"" + name + "\"";
        if (!(value instanceof Map<?, ?> info)) {
            throw headerError(where + " must be an object with dtype, shape and data_offsets, found " + Json.typeName(value));
        }
        for (Object key : info.keySet()) {
            if (!FIELDS.contains(key)) {
                throw headerError(where + " has an unknown field \"" + key + "\" (expected dtype, shape, data_offsets)");
            }
        }
        for (String field : List.of("dtype", "shape", "data_offsets")) {
            if (!info.containsKey(field)) {
                throw headerError(where + " lacks the field \"" + field + "\"");
            }
        }
        if (!(info.get("dtype") instanceof String dtypeName)) {
            throw headerError(where + " field \"dtype\" must be a string, found " + Json.typeName(info.get("dtype")));
        }
        DType dtype = DType.parse(dtypeName);
        if (dtype == null) {
            throw headerError(where + " has the unsupported dtype \"" + dtypeName + "\" (saraf reads F32, F16, BF16, F64)");
        }
        long[] dims = integers(where, "shape", info.get("shape"), -1);
        int[] shape = new int[dims.length];
        long numel = 1;
        for (int i = 0; i < dims.length; i++) {
            numel *= dims[i];
            if (dims[i] > Integer.MAX_VALUE || numel > Integer.MAX_VALUE - 16) {
                throw headerError(where + " shape " + Arrays.toString(dims) + " has more than 2^31 elements, too many for one saraf tensor");
            }
            shape[i] = (int) dims[i];
        }
        long[] offsets = integers(where, "data_offsets", info.get("data_offsets"), 2);
        long begin = offsets[0];
        long end = offsets[1];
        if (end < begin) {
            throw headerError(where + " data_offsets [" + begin + ", " + end + "] end before they begin");
        }
        long needed = numel * dtype.size();
        if (end - begin != needed) {
            throw headerError(where + " shape " + Arrays.toString(shape) + " of " + dtype + " needs " + needed
                    + " bytes but data_offsets [" + begin + ", " + end + "] span " + (end - begin));
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    /** A JSON array of non-negative integers, of length {@code length} unless that is -1. */
    private long[] integers(String where, String field, Object value, int length) throws SafeTensorsException {
        String what = where + " field \"" + field + "\"";
        if (!(value instanceof List<?> list)) {
            throw headerError(what + " must be an array of integers, found " + Json.typeName(value));
        }
        if (length >= 0 && list.size() != length) {
            throw headerError(what + " must hold " + length + " integers, found " + list.size());
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long v) || v < 0) {
                throw headerError(what + " must hold non-negative integers, found " + Json.write(list.get(i)) + " at index " + i);
            }
            out[i] = v;
        }
        return out;
    }

    /** The byte ranges must tile [0, dataBytes) exactly. */
    private void checkTiling(long dataBytes) throws SafeTensorsException {
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        Entry previous = null;
        for (Entry e : entries) {
            String where = "tensor \"" + e.name() + "\" data_offsets [" + e.begin() + ", " + e.end() + "]";
            if (e.begin() < expected) {
                throw new SafeTensorsException(file, dataStart() + e.begin(),
                        where + " overlap tensor \"" + previous.name() + "\", which ends at data byte " + expected);
            }
            if (e.begin() > expected) {
                String after = previous == null ? "the start of the data section" : "tensor \"" + previous.name() + "\"";
                throw new SafeTensorsException(file, dataStart() + expected,
                        where + " leave a gap of " + (e.begin() - expected) + " bytes after " + after);
            }
            if (e.end() > dataBytes) {
                throw new SafeTensorsException(file, dataStart() + dataBytes, "truncated: " + where + " run past the end of the "
                        + dataBytes + "-byte data section (the file is " + (dataStart() + dataBytes) + " bytes, "
                        + (dataStart() + e.end()) + " needed)");
            }
            expected = e.end();
            previous = e;
        }
        if (expected != dataBytes) {
            throw new SafeTensorsException(file, dataStart() + expected, (dataBytes - expected)
                    + " bytes after the last tensor's data are not described by the header");
        }
    }

    private SafeTensorsException headerError(String problem) {
        return new SafeTensorsException(file, -1, "header (bytes 8 to " + (8 + headerLength) + "): " + problem);
    }
}
