package dev.saraf.data;

import dev.saraf.tensor.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Images in one sub-folder per class, as torchvision's {@code ImageFolder}:
 * {@code dir/cat/1.png, dir/dog/a.jpg, ...}. The classes are the sub-folder names sorted; the
 * files (PNG or JPEG, by extension, case-insensitive) are read in sorted order with
 * {@code javax.imageio}, converted to grey (BT.601 luminance, 1 channel) or RGB (3 channels,
 * {@code [C, H, W]}), resized bilinearly to {@code height x width} and scaled by 1/255. Hidden files
 * and other files are ignored. All images are decoded once, at load time.
 */
public final class ImageFolder {
    private ImageFolder() {}

    /**
     * Loads {@code dir} and splits it into training and validation images.
     *
     * @param channels           1 (grey) or 3 (RGB)
     * @param validationFraction share of images held out, in {@code [0, 1)}, chosen by {@code seed}
     * @return splits of inputs {@code [channels, height, width]} and class-index targets, with the image preprocessing
     * @throws DataException naming the folder or file that is missing, empty or unreadable
     */
    public static Splits load(Path dir, int channels, int height, int width, double validationFraction, long seed) {
        Preprocessing pre = Preprocessing.image(channels, height, width, List.of());
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + ": no such directory");
        }
        List<Path> classDirs = list(dir).stream().filter(Files::isDirectory).filter(p -> !hidden(p)).toList();
        if (classDirs.isEmpty()) {
            throw new DataException(dir + ": no class folders; expected one sub-folder of images per class");
        }
        List<String> classNames = classDirs.stream().map(p -> p.getFileName().toString()).toList();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < classDirs.size(); c++) {
            List<Path> images = list(classDirs.get(c)).stream().filter(Files::isRegularFile).filter(ImageFolder::isImage)
                    .toList();
            if (images.isEmpty()) {
                throw new DataException(classDirs.get(c) + ": no PNG or JPEG files in class folder \""
                        + classNames.get(c) + "\"");
            }
            for (Path p : images) {
                files.add(p);
                labels.add(c);
            }
        }
        int numel = channels * height * width;
        float[] inputs = new float[files.size() * numel];
        float[] targets = new float[files.size()];
        for (int i = 0; i < files.size(); i++) {
            float[] x = pre.applyToImage(read(files.get(i)));
            System.arraycopy(x, 0, inputs, i * numel, numel);
            targets[i] = labels.get(i);
        }
        Preprocessing withClasses = Preprocessing.image(channels, height, width, classNames);
        ArrayDataset all = new ArrayDataset("images:" + dir.getFileName(), inputs, Shape.of(channels, height, width),
                targets, Shape.scalar(), classNames);
        return Splits.trainValidation(all, validationFraction, seed, withClasses);
    }

    /** Decodes one PNG or JPEG file. */
    static BufferedImage read(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new DataException(file + ": not a readable PNG or JPEG image");
            }
            return image;
        } catch (IOException e) {
            throw new DataException(file + ": cannot read image: " + e.getMessage(), e);
        }
    }

    private static boolean isImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return !hidden(p) && (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg"));
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new DataException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }
}
