package dev.saraf.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV rows predict and evaluate read: RFC 4180 quoting, line numbers in errors. */
class CsvRowsTest {

    @Test
    void quotedFieldsCrlfAndBom(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a.csv");
        Files.writeString(f, "\uFEFFname, x ,y\r\n\"Smith, J\",1.5,\"say \"\"hi\"\"\"\r\n\r\n\"multi\nline\",2,3\n");
        CsvRows rows = CsvRows.read(f);
        assertThat(rows.header()).containsExactly("name", "x", "y");
        assertThat(rows.rows()).hasSize(2);
        assertThat(rows.rows().get(0).values()).containsEntry("name", "Smith, J").containsEntry("x", "1.5")
                .containsEntry("y", "say \"hi\"");
        assertThat(rows.rows().get(0).line()).isEqualTo(2);
        assertThat(rows.rows().get(1).values()).containsEntry("name", "multi\nline");
        assertThat(rows.rows().get(1).line()).isEqualTo(4);
    }

    @Test
    void errorsNameTheFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("b.csv");
        Files.writeString(f, "a,b\n1,2\n3\n");
        assertThatThrownBy(() -> CsvRows.read(f)).isInstanceOf(CliException.class)
                .hasMessageContaining("b.csv: line 3 has 1 fields, the header 2");
        Files.writeString(f, "a,b\n\"1,2\n");
        assertThatThrownBy(() -> CsvRows.read(f)).hasMessageContaining("line 2").hasMessageContaining("never closed");
        Files.writeString(f, "");
        assertThatThrownBy(() -> CsvRows.read(f)).hasMessageContaining("empty");
        assertThatThrownBy(() -> CsvRows.read(dir.resolve("none.csv"))).hasMessageContaining("no such file");
    }
}
