package dev.saraf.serve.engine;

import java.util.List;
import java.util.Map;

/**
 * The part of a model's recorded preprocessing (the {@code preprocessing} extra entry that
 * {@code saraf train} writes: JSON of {@code dev.saraf.data.Preprocessing#toMap()}) that the server
 * applies to raw inputs: image pixels times {@code pixel_scale}, CSV features standardised with the
 * training split's mean and standard deviation. Raw inputs of a model without a record are used as given.
 *
 * @param kind       {@code image}, {@code csv} or {@code none}
 * @param pixelScale the factor for raw pixels (1/255), or 0 when not an image model
 * @param channels   image channels (1 grey, 3 RGB), 0 when not an image model
 * @param height     image height, 0 when not an image model
 * @param width      image width, 0 when not an image model
 * @param mean       per-feature means (CSV), empty otherwise
 * @param std        per-feature standard deviations (CSV), empty otherwise
 */
public record Preprocess(String kind, float pixelScale, int channels, int height, int width, float[] mean,
        float[] std) {

    /** Nothing to apply. */
    public static final Preprocess NONE = new Preprocess("none", 0f, 0, 0, 0, new float[0], new float[0]);

    /** Reads the recorded map; unknown or missing parts mean "nothing to apply". */
    static Preprocess fromMap(Map<?, ?> m) {
        String kind = String.valueOf(m.get("kind"));
        if (kind.equals("image")) {
            return new Preprocess(kind, number(m.get("pixel_scale"), 1f / 255f), (int) number(m.get("channels"), 1),
                    (int) number(m.get("height"), 0), (int) number(m.get("width"), 0), new float[0], new float[0]);
        }
        if (kind.equals("csv") && m.get("mean") instanceof List<?> mean && m.get("std") instanceof List<?> std
                && mean.size() == std.size()) {
            return new Preprocess(kind, 0f, 0, 0, 0, floats(mean), floats(std));
        }
        return NONE;
    }

    private static float number(Object o, float otherwise) {
        return o instanceof Number n ? n.floatValue() : otherwise;
    }

    private static float[] floats(List<?> l) {
        float[] a = new float[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i) instanceof Number n ? n.floatValue() : 0f;
        }
        return a;
    }

    /** True when images can be turned into this model's inputs. */
    public boolean isImage() {
        return kind.equals("image") && height > 0 && width > 0;
    }

    /**
     * Applies the recorded steps to raw values in place: {@code x * pixelScale} for images,
     * {@code (x - mean[f]) / std[f]} for CSV features ({@code f = i mod F}).
     */
    public void apply(float[] x) {
        if (kind.equals("image")) {
            for (int i = 0; i < x.length; i++) {
                x[i] *= pixelScale;
            }
        } else if (kind.equals("csv") && mean.length > 0) {
            int f = mean.length;
            for (int i = 0; i < x.length; i++) {
                x[i] = (x[i] - mean[i % f]) / std[i % f];
            }
        }
    }
}
