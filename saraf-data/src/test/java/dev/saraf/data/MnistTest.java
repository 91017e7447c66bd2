package dev.saraf.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.saraf.tensor.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {
    @TempDir
    Path tmp;

    private DatasetLocator emptyLocator() {
        return new DatasetLocator(null, tmp.resolve("home"), tmp.resolve("system"));
    }

    private static int[] classCounts(Dataset d) {
        int[] counts = new int[d.classNames().size()];
        float[] t = new float[1];
        for (int i = 0; i < d.size(); i++) {
            d.copyTarget(i, t, 0);
            counts[(int) t[0]]++;
        }
        return counts;
    }

    @Test
    void bundledDigitsHaveTheReadmesCounts() {
        Splits s = Mnist.bundled();
        assertThat(s.train().size()).isEqualTo(8000);
        assertThat(s.test().size()).isEqualTo(2000);
        assertThat(s.train().name()).isEqualTo("mnist-10k");
        assertThat(classCounts(s.train())).containsExactly(801, 902, 793, 826, 784, 690, 811, 856, 755, 782);
        assertThat(classCounts(s.test())).containsExactly(200, 225, 198, 206, 196, 173, 203, 214, 189, 196);
        assertThat(s.train().inputShape()).isEqualTo(Shape.of(1, 28, 28));
        assertThat(s.train().targetShape()).isEqualTo(Shape.scalar());
        assertThat(s.train().classNames()).isEqualTo(Mnist.DIGITS);
        assertThat(s.preprocessing()).isEqualTo(Preprocessing.image(1, 28, 28, Mnist.DIGITS));
    }

    @Test
    void pixelsAreBytesOver255() {
        Dataset d = Mnist.bundled().train();
        float[] x = new float[784];
        d.copyInput(0, x, 0);
        float max = 0;
        for (float v : x) {
            assertThat(v).isBetween(0f, 1f);
            assertThat(Math.round(v * 255f) / 255f).isEqualTo(v);
            max = Math.max(max, v);
        }
        assertThat(max).isEqualTo(1f);
    }

    @Test
    void mnistFallsBackToTheBundledDigitsWhenNoFullCopyIsFound() {
        Splits s = Mnist.load("mnist", null, emptyLocator(), null);
        assertThat(s.train().name()).isEqualTo("mnist-10k");
        assertThat(s.train().size()).isEqualTo(8000);
    }

    @Test
    void loadsAFullCopyFromTheLocatedDirectory() throws Exception {
        Path d = tmp.resolve("home/mnist");
        Files.createDirectories(d);
        Files.write(d.resolve("train-images-idx3-ubyte.gz"), IdxFiles.gzip(IdxFiles.images(30, 28, 28)));
        Files.write(d.resolve("train-labels-idx1-ubyte"), IdxFiles.labels(30, 10));
        Files.write(d.resolve("t10k-images-idx3-ubyte"), IdxFiles.images(12, 28, 28));
        Files.write(d.resolve("t10k-labels-idx1-ubyte.gz"), IdxFiles.gzip(IdxFiles.labels(12, 10)));
        Splits s = Mnist.load("mnist", null, emptyLocator(), null);
        assertThat(s.train().name()).isEqualTo("mnist");
        assertThat(s.train().size()).isEqualTo(30);
        assertThat(s.test().size()).isEqualTo(12);
        float[] x = new float[784];
        s.train().copyInput(3, x, 0);
        assertThat(x[5]).isEqualTo(((3 * 31 + 5 * 7) & 0xFF) / 255f);
    }

    @Test
    void mismatchedCountsAndLabelsOutOfRangeAreNamed() throws Exception {
        Path d = tmp.resolve("bad");
        Files.createDirectories(d);
        Files.write(d.resolve("train-images-idx3-ubyte"), IdxFiles.images(30, 28, 28));
        Files.write(d.resolve("train-labels-idx1-ubyte"), IdxFiles.labels(29, 10));
        Files.write(d.resolve("t10k-images-idx3-ubyte"), IdxFiles.images(12, 28, 28));
        Files.write(d.resolve("t10k-labels-idx1-ubyte"), IdxFiles.labels(12, 10));
        assertThatThrownBy(() -> Mnist.load("mnist", d, emptyLocator(), null)).isInstanceOf(DataException.class)
                .hasMessage("train-labels-idx1-ubyte: 29 labels for 30 images in train-images-idx3-ubyte");
        Files.write(d.resolve("train-labels-idx1-ubyte"), IdxFiles.labels(30, 11));
        assertThatThrownBy(() -> Mnist.load("mnist", d, emptyLocator(), null)).isInstanceOf(DataException.class)
                .hasMessage("train-labels-idx1-ubyte: byte 18: label 10 is not below the 10 classes");
    }

    @Test
    void fashionMnistMissingSaysHowToGetIt() {
        assertThatThrownBy(() -> Mnist.load("fashion-mnist", null, emptyLocator(), null))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("fashion-mnist: not found in ")
                .hasMessageContaining("apt-get install dataset-fashion-mnist");
        assertThatThrownBy(() -> Mnist.load("cifar", null, emptyLocator(), null))
                .hasMessage("unknown data set \"cifar\"; known: mnist, fashion-mnist, mnist-10k");
    }

    @Test
    void fashionMnistFromTheDebianPackage() {
        Path system = Path.of("/usr/share/datasets");
        assumeTrue(Files.isDirectory(system.resolve("fashion-mnist")), "dataset-fashion-mnist is not installed");
        DatasetLocator locator = new DatasetLocator(null, tmp.resolve("home"), system);
        assertThat(locator.find("fashion-mnist", null)).get()
                .extracting(DatasetLocator.Location::source).isEqualTo("system package");
        Splits s = Mnist.load("fashion-mnist", null, locator, null);
        assertThat(s.train().size()).isEqualTo(60000);
        assertThat(s.test().size()).isEqualTo(10000);
        assertThat(s.train().classNames()).containsExactly("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
        assertThat(classCounts(s.train())).containsOnly(6000);
        assertThat(classCounts(s.test())).containsOnly(1000);
    }
}
