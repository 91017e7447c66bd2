package dev.saraf.serve.engine;

import dev.saraf.data.Preprocessing;
import dev.saraf.serve.ApiException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns an uploaded PNG or JPEG into a model input {@code [C, H, W]}: decoded (after checking its
 * declared size, so a small file cannot claim a huge image), then converted by the data module's
 * {@link Preprocessing#applyToImage} (grey or RGB, resized to the model's size, pixels / 255) and
 * scaled to the model's recorded pixel scale: exactly what training saw.
 */
public final class ImageInput {
    /** The largest image accepted, in pixels (width times height). */
    public static final long MAX_PIXELS = 4096L * 4096L;

    private ImageInput() {}

    /**
     * Decodes {@code bytes} and returns {@code channels x height x width} floats.
     *
     * @throws ApiException 400 when the bytes are not a readable PNG/JPEG or the image is too large
     */
    public static float[] toInput(byte[] bytes, int channels, int height, int width, float scale) {
        BufferedImage image = decode(bytes);
        // the data module's own conversion, so that serving sees exactly what training saw
        float[] out = Preprocessing.image(channels, height, width, List.of()).applyToImage(image);
        float rescale = scale * 255f;
        if (rescale != 1f) {
            for (int i = 0; i < out.length; i++) {
                out[i] *= rescale;
            }
        }
        return out;
    }

    private static BufferedImage decode(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw ApiException.badRequest("the body is not a PNG or JPEG image");
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase();
                if (!format.equals("png") && !format.equals("jpeg")) {
                    throw ApiException.badRequest("image format " + format + " is not accepted; send PNG or JPEG");
                }
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS || reader.getWidth(0) < 1 || reader.getHeight(0) < 1) {
                    throw ApiException.badRequest("image is " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + "; at most " + MAX_PIXELS + " pixels are accepted");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException a) {
                throw a;
            }
            throw ApiException.badRequest("the image cannot be decoded: " + e.getMessage());
        }
    }
}
