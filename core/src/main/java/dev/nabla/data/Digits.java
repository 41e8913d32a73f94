package dev.nabla.data;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The 8×8 handwritten digits of the UCI repository ("Optical Recognition of Handwritten
 * Digits", Alpaydin and Kaynak, CC BY 4.0; scikit-learn's {@code load_digits}), shipped
 * inside Nabla's jar so that examples and tests need nothing installed: 1,797 images in 10
 * classes. Images are {@code [1797, 1, 8, 8]} float32 in [0, 1] (block counts 0–16,
 * divided by 16), labels {@code [1797]} INT32 in 0–9. The source and licence are in
 * {@code dev/nabla/data/digits.NOTICE.txt} next to the data.
 *
 * <pre>{@code
 * Split split = Digits.load().split(0.8, new Generator(42));
 * }</pre>
 */
public final class Digits {

    /** The resource, relative to this class, that holds the data. */
    static final String RESOURCE = "digits.csv.gz";

    private static final int PIXELS = 64;
    private static final float LEVELS = 16f;

    private Digits() {
    }

    /** All 1,797 images and their labels, in the file's order. */
    public static TensorDataset load() {
        try (InputStream in = Digits.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Digits: the resource dev/nabla/data/" + RESOURCE
                        + " is missing from the class path; is nabla-core's jar complete?");
            }
            return read(new GZIPInputStream(in), "dev/nabla/data/" + RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("Digits: cannot read dev/nabla/data/" + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Reads lines of 64 counts in 0–16 and a label in 0–9; {@code source} names the data in errors. */
    static TensorDataset read(InputStream in, String source) throws IOException {
        float[] pixels = new float[PIXELS * 2048];
        float[] labels = new float[2048];
        int count = 0;
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            if (count == labels.length) {
                pixels = Arrays.copyOf(pixels, 2 * pixels.length);
                labels = Arrays.copyOf(labels, 2 * labels.length);
            }
            String where = source + ", example " + (count + 1);
            String[] fields = line.split(",");
            if (fields.length != PIXELS + 1) {
                throw new IOException(where + ": expected 64 pixel counts and a label, got " + fields.length
                        + " values");
            }
            for (int i = 0; i < PIXELS; i++) {
                pixels[count * PIXELS + i] = parse(fields[i], 16, where) / LEVELS;
            }
            labels[count++] = parse(fields[PIXELS], 9, where);
        }
        Tensor images = Tensor.of(Arrays.copyOf(pixels, count * PIXELS), count, 1, 8, 8);
        return new TensorDataset(images, Tensor.of(Arrays.copyOf(labels, count)).to(DType.INT32));
    }

    private static int parse(String field, int max, String where) throws IOException {
        try {
            int value = Integer.parseInt(field.strip());
            if (value >= 0 && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IOException(where + ": \"" + field + "\" is not an integer from 0 to " + max);
    }
}
