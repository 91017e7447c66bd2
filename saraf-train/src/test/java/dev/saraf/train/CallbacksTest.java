package dev.saraf.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saraf.nn.Module;
import dev.saraf.nn.loss.CrossEntropyLoss;
import dev.saraf.optim.SGD;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallbacksTest {
    private static final Synthetic.Table TRAIN = Synthetic.blobs(200, 3, 4);
    private static final Synthetic.Table VAL = Synthetic.blobs(60, 3, 5);

    private static Trainer trainer() {
        Module model = Models.mlp(2, 3, 1, null);
        return new Trainer(model, new CrossEntropyLoss(), new SGD(model.parameters(), 0.05f), Trainer.Options.classification(1));
    }

    @Test
    void earlyStoppingStopsAfterPatienceAndRestoresTheBestWeights() {
        // The training loss falls every epoch, so watched as "higher is better" only epoch 1 is best.
        EarlyStopping es = new EarlyStopping(new Monitor("loss", Monitor.Mode.MAX, 0), 1, true);
        Trainer t = trainer();
        History h = t.fit(Synthetic.loader(TRAIN, 20, true, 1), null, 10, es);
        assertThat(h.size()).isEqualTo(3);
        assertThat(h.stopReason()).contains("early stopping").contains("loss").contains("epoch 1");
        assertThat(es.bestEpoch()).isEqualTo(1);
        Trainer one = trainer();
        one.fit(Synthetic.loader(TRAIN, 20, true, 1), null, 1);
        assertThat(Models.weights(t.model())).isDeepEqualTo(Models.weights(one.model()));
    }

    @Test
    void earlyStoppingWithoutImprovementLimitRunsToTheEnd() {
        EarlyStopping es = new EarlyStopping(Monitor.of("loss"), 5, false);
        History h = trainer().fit(Synthetic.loader(TRAIN, 20, true, 1), null, 3, es);
        assertThat(h.size()).isEqualTo(3);
        assertThat(h.stopReason()).isNull();
    }

    @Test
    void terminateOnNaNNamesEpochAndBatch() {
        float[] x = TRAIN.x().clone();
        x[2 * 25] = Float.NaN; // example 25: batch 3 of size 10, unshuffled
        Synthetic.Table bad = new Synthetic.Table("bad", x, TRAIN.y(), 2, 0, TRAIN.classes());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        History h = trainer().fit(Synthetic.loader(bad, 10, false, 0), null, 3,
                new TerminateOnNaN(new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertThat(h.size()).isZero();
        assertThat(h.stopReason()).contains("loss is NaN at epoch 1, batch 3 of 20");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("epoch 1, batch 3");
    }

    @Test
    void progressBarPrintsPlainLinesWhenNotOnATerminal() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        trainer().fit(Synthetic.loader(TRAIN, 20, true, 1), Synthetic.loader(VAL, 30, false, 0), 2, new ProgressBar(out, false, 50));
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(4).noneMatch(l -> l.contains("\r"));
        assertThat(lines[0]).startsWith("epoch 1/2 [").contains(" 50%").contains("loss ").contains("acc ")
                .contains("samples/s").contains("ETA 0:");
        assertThat(lines[1]).startsWith("epoch 1/2  loss ").contains("val_loss").contains("val_acc").contains("samples/s");
        assertThat(lines[3]).startsWith("epoch 2/2  loss ");
    }

    @Test
    void progressBarRedrawsOneLineOnATerminal() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        trainer().fit(Synthetic.loader(TRAIN, 20, true, 1), null, 1,
                new ProgressBar(new PrintStream(buf, true, StandardCharsets.UTF_8), true, 10));
        String s = buf.toString(StandardCharsets.UTF_8);
        assertThat(s).startsWith("\repoch 1/1 [").contains("100%").endsWith(System.lineSeparator());
        assertThat(s.split("\n")).hasSize(1);
    }

    @Test
    void loggersWriteTheHistoryAsCsvAndJson(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("logs/history.csv");
        Path json = dir.resolve("history.json");
        History h = trainer().fit(Synthetic.loader(TRAIN, 20, true, 1), Synthetic.loader(VAL, 30, false, 0), 2,
                new CsvLogger(csv), new JsonLogger(json));
        var rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).isEqualTo("epoch,loss,accuracy,val_loss,val_accuracy,lr,seconds,samples_per_second");
        assertThat(rows.get(2)).startsWith("2," + h.last().loss() + "," + h.last().metrics().get("accuracy") + ",");
        History back = History.fromJson(Files.readString(json));
        assertThat(back).isEqualTo(h);
        assertThat(back.last().seconds()).isEqualTo(h.last().seconds());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp"))).isEmpty();
        }
        assertThat(Arrays.stream(h.series("val_accuracy")).allMatch(v -> v > 0.5)).isTrue();
    }
}
