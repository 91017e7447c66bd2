package dev.saraf.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.saraf.tensor.Shape;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
    @TempDir
    Path tmp;

    /** A 4x4 RGB image with a different colour in each quadrant-free pixel: (r, g, b) = (x*60, y*60, k). */
    private static BufferedImage rgb(int k) {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                img.setRGB(x, y, (x * 60) << 16 | (y * 60) << 8 | k);
            }
        }
        return img;
    }

    private static BufferedImage grey(int value) {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                img.getRaster().setSample(x, y, 0, value + x + 4 * y);
            }
        }
        return img;
    }

    private void save(BufferedImage img, String path) throws Exception {
        Path p = tmp.resolve(path);
        Files.createDirectories(p.getParent());
        assertThat(ImageIO.write(img, "png", p.toFile())).isTrue();
    }

    @Test
    void classesAreSortedFolderNamesAndRgbIsChw() throws Exception {
        save(rgb(10), "imgs/dog/a.png");
        save(rgb(20), "imgs/cat/b.PNG");
        save(rgb(30), "imgs/cat/a.png");
        Files.writeString(tmp.resolve("imgs/cat/notes.txt"), "ignored");
        Splits s = ImageFolder.load(tmp.resolve("imgs"), 3, 4, 4, 0.0, 1L);
        Dataset d = s.train();
        assertThat(d.classNames()).containsExactly("cat", "dog");
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.inputShape()).isEqualTo(Shape.of(3, 4, 4));
        float[] t = new float[3];
        for (int i = 0; i < 3; i++) {
            d.copyTarget(i, t, i);
        }
        assertThat(t).containsExactly(0f, 0f, 1f);
        float[] x = new float[48];
        d.copyInput(0, x, 0); // cat/a.png (k = 30)
        assertThat(x[2]).isEqualTo(120f / 255f);          // red at (y=0, x=2)
        assertThat(x[16 + 3 * 4]).isEqualTo(180f / 255f); // green at (y=3, x=0)
        assertThat(x[32 + 5]).isEqualTo(30f / 255f);      // blue everywhere
        assertThat(s.preprocessing()).isEqualTo(Preprocessing.image(3, 4, 4, d.classNames()));
    }

    @Test
    void greyImagesKeepTheirExactValuesAndColourBecomesLuminance() throws Exception {
        save(grey(100), "g/a/1.png");
        save(rgb(0), "g/b/1.png");
        Dataset d = ImageFolder.load(tmp.resolve("g"), 1, 4, 4, 0.0, 1L).train();
        float[] x = new float[16];
        d.copyInput(0, x, 0);
        for (int i = 0; i < 16; i++) {
            assertThat(x[i]).isEqualTo((100 + i) / 255f);
        }
        d.copyInput(1, x, 0);
        assertThat(x[4 + 1]).isCloseTo((0.299f * 60 + 0.587f * 60) / 255f, within(1e-6f));
    }

    @Test
    void imagesAreResizedBilinearly() throws Exception {
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(0, 0, 0, 0);
        img.getRaster().setSample(1, 0, 0, 200);
        img.getRaster().setSample(0, 1, 0, 100);
        img.getRaster().setSample(1, 1, 0, 100);
        save(img, "r/only/x.png");
        Splits s = ImageFolder.load(tmp.resolve("r"), 1, 4, 4, 0.0, 1L);
        float[] x = new float[16];
        s.train().copyInput(0, x, 0);
        // align_corners=false: output pixel 1 samples source 0.25, pixel 0 clamps to 0
        assertThat(x[0] * 255f).isCloseTo(0f, within(1e-3f));
        assertThat(x[1] * 255f).isCloseTo(50f, within(1e-3f));
        assertThat(x[3] * 255f).isCloseTo(200f, within(1e-3f));
        assertThat(x[12] * 255f).isCloseTo(100f, within(1e-3f));
        assertThat(x[5] * 255f).isCloseTo(0.75f * 0.75f * 0 + 0.75f * 0.25f * 200 + 0.25f * 0.75f * 100
                + 0.25f * 0.25f * 100, within(1e-3f));
        BufferedImage big = rgb(5);
        float[] down = s.preprocessing().applyToImage(big);
        assertThat(down).hasSize(16);
    }

    @Test
    void validationSplitIsSeeded() throws Exception {
        for (int i = 0; i < 10; i++) {
            save(grey(i * 10), "v/" + (i % 2 == 0 ? "even" : "odd") + "/" + i + ".png");
        }
        Splits s = ImageFolder.load(tmp.resolve("v"), 1, 4, 4, 0.2, 5L);
        assertThat(s.train().size()).isEqualTo(8);
        assertThat(s.test().size()).isEqualTo(2);
    }

    @Test
    void unreadableFilesAndEmptyFoldersAreNamed() throws Exception {
        save(grey(1), "bad/a/1.png");
        Files.createDirectories(tmp.resolve("bad/b"));
        assertThatThrownBy(() -> ImageFolder.load(tmp.resolve("bad"), 1, 4, 4, 0, 1))
                .isInstanceOf(DataException.class)
                .hasMessage(tmp.resolve("bad/b") + ": no PNG or JPEG files in class folder \"b\"");
        Files.writeString(tmp.resolve("bad/b/broken.jpg"), "this is not a JPEG");
        assertThatThrownBy(() -> ImageFolder.load(tmp.resolve("bad"), 1, 4, 4, 0, 1))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(tmp.resolve("bad/b/broken.jpg").toString());
        Files.createDirectories(tmp.resolve("flat"));
        assertThatThrownBy(() -> ImageFolder.load(tmp.resolve("flat"), 1, 4, 4, 0, 1))
                .hasMessage(tmp.resolve("flat") + ": no class folders; expected one sub-folder of images per class");
        assertThatThrownBy(() -> ImageFolder.load(tmp.resolve("nope"), 1, 4, 4, 0, 1))
                .hasMessage(tmp.resolve("nope") + ": no such directory");
        assertThatThrownBy(() -> ImageFolder.load(tmp.resolve("bad"), 2, 4, 4, 0, 1))
                .hasMessageContaining("1 or 3 channels");
    }
}
