package dev.saraf.cli;

import dev.saraf.data.Datasets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code saraf datasets}: where each named data set was found on this machine, or how to get it. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = {"Show where each data set was found, or how to get it.",
                "saraf looks for mnist and fashion-mnist in: --data-dir, $SARAF_DATA, ~/.saraf/datasets/NAME,",
                "/usr/share/datasets/NAME (Debian's dataset-fashion-mnist); mnist falls back to the bundled digits."},
        footerHeading = "%nExamples:%n",
        footer = {"  saraf datasets",
                "  SARAF_DATA=/data/mnist saraf datasets"})
final class DatasetsCommand implements Callable<Integer> {
    private final Console console;

    DatasetsCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        console.out().print(Datasets.describe());
        console.out().println("(saraf train --data NAME --download fetches a missing data set; --data-dir DIR uses a copy of your own)");
        return 0;
    }
}
