package dev.saraf.cli;

import java.util.List;

/**
 * A confusion matrix as an aligned text table: rows the true classes, columns the predicted ones,
 * every column as wide as its longest label (names cut at 10 characters) or count.
 */
final class ConfusionTable {
    private static final int MAX_LABEL = 10;

    private ConfusionTable() {}

    /** The table of {@code counts[true][predicted]} labelled with {@code names} (indices where missing). */
    static String format(long[][] counts, List<String> names) {
        int k = counts.length;
        String[] labels = new String[k];
        int rowWidth = "true\\pred".length();
        int cell = 1;
        for (int c = 0; c < k; c++) {
            String name = c < names.size() ? names.get(c) : Integer.toString(c);
            labels[c] = name.length() > MAX_LABEL ? name.substring(0, MAX_LABEL - 1) + "~" : name;
            rowWidth = Math.max(rowWidth, labels[c].length());
            cell = Math.max(cell, labels[c].length());
            for (long n : counts[c]) {
                cell = Math.max(cell, Long.toString(n).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(pad("true\\pred", rowWidth));
        for (String l : labels) {
            sb.append("  ").append(pad(l, cell));
        }
        sb.append('\n');
        for (int a = 0; a < k; a++) {
            sb.append(pad(labels[a], rowWidth));
            for (int p = 0; p < k; p++) {
                sb.append("  ").append(pad(Long.toString(counts[a][p]), cell));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Right-aligned in {@code width}. */
    private static String pad(String s, int width) {
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }
}
