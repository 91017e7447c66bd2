package dev.saraf.serve.engine;

import dev.saraf.serve.ApiException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns an uploaded PNG or JPEG into a model input {@code [C, H, W]}: decoded (after checking its
 * declared size, so a small file cannot claim a huge image), converted to grey (BT.601 luminance)
 * or RGB, resized bilinearly to the model's size and scaled by its pixel scale, as the data module's
 * image preprocessing does at training time.
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
        float[] out = new float[channels * height * width];
        int w0 = image.getWidth();
        int h0 = image.getHeight();
        int[] argb = image.getRGB(0, 0, w0, h0, null, 0, w0);
        for (int y = 0; y < height; y++) {
            double sy = Math.max(0, (y + 0.5) * h0 / height - 0.5);
            int y0 = Math.min((int) sy, h0 - 1);
            int y1 = Math.min(y0 + 1, h0 - 1);
            double fy = sy - y0;
            for (int x = 0; x < width; x++) {
                double sx = Math.max(0, (x + 0.5) * w0 / width - 0.5);
                int x0 = Math.min((int) sx, w0 - 1);
                int x1 = Math.min(x0 + 1, w0 - 1);
                double fx = sx - x0;
                for (int c = 0; c < channels; c++) {
                    double v = (1 - fy) * ((1 - fx) * channel(argb[y0 * w0 + x0], c, channels)
                            + fx * channel(argb[y0 * w0 + x1], c, channels))
                            + fy * ((1 - fx) * channel(argb[y1 * w0 + x0], c, channels)
                            + fx * channel(argb[y1 * w0 + x1], c, channels));
                    out[(c * height + y) * width + x] = (float) (v * scale);
                }
            }
        }
        return out;
    }

    private static double channel(int argb, int c, int channels) {
        int r = (argb >> 16) & 0xff;
        int g = (argb >> 8) & 0xff;
        int b = argb & 0xff;
        if (channels == 1) {
            return 0.299 * r + 0.587 * g + 0.114 * b;
        }
        return c == 0 ? r : c == 1 ? g : b;
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
