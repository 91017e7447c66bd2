package dev.saraf.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import dev.saraf.data.CsvReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a CSV file with a header (RFC 4180: quoted fields, doubled quotes, CRLF), as maps
 * from column name to text, for applying a model's recorded preprocessing to new rows.
 *
 * @param file   the file read
 * @param header the column names
 * @param rows   one map per data row, in file order, with the 1-based line it started on
 */
record CsvRows(Path file, List<String> header, List<Row> rows) {

    /** One data row. */
    record Row(int line, Map<String, String> values) {}

    /** Reads {@code file}; errors name the file and line. */
    static CsvRows read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException("no such file: " + file);
        } catch (IOException e) {
            throw new CliException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        List<CsvReader.Row> records = CsvReader.parse(file.toString(), text);
        if (records.isEmpty()) {
            throw new CliException(file + ": empty; expected a header row and data rows");
        }
        List<String> header = records.getFirst().fields().stream().map(String::strip).toList();
        List<Row> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> fields = records.get(r).fields();
            int line = records.get(r).line();
            if (fields.size() == 1 && fields.getFirst().isBlank()) {
                continue;
            }
            if (fields.size() != header.size()) {
                throw new CliException(file + ": line " + line + " has " + fields.size() + " fields, the header "
                        + header.size());
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                values.put(header.get(c), fields.get(c));
            }
            rows.add(new Row(line, values));
        }
        return new CsvRows(file, header, rows);
    }
}
