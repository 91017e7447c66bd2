package dev.saraf.data;

import java.util.ArrayList;
import java.util.List;

/** Which named data sets this machine has, and how to get the others: what {@code saraf datasets} prints. */
public final class Datasets {
    private Datasets() {}

    /** One data set's status: {@code where} is a directory and rule, or how to get it. */
    public record Entry(String name, boolean available, String where) {
        @Override
        public String toString() {
            return name + ": " + where;
        }
    }

    /** The status of {@code mnist} and {@code fashion-mnist} on this machine, one line each. */
    public static String describe() {
        return describe(DatasetLocator.system());
    }

    /** The status of each named data set as found by {@code locator}, one line each. */
    public static String describe(DatasetLocator locator) {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries(locator)) {
            sb.append(e).append('\n');
        }
        return sb.toString();
    }

    /** The status of each named data set as found by {@code locator}. */
    public static List<Entry> entries(DatasetLocator locator) {
        List<Entry> entries = new ArrayList<>();
        var mnist = locator.find("mnist", null);
        entries.add(mnist.map(l -> new Entry("mnist", true, l.dir() + " (" + l.source() + ")"))
                .orElseGet(() -> new Entry("mnist", true, "full set not found; using the 10,000 bundled digits "
                        + "(mnist-10k); saraf downloads the full set into " + locator.cacheDir("mnist")
                        + " when online")));
        var fashion = locator.find("fashion-mnist", null);
        entries.add(fashion.map(l -> new Entry("fashion-mnist", true, l.dir() + " (" + l.source() + ")"))
                .orElseGet(() -> new Entry("fashion-mnist", false, "not found; apt-get install dataset-fashion-mnist, "
                        + "or saraf downloads it into " + locator.cacheDir("fashion-mnist") + " when online")));
        entries.add(new Entry("mnist-10k", true, "bundled in saraf-data (8,000 training + 2,000 test digits)"));
        return entries;
    }
}
