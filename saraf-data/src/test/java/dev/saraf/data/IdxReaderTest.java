package dev.saraf.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IdxReaderTest {
    @TempDir
    Path dir;

    @Test
    void rawAndGzippedFilesReadTheSame() throws Exception {
        byte[] raw = IdxFiles.images(5, 3, 4);
        Path a = dir.resolve("a-idx3-ubyte");
        Path b = dir.resolve("b-idx3-ubyte.gz");
        Path c = dir.resolve("c-gzipped-without-suffix");
        Files.write(a, raw);
        Files.write(b, IdxFiles.gzip(raw));
        Files.write(c, IdxFiles.gzip(raw));
        for (Path p : new Path[] {a, b, c}) {
            IdxFile f = IdxReader.readImages(p);
            assertThat(f.dims()).containsExactly(5, 3, 4);
            assertThat(f.count()).isEqualTo(5);
            assertThat(f.itemSize()).isEqualTo(12);
            assertThat(f.data()).isEqualTo(Arrays.copyOfRange(raw, 16, raw.length));
            assertThat(f.fileName()).isEqualTo(p.getFileName().toString());
        }
    }

    @Test
    void labelsRoundTrip() throws Exception {
        Path p = dir.resolve("labels.gz");
        Files.write(p, IdxFiles.gzip(IdxFiles.labels(7, 3)));
        IdxFile f = IdxReader.readLabels(p);
        assertThat(f.dims()).containsExactly(7);
        assertThat(f.data()).containsExactly(0, 1, 2, 0, 1, 2, 0);
    }

    @Test
    void aLargeFileIsReadWhole() {
        // 60000 x 28 x 28 would be slow to build in a unit test; 2000 images exercise the bulk reads.
        byte[] raw = IdxFiles.images(2000, 28, 28);
        IdxFile f = IdxReader.read("big.gz", new ByteArrayInputStream(IdxFiles.gzip(raw)), 3);
        assertThat(f.data()).hasSize(2000 * 784);
        assertThat(f.data()[1999 * 784 + 783]).isEqualTo(raw[raw.length - 1]);
    }

    static Stream<Arguments> corrupt() {
        byte[] good = IdxFiles.images(10, 28, 28);
        byte[] badMagic = good.clone();
        badMagic[0] = 0x50;
        badMagic[1] = 0x4B;
        byte[] floats = good.clone();
        floats[2] = 0x0D;
        byte[] truncated = Arrays.copyOf(good, 16 + 784 * 9 + 100);
        byte[] longer = Arrays.copyOf(good, good.length + 3);
        return Stream.of(
                Arguments.of("bad magic", badMagic, 3,
                        "train-images-idx3-ubyte.gz: byte 0: not an IDX file (magic number starts 50 4b, expected 00 00)"),
                Arguments.of("float data", floats, 3,
                        "train-images-idx3-ubyte.gz: byte 2: expected data type 0x08 (unsigned byte), found 0x0d (float)"),
                Arguments.of("labels where images expected", IdxFiles.labels(10, 10), 3,
                        "train-images-idx3-ubyte.gz: byte 3: expected 3 dimensions, found 1"),
                Arguments.of("images where labels expected", good, 1,
                        "train-images-idx3-ubyte.gz: byte 3: expected 1 dimension, found 3"),
                Arguments.of("truncated data", truncated, 3,
                        "train-images-idx3-ubyte.gz: truncated at byte 7,172: header promises 10 images of 28x28"),
                Arguments.of("truncated header", Arrays.copyOf(good, 10), 3,
                        "train-images-idx3-ubyte.gz: truncated at byte 10: the header promises 3 dimension sizes"),
                Arguments.of("too short for magic", new byte[] {0, 0}, 3,
                        "train-images-idx3-ubyte.gz: truncated at byte 2: an IDX header needs at least 4 bytes"),
                Arguments.of("trailing bytes", longer, 3,
                        "train-images-idx3-ubyte.gz: byte 7,856: more data after the end; header promises only 10 images of 28x28"),
                Arguments.of("truncated labels", Arrays.copyOf(IdxFiles.labels(60000, 10), 8 + 59000), 1,
                        "train-images-idx3-ubyte.gz: truncated at byte 59,008: header promises 60000 labels"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corrupt")
    void corruptFilesAreRejectedWithFileAndOffset(String what, byte[] content, int dims, String message)
            throws Exception {
        for (byte[] bytes : new byte[][] {content, IdxFiles.gzip(content)}) {
            Path p = dir.resolve("train-images-idx3-ubyte.gz");
            Files.write(p, bytes);
            assertThatThrownBy(() -> IdxReader.read(p, dims)).isInstanceOf(DataException.class).hasMessage(message);
        }
    }

    @Test
    void aTruncatedGzipStreamIsReported() throws Exception {
        byte[] gz = IdxFiles.gzip(IdxFiles.images(50, 28, 28));
        Path p = dir.resolve("t10k-images-idx3-ubyte.gz");
        Files.write(p, Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> IdxReader.readImages(p)).isInstanceOf(DataException.class)
                .hasMessageStartingWith("t10k-images-idx3-ubyte.gz: ");
    }

    @Test
    void aMissingFileIsNamed() {
        Path p = dir.resolve("nothing.gz");
        assertThatThrownBy(() -> IdxReader.readLabels(p)).isInstanceOf(DataException.class)
                .hasMessage(p + ": no such file");
    }
}
