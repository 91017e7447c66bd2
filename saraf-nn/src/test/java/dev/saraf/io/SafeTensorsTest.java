package dev.saraf.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saraf.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir
    Path dir;

    @Test
    void roundTripIsBitIdentical() throws IOException {
        SplittableRandom rng = new SplittableRandom(7);
        float[] big = new float[300_000]; // larger than one I/O chunk
        for (int i = 0; i < big.length; i++) {
            big[i] = Float.intBitsToFloat(rng.nextInt());
        }
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.intBitsToFloat(0x7fc00123), Float.intBitsToFloat(0xffa00001)}; // NaNs with payloads
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("z.big", Tensor.wrap(big, 600, 500));
        tensors.put("special", Tensor.wrap(special, 2, 2, 2));
        tensors.put("scalar", Tensor.scalar(3.5f));
        tensors.put("empty", Tensor.zeros(0, 3));
        tensors.put("ünïcode name", Tensor.vector(1f));
        Map<String, String> meta = Map.of("arch", "{\"layers\": [1, 2]}\n\u00e9\ud83d\ude00", "seed", "42");
        Path f = dir.resolve("m.safetensors");
        SafeTensors.write(f, tensors, meta);

        SafeTensors.Contents c = SafeTensors.read(f);
        assertThat(c.metadata()).isEqualTo(meta);
        // stored in name order, as the reference writer does
        assertThat(c.tensors().keySet()).containsExactly("empty", "scalar", "special", "z.big", "ünïcode name");
        for (var e : tensors.entrySet()) {
            Tensor back = c.tensors().get(e.getKey());
            assertThat(back.shape()).as(e.getKey()).isEqualTo(e.getValue().shape());
            assertThat(rawBits(back.data())).as(e.getKey()).isEqualTo(rawBits(e.getValue().data()));
        }
        assertThat(Files.size(f)).isEqualTo(8 + headerLength(f) + 4L * (big.length + special.length + 1 + 0 + 1));
    }

    @Test
    void writesTheReferenceByteLayout() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("b", Tensor.vector(1f, -2f));
        tensors.put("a", Tensor.of(new float[] {0.5f}, 1, 1));
        Path f = dir.resolve("layout.safetensors");
        SafeTensors.write(f, tensors, Map.of("k", "v"));

        String json = "{\"__metadata__\":{\"k\":\"v\"},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        int padded = (json.length() + 7) / 8 * 8;
        ByteBuffer expected = ByteBuffer.allocate(8 + padded + 12).order(ByteOrder.LITTLE_ENDIAN);
        expected.putLong(padded).put((json + " ".repeat(padded - json.length())).getBytes(StandardCharsets.US_ASCII));
        expected.putFloat(0.5f).putFloat(1f).putFloat(-2f);
        assertThat(Files.readAllBytes(f)).isEqualTo(expected.array());
        assertThat(padded - json.length()).as("this case exercises padding").isPositive();
    }

    @Test
    void readsAHandBuiltFileWithOtherDtypesAndAnyKeyOrder() throws IOException {
        // JSON order differs from data order; the reader goes by offsets, as the reference does.
        String json = "{\"d\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[8,24]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},"
                + "\"__metadata__\":{\"format\":\"pt\"},"
                + "\"bf\":{\"dtype\":\"BF16\",\"shape\":[1,2],\"data_offsets\":[4,8]},"
                + "\"f\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[24,28]}}";
        ByteBuffer data = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
        data.putShort((short) 0x3c00).putShort((short) 0xc000); // F16 1.0, -2.0
        data.putShort((short) 0x3fc0).putShort((short) 0x4049); // BF16 1.5, 3.140625
        data.putDouble(0.1).putDouble(-1e300);
        data.putFloat(7.25f);
        Path f = file("hand", json, data.array());

        SafeTensors.Contents c = SafeTensors.read(f);
        assertThat(c.tensors().keySet()).containsExactly("h", "bf", "d", "f");
        assertThat(c.tensors().get("h").data()).containsExactly(1f, -2f);
        assertThat(c.tensors().get("bf").data()).containsExactly(1.5f, 3.140625f);
        assertThat(c.tensors().get("bf").dims()).containsExactly(1, 2);
        assertThat(c.tensors().get("d").data()).containsExactly(0.1f, Float.NEGATIVE_INFINITY);
        assertThat(c.tensors().get("f").rank()).isZero();
        assertThat(c.tensors().get("f").item()).isEqualTo(7.25f);
        assertThat(c.metadata()).containsExactly(Map.entry("format", "pt"));
    }

    @Test
    void readsAFileWithoutTensors() throws IOException {
        SafeTensors.write(dir.resolve("e.safetensors"), Map.of());
        assertThat(Files.readAllBytes(dir.resolve("e.safetensors"))).hasSize(16); // 8 + "{}" padded to 8
        assertThat(SafeTensors.read(dir.resolve("e.safetensors")).tensors()).isEmpty();
    }

    private static final String A = "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

    /** One corrupt file: a header, a data section, and the expected message. */
    record Corrupt(String label, String json, int dataBytes, String message) {}

    static List<Corrupt> corruptHeaders() {
        return List.of(
                new Corrupt("malformed JSON", "{" + A + ",}", 8, "malformed header JSON: expected a string key (at byte 62)"),
                new Corrupt("not an object", "[1]", 0, "malformed header JSON: expected a JSON object, found array (at byte 8)"),
                new Corrupt("duplicate name", "{" + A + "," + A + "}", 8, "malformed header JSON: duplicate key \"a\" (at byte 62)"),
                new Corrupt("unknown dtype", "{\"a\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8,
                        "tensor \"a\" has the unsupported dtype \"I64\" (saraf reads F32, F16, BF16, F64)"),
                new Corrupt("dtype not a string", "{\"a\":{\"dtype\":4,\"shape\":[1],\"data_offsets\":[0,4]}}", 4,
                        "tensor \"a\" field \"dtype\" must be a string, found number"),
                new Corrupt("missing shape", "{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", 4, "tensor \"a\" lacks the field \"shape\""),
                new Corrupt("unknown field", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}}", 4,
                        "tensor \"a\" has an unknown field \"x\" (expected dtype, shape, data_offsets)"),
                new Corrupt("entry not an object", "{\"a\":[1]}", 0,
                        "tensor \"a\" must be an object with dtype, shape and data_offsets, found array"),
                new Corrupt("negative dim", "{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4,
                        "tensor \"a\" field \"shape\" must hold non-negative integers, found -1 at index 0"),
                new Corrupt("fractional dim", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", 4,
                        "tensor \"a\" field \"shape\" must hold non-negative integers, found 1.5 at index 0"),
                new Corrupt("huge shape", "{\"a\":{\"dtype\":\"F32\",\"shape\":[65536,65536],\"data_offsets\":[0,4]}}", 4,
                        "tensor \"a\" shape [65536, 65536] has more than 2^31 elements, too many for one saraf tensor"),
                new Corrupt("three offsets", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}", 4,
                        "tensor \"a\" field \"data_offsets\" must hold 2 integers, found 3"),
                new Corrupt("reversed offsets", "{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,0]}}", 4,
                        "tensor \"a\" data_offsets [4, 0] end before they begin"),
                new Corrupt("shape vs offsets", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,20]}}", 20,
                        "tensor \"a\" shape [2, 3] of F32 needs 24 bytes but data_offsets [0, 20] span 20"),
                new Corrupt("metadata not an object", "{\"__metadata__\":\"x\"}", 0,
                        "\"__metadata__\" must be an object of strings, found string"),
                new Corrupt("metadata not strings", "{\"__metadata__\":{\"epochs\":3}}", 0,
                        "\"__metadata__\" entry \"epochs\" must be a string, found number"),
                new Corrupt("overlap", "{" + A + ",\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8,
                        "tensor \"b\" data_offsets [4, 8] overlap tensor \"a\", which ends at data byte 8 (at byte 119)"),
                new Corrupt("gap", "{" + A + ",\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[12,16]}}", 16,
                        "tensor \"b\" data_offsets [12, 16] leave a gap of 4 bytes after tensor \"a\" (at byte 125)"),
                new Corrupt("first not at 0", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8,
                        "tensor \"a\" data_offsets [4, 8] leave a gap of 4 bytes after the start of the data section (at byte 62)"),
                new Corrupt("truncated data", "{" + A + "}", 6,
                        "truncated: tensor \"a\" data_offsets [0, 8] run past the end of the 6-byte data section (the file is 68 bytes, 70 needed) (at byte 68)"),
                new Corrupt("trailing bytes", "{" + A + "}", 12,
                        "4 bytes after the last tensor's data are not described by the header (at byte 70)"));
    }

    @Test
    void rejectsCorruptHeadersNamingTheProblem() throws IOException {
        for (Corrupt c : corruptHeaders()) {
            Path f = file(c.label().replace(' ', '_'), c.json(), new byte[c.dataBytes()]);
            assertThatThrownBy(() -> SafeTensors.read(f)).as(c.label())
                    .isInstanceOf(SafeTensorsException.class)
                    .hasMessageStartingWith(f.toString() + ": ")
                    .hasMessageEndingWith(c.message());
        }
    }

    @Test
    void headerErrorsNameTheHeaderBytes() throws IOException {
        Path f = file("dtype", "{\"a\":{\"dtype\":\"X\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]);
        assertThatThrownBy(() -> SafeTensors.read(f)).hasMessageContaining(": header (bytes 8 to 60): tensor \"a\"");
    }

    @Test
    void rejectsBadLengthsAndEncodings() throws IOException {
        Path tiny = dir.resolve("tiny");
        Files.write(tiny, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> SafeTensors.read(tiny))
                .hasMessage(tiny + ": file is 3 bytes long, too short for the 8-byte header length (at byte 0)");

        Path longHeader = dir.resolve("longHeader");
        Files.write(longHeader, ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).array());
        assertThatThrownBy(() -> SafeTensors.read(longHeader))
                .hasMessage(longHeader + ": header length 1000 runs past the end of the file (only 12 bytes follow the length) (at byte 0)");

        Path huge = dir.resolve("huge");
        Files.write(huge, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1L).array());
        assertThatThrownBy(() -> SafeTensors.read(huge))
                .hasMessage(huge + ": header length 18446744073709551615 exceeds the 100000000-byte limit (at byte 0)");

        byte[] bad = "{\"a\u00ff\":1}".getBytes(StandardCharsets.ISO_8859_1); // 0xff is never valid UTF-8
        Path latin = dir.resolve("latin");
        Files.write(latin, concat(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(bad.length).array(), bad));
        assertThatThrownBy(() -> SafeTensors.read(latin)).hasMessage(latin + ": header is not valid UTF-8 (at byte 11)");
    }

    @Test
    void everyTruncationOfAValidFileIsRejected() throws IOException {
        Path f = dir.resolve("ok.safetensors");
        SafeTensors.write(f, Map.of("w", Tensor.vector(1f, 2f, 3f), "b", Tensor.scalar(4f)), Map.of("k", "v"));
        byte[] whole = Files.readAllBytes(f);
        for (int len = 0; len < whole.length; len++) {
            Path cut = dir.resolve("cut" + len);
            Files.write(cut, java.util.Arrays.copyOf(whole, len));
            assertThatThrownBy(() -> SafeTensors.read(cut)).as("cut at " + len).isInstanceOf(SafeTensorsException.class);
        }
    }

    @Test
    void writeReplacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path f = dir.resolve("model.safetensors");
        SafeTensors.write(f, Map.of("w", Tensor.vector(1f)));
        SafeTensors.write(f, Map.of("w", Tensor.vector(2f, 3f)));
        assertThat(SafeTensors.read(f).tensors().get("w").data()).containsExactly(2f, 3f);
        assertThatThrownBy(() -> SafeTensors.write(f, Map.of("__metadata__", Tensor.vector(1f))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("safetensors: \"__metadata__\" is reserved and cannot name a tensor");
        assertThat(SafeTensors.read(f).tensors().get("w").data()).containsExactly(2f, 3f);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("model.safetensors");
        }
    }

    private Path file(String name, String json, byte[] data) throws IOException {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        byte[] length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array();
        Path f = dir.resolve(name + ".safetensors");
        Files.write(f, concat(concat(length, header), data));
        return f;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static long headerLength(Path f) throws IOException {
        try (var in = Files.newInputStream(f)) {
            return ByteBuffer.wrap(in.readNBytes(8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
        }
    }

    private static int[] rawBits(float[] data) {
        int[] bits = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            bits[i] = Float.floatToRawIntBits(data[i]);
        }
        return bits;
    }
}
