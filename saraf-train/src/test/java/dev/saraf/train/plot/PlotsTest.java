package dev.saraf.train.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saraf.tensor.Tensor;
import dev.saraf.train.EpochRecord;
import dev.saraf.train.History;
import dev.saraf.train.metrics.ConfusionMatrix;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static History history() {
        History h = new History();
        double[] loss = {1.2, 0.7, 0.5, 0.42, 0.4};
        double[] val = {1.0, 0.75, 0.6, 0.58, 0.6};
        for (int e = 0; e < loss.length; e++) {
            h.add(new EpochRecord(e + 1, loss[e], Map.of("accuracy", 0.6 + 0.07 * e), val[e], Map.of("accuracy", 0.62 + 0.05 * e),
                    1e-3, 1, 1000));
        }
        return h;
    }

    private static BufferedImage readPng(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).startsWith(PNG_MAGIC);
        BufferedImage img = ImageIO.read(file.toFile());
        assertThat(img).isNotNull();
        return img;
    }

    private static Color at(BufferedImage img, int x, int y) {
        return new Color(img.getRGB(x, y));
    }

    @Test
    void lossAndAccuracyCurves(@TempDir Path dir) throws Exception {
        Path loss = dir.resolve("plots/loss.png");
        Curves.writeLoss(history(), loss, 640, 400);
        BufferedImage img = readPng(loss);
        assertThat(img.getWidth()).isEqualTo(640);
        assertThat(img.getHeight()).isEqualTo(400);
        assertThat(at(img, 2, 2)).isEqualTo(Color.WHITE);
        int lx = Curves.legendX(640) + 18;
        int ly = Curves.TOP + 10 + 12 + 2;
        assertThat(at(img, lx, ly)).isEqualTo(Png.TRAIN);
        assertThat(at(img, lx, ly + 18)).isEqualTo(Png.VALIDATION);
        assertThat(count(img, Png.TRAIN)).isGreaterThan(300);
        assertThat(count(img, Png.VALIDATION)).isGreaterThan(300);
        assertThat(count(img, Png.AXIS)).isGreaterThan(500); // frame, ticks and labels

        Path acc = dir.resolve("accuracy.png");
        Curves.writeAccuracy(history(), acc, 500, 300);
        assertThat(readPng(acc).getWidth()).isEqualTo(500);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void curvesWithoutValidationHaveNoValidationLine() {
        History h = new History();
        h.add(new EpochRecord(1, 1.0, Map.of(), Double.NaN, Map.of(), 0.1, 1, 1));
        h.add(new EpochRecord(2, 0.5, Map.of(), Double.NaN, Map.of(), 0.1, 1, 1));
        BufferedImage img = Curves.render("Loss", "loss", h.series("loss"), h.series("val_loss"), 400, 300);
        assertThat(count(img, Png.VALIDATION)).isZero();
        assertThat(count(img, Png.TRAIN)).isGreaterThan(100);
        assertThatThrownBy(() -> Curves.render("x", "x", new double[1], null, 50, 50)).hasMessageContaining("too small");
    }

    @Test
    void confusionHeatmapShadesCellsByRowShare(@TempDir Path dir) throws Exception {
        ConfusionMatrix m = new ConfusionMatrix(3);
        for (int i = 0; i < 10; i++) {
            m.add(0, 0);
        }
        for (int i = 0; i < 3; i++) {
            m.add(1, 1);
            m.add(1, 2);
        }
        List<String> names = List.of("cat", "dog", "ankle boot");
        Path file = dir.resolve("confusion.png");
        ConfusionHeatmap.write(m, names, file);
        BufferedImage img = readPng(file);
        ConfusionHeatmap.Layout l = ConfusionHeatmap.Layout.of(3, names);
        assertThat(img.getWidth()).isEqualTo(l.width());
        assertThat(img.getHeight()).isEqualTo(l.height());
        int cell = l.cell();
        // corner pixels of cells, away from the centred count
        assertThat(at(img, l.left() + 3, ConfusionHeatmap.TOP + 3)).isEqualTo(ConfusionHeatmap.DARK); // (0,0): 10/10
        assertThat(at(img, l.left() + cell + 3, ConfusionHeatmap.TOP + 3)).isEqualTo(Color.WHITE); // (0,1): 0
        assertThat(at(img, l.left() + cell + 3, ConfusionHeatmap.TOP + cell + 3)).isEqualTo(ConfusionHeatmap.shade(0.5));
        assertThat(at(img, l.left() + 2 * cell + 3, ConfusionHeatmap.TOP + 2 * cell + 3)).isEqualTo(Color.WHITE); // empty row
        // the count "10" is drawn in white on the dark cell
        assertThat(countIn(img, Color.WHITE, l.left(), ConfusionHeatmap.TOP, cell, cell)).isPositive();
    }

    @Test
    void imageGridMarksWrongPredictionsInRed(@TempDir Path dir) throws Exception {
        // 5 grey 8x8 images: image i is a horizontal gradient; predictions wrong for 1 and 3
        float[] px = new float[5 * 64];
        for (int i = 0; i < 5; i++) {
            for (int k = 0; k < 64; k++) {
                px[i * 64 + k] = (k % 8) / 7f;
            }
        }
        Tensor images = Tensor.wrap(px, 5, 1, 8, 8);
        int[] pred = {0, 2, 2, 1, 4};
        int[] truth = {0, 1, 2, 3, 4};
        Path file = dir.resolve("grid.png");
        ImageGrid.write(images, pred, truth, List.of("zero", "one", "two", "three", "four"), 3, file);
        BufferedImage img = readPng(file);
        ImageGrid.Layout l = ImageGrid.Layout.of(images, pred, truth, 3);
        assertThat(img.getWidth()).isEqualTo(l.width());
        assertThat(img.getHeight()).isEqualTo(l.height());
        assertThat(l.scale()).isEqualTo(7);
        for (int i = 0; i < 5; i++) {
            Color frame = at(img, l.tileX(i) + 1, l.tileY(i) + 1);
            assertThat(frame).as("frame of image %d", i).isEqualTo(pred[i] == truth[i] ? Png.RIGHT : Png.WRONG);
        }
        // left column of pixels black, right column white
        int x0 = l.tileX(0) + ImageGrid.BORDER;
        int y0 = l.tileY(0) + ImageGrid.BORDER;
        assertThat(at(img, x0 + 1, y0 + 1)).isEqualTo(Color.BLACK);
        assertThat(at(img, x0 + 7 * 7 + 1, y0 + 1)).isEqualTo(Color.WHITE);
        // red label text under the wrong image 1
        assertThat(countIn(img, Png.WRONG, l.tileX(1), l.tileY(1) + l.tileH() + 2, l.tileW(), 30)).isPositive();
        assertThatThrownBy(() -> ImageGrid.render(images, new int[2], truth, null, 3)).hasMessageContaining("5 images");
    }

    @Test
    void imageGridShowsRgbChannels() {
        // one 4x4 RGB image: left half red (R=1), right half blue (B=1)
        float[] px = new float[3 * 16];
        for (int k = 0; k < 16; k++) {
            boolean left = k % 4 < 2;
            px[k] = left ? 1 : 0;
            px[32 + k] = left ? 0 : 1;
        }
        Tensor images = Tensor.wrap(px, 1, 3, 4, 4);
        BufferedImage img = ImageGrid.render(images, new int[] {0}, new int[] {0}, null, 4);
        ImageGrid.Layout l = ImageGrid.Layout.of(images, new int[] {0}, new int[] {0}, 4);
        int x0 = l.tileX(0) + ImageGrid.BORDER;
        int y0 = l.tileY(0) + ImageGrid.BORDER;
        assertThat(at(img, x0 + 1, y0 + 1)).isEqualTo(Color.RED);
        assertThat(at(img, x0 + 3 * l.scale() + 1, y0 + 1)).isEqualTo(Color.BLUE);
    }

    private static int count(BufferedImage img, Color c) {
        return countIn(img, c, 0, 0, img.getWidth(), img.getHeight());
    }

    private static int countIn(BufferedImage img, Color c, int x, int y, int w, int h) {
        int n = 0;
        for (int j = y; j < Math.min(img.getHeight(), y + h); j++) {
            for (int i = x; i < Math.min(img.getWidth(), x + w); i++) {
                n += img.getRGB(i, j) == c.getRGB() ? 1 : 0;
            }
        }
        return n;
    }
}
