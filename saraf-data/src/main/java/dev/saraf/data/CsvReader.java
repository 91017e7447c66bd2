package dev.saraf.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records per RFC 4180: comma-separated fields, fields in double quotes may
 * hold commas, line breaks and doubled quotes ({@code ""} for {@code "}), lines end in CRLF or LF.
 * A leading byte-order mark and empty lines are skipped.
 */
public final class CsvReader {
    private CsvReader() {}

    /** One record and the 1-based line it starts on. */
    public record Row(int line, List<String> fields) {}

    /**
     * The records of {@code text}.
     *
     * @param file name for messages
     * @throws DataException naming the line of a quote that is never closed or text after a closing quote
     */
    public static List<Row> parse(String file, String text) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int line = 1;
        int rowLine = 1;
        int n = text.length();
        boolean atFieldStart = true; // nothing of the current field read yet: a quote opens a quoted field
        boolean rowStarted = false; // distinguishes an empty line from a row of one empty field
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"' && atFieldStart) {
                int quoteLine = line;
                i++;
                while (true) {
                    if (i >= n) {
                        throw new DataException(file + ": line " + quoteLine + ": quoted field is never closed");
                    }
                    char q = text.charAt(i);
                    if (q == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (q == '\n') {
                        line++;
                    }
                    field.append(q);
                    i++;
                }
                atFieldStart = false;
                rowStarted = true;
                if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    throw new DataException(file + ": line " + line + ": text after the closing quote of a field");
                }
                continue;
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                atFieldStart = true;
                rowStarted = true;
                i++;
                continue;
            }
            if (c == '\r' || c == '\n') {
                i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                endRow(rows, fields, field, rowStarted, rowLine);
                fields = new ArrayList<>();
                atFieldStart = true;
                rowStarted = false;
                line++;
                rowLine = line;
                continue;
            }
            field.append(c);
            atFieldStart = false;
            rowStarted = true;
            i++;
        }
        endRow(rows, fields, field, rowStarted, rowLine);
        return rows;
    }

    private static void endRow(List<Row> rows, List<String> fields, StringBuilder field, boolean started, int line) {
        if (!started) {
            return; // an empty line
        }
        fields.add(field.toString());
        field.setLength(0);
        rows.add(new Row(line, fields));
    }
}
