package dev.saraf.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parsesEveryValueKind() {
        Object v = Json.parse(" {\"a\": [1, -2.5, 3e2, true, false, null, \"x\"], \"b\": {}, \"c\": []} ");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", Arrays.asList(1L, -2.5, 300.0, true, false, null, "x"));
        expected.put("b", Map.of());
        expected.put("c", List.of());
        assertThat(v).isEqualTo(expected);
    }

    @Test
    void keepsKeyOrder() {
        Map<String, Object> m = Json.parseObject("{\"z\":1,\"a\":2,\"m\":3}");
        assertThat(m.keySet()).containsExactly("z", "a", "m");
    }

    @Test
    void integersAreLongsAndHugeIntegersFallBackToDouble() {
        assertThat(Json.parse("9007199254740993")).isEqualTo(9007199254740993L);
        assertThat(Json.parse("-0")).isEqualTo(0L);
        assertThat(Json.parse("1.0")).isEqualTo(1.0);
        assertThat(Json.parse("123456789012345678901234567890")).isEqualTo(1.2345678901234568e29);
    }

    @Test
    void decodesEscapes() {
        assertThat(Json.parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\u20AC\"")).isEqualTo("a\"b\\c/d\b\f\n\r\t\u00e9\u20ac");
        // a surrogate pair written as two escapes
        assertThat(Json.parse("\"\\ud83d\\ude00\"")).isEqualTo("\ud83d\ude00");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``                     | unexpected end of JSON text, expected a value at offset 0",
        "`{`                    | expected a string key (reached the end of the text) at offset 1",
        "`{\"a\" 1}`            | expected ':' at offset 5",
        "`{\"a\":1,}`           | expected a string key at offset 7",
        "`{\"a\":1 \"b\":2}`    | expected ',' or '}' at offset 7",
        "`[1 2]`                | expected ',' or ']' at offset 3",
        "`[1,]`                 | unexpected character ']', expected a value at offset 3",
        "`{\"a\":1,\"a\":2}`    | duplicate key \"a\" at offset 7",
        "`\"abc`                | unterminated string at offset 0",
        "`\"a\\qb\"`            | invalid escape \\q at offset 2",
        "`\"\\u12G4\"`          | invalid hex digit 'G' in \\u escape at offset 5",
        "`01`                   | unexpected text after the JSON value at offset 1",
        "`-`                    | expected a digit (reached the end of the text) at offset 1",
        "`1.`                   | expected a digit after the decimal point (reached the end of the text) at offset 2",
        "`1e+`                  | expected a digit in the exponent (reached the end of the text) at offset 3",
        "`tru`                  | invalid literal, expected true at offset 0",
        "`nul1`                 | invalid literal, expected null at offset 0",
        "`{} {}`                | unexpected text after the JSON value at offset 3",
        "`'a'`                  | unexpected character ''', expected a value at offset 0",
    })
    void rejectsMalformedTextWithOffset(String text, String message) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(JsonException.class).hasMessage(message);
    }

    @Test
    void rejectsRawControlCharacterInString() {
        assertThatThrownBy(() -> Json.parse("\"a\nb\""))
                .isInstanceOf(JsonException.class)
                .hasMessage("control character U+000A in string (must be escaped) at offset 2")
                .extracting(e -> ((JsonException) e).offset()).isEqualTo(2);
    }

    @Test
    void rejectsHostileNestingWithoutStackOverflow() {
        String deep = "[".repeat(100_000);
        assertThatThrownBy(() -> Json.parse(deep)).isInstanceOf(JsonException.class).hasMessageContaining("nesting deeper than 512");
    }

    @Test
    void writesCompactAndEscaped() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "q\"\\\n\t\u0001é");
        m.put("i", 42);
        m.put("l", -7L);
        m.put("d", 0.1);
        m.put("f", 0.1f);
        m.put("whole", 3.0);
        m.put("negZero", -0.0);
        m.put("tiny", 1e-20);
        m.put("b", true);
        m.put("n", null);
        m.put("list", List.of(1, List.of(), Map.of()));
        assertThat(Json.write(m)).isEqualTo(
                "{\"s\":\"q\\\"\\\\\\n\\t\\u0001é\",\"i\":42,\"l\":-7,\"d\":0.1,\"f\":0.1,\"whole\":3,\"negZero\":-0.0,"
                        + "\"tiny\":1.0E-20,\"b\":true,\"n\":null,\"list\":[1,[],{}]}");
    }

    @Test
    void writesPretty() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", List.of(1, 2));
        m.put("b", Map.of());
        assertThat(Json.writePretty(m)).isEqualTo("{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {}\n}");
    }

    @Test
    void roundTripsValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", "line1\nline2 \"quoted\" \\ \u2028 \ud83d\ude00");
        m.put("nums", new ArrayList<>(List.of(0L, -1L, Long.MAX_VALUE, 1.5, -2.25e-300, 6.02214076e23)));
        m.put("nested", Map.of("x", List.of(Map.of("y", false))));
        assertThat(Json.parse(Json.write(m))).isEqualTo(m);
        assertThat(Json.parse(Json.writePretty(m))).isEqualTo(m);
    }

    @Test
    void refusesUnwritableValues() {
        assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(JsonException.class).hasMessage("cannot write the non-finite number NaN as JSON");
        assertThatThrownBy(() -> Json.write(Map.of(1, 2))).hasMessage("JSON object keys must be strings, found 1");
        assertThatThrownBy(() -> Json.write(new Object())).hasMessage("cannot write a java.lang.Object as JSON");
    }

    @Test
    void parseObjectRejectsOtherTypes() {
        assertThatThrownBy(() -> Json.parseObject("[1]")).hasMessage("expected a JSON object, found array at offset 0");
    }
}
