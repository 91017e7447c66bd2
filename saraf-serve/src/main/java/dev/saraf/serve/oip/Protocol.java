package dev.saraf.serve.oip;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The JSON settings of the protocol: one {@link ObjectMapper} whose parser rejects duplicate keys,
 * deep nesting and absurd numbers and strings before they cost memory, and never accepts NaN or
 * infinity literals (which JSON does not have).
 */
public final class Protocol {
    /** Deepest JSON nesting a request may have (nested data of rank 8 fits easily). */
    public static final int MAX_DEPTH = 32;
    /** Longest string value a request may hold (ids, names); bodies are bounded separately. */
    public static final int MAX_STRING = 1 << 16;

    private Protocol() {}

    /** A new mapper with the protocol's limits (thread-safe once built; build one per server). */
    public static ObjectMapper mapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxNumberLength(400)
                        .maxStringLength(MAX_STRING)
                        .build())
                .build();
        factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        ObjectMapper mapper = new ObjectMapper(factory);
        mapper.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        return mapper;
    }

    /** {@code s} quoted for an error message: shortened and stripped of control characters. */
    public static String quote(String s) {
        if (s == null) {
            return "null";
        }
        String t = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return "\"" + t.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
