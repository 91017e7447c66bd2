package dev.saraf.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreprocessingTest {
    @Test
    void mapRoundTripsForEachKind() {
        List<Preprocessing> all = List.of(
                Preprocessing.image(1, 28, 28, Mnist.DIGITS),
                Preprocessing.csv(Task.REGRESSION, List.of("a", "b"), new float[] {1.5f, -2f}, new float[] {0.5f, 3f},
                        List.of()),
                Preprocessing.none(Mnist.bundled().test(), Task.CLASSIFICATION));
        for (Preprocessing p : all) {
            Map<String, Object> m = p.toMap();
            assertThat(Preprocessing.fromMap(m)).isEqualTo(p);
        }
        assertThat(all.get(0).toMap()).containsEntry("kind", "image").containsEntry("channels", 1)
                .containsEntry("input_shape", List.of(1, 28, 28));
    }

    @Test
    void fromMapAcceptsNumbersOfAnyTypeAsAJsonParserGivesThem() {
        Map<String, Object> m = Map.of("kind", "csv", "task", "classification", "class_names", List.of("no", "yes"),
                "input_shape", List.of(2L), "feature_names", List.of("x", "y"), "mean", List.of(1, 2.5),
                "std", List.of(1L, 0.5));
        Preprocessing p = Preprocessing.fromMap(m);
        assertThat(p.applyToCsvRow(Map.of("x", "3", "y", "2"))).containsExactly(2f, -1f);
        assertThatThrownBy(() -> p.applyToCsvRow(Map.of("x", "3"))).hasMessage(
                "CSV row has no column \"y\"; the model needs x, y");
        assertThatThrownBy(() -> p.applyToCsvRow(Map.of("x", "3", "y", "big"))).hasMessage(
                "CSV column \"y\": \"big\" is not a number");
        assertThatThrownBy(() -> Preprocessing.fromMap(Map.of("kind", "csv"))).hasMessage(
                "preprocessing: \"task\" must be a string, got null");
    }

    @Test
    void imagesAreResizedToTheRecordedSizeAndScaled() {
        Preprocessing p = Preprocessing.image(1, 28, 28, Mnist.DIGITS);
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(3, 2, 0, 255);
        img.getRaster().setSample(4, 2, 0, 17);
        float[] x = p.applyToImage(img);
        assertThat(x).hasSize(784);
        assertThat(x[2 * 28 + 3]).isEqualTo(1f);
        assertThat(x[2 * 28 + 4]).isEqualTo(17f / 255f);
        assertThat(x[0]).isZero();
        assertThat(p.applyToImage(new BufferedImage(280, 140, BufferedImage.TYPE_INT_RGB))).hasSize(784);
        assertThatThrownBy(() -> p.applyToCsvRow(Map.of())).isInstanceOf(IllegalStateException.class);
    }
}
