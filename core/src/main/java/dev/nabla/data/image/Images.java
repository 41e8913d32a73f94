package dev.nabla.data.image;

import dev.nabla.tensor.Tensor;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/**
 * Image files to tensors and back, with {@code javax.imageio} (PNG, JPEG, GIF, BMP; the first
 * frame of an animation). An image tensor is {@code [channels, height, width]}, one channel
 * (grey) or three (red, green, blue), values in [0, 1].
 */
public final class Images {

    /** Luminance weights of red, green and blue (ITU-R 601, as PIL's {@code convert("L")}). */
    static final float RED = 0.299f;
    static final float GREEN = 0.587f;
    static final float BLUE = 0.114f;

    private Images() {
    }

    /**
     * The image in {@code file} as {@code [channels, height, width]} in [0, 1]: {@code channels}
     * is 1 (grey: luminance of colour images) or 3 (RGB; grey images repeat their value).
     * Transparent parts are laid over white, as {@code nabla predict} does; grey files are read
     * from their samples (not through {@code getRGB}'s gamma curve), so a grey PNG reads back
     * as the values it was written from.
     *
     * @throws IOException naming the file when it is missing or not an image javax.imageio reads
     */
    public static Tensor read(Path file, int channels) throws IOException {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("Images.read: channels must be 1 (grey) or 3 (RGB), got " + channels);
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IOException(file + ": cannot read this image: " + (!Files.exists(file) ? "no such file"
                    : Files.isDirectory(file) ? "it is a directory" : "the file is not readable (check its permissions)"));
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": cannot read this image: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new IOException(file + ": not an image javax.imageio can read (PNG, JPEG, GIF, BMP)"
                    + (Files.exists(file) ? "" : "; the file does not exist"));
        }
        return toTensor(image, channels);
    }

    /** A decoded image as {@code [channels, height, width]} in [0, 1] (see {@link #read}). */
    public static Tensor toTensor(BufferedImage image, int channels) {
        int width = image.getWidth();
        int height = image.getHeight();
        int plane = width * height;
        float[] values = new float[channels * plane];
        ColorModel model = image.getColorModel();
        if (model.getColorSpace().getType() == ColorSpace.TYPE_GRAY && model.getNumComponents() <= 2) {
            Raster raster = image.getRaster();
            float greyMax = (1 << model.getComponentSize(0)) - 1;
            float alphaMax = model.hasAlpha() ? (1 << model.getComponentSize(1)) - 1 : 1;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    float alpha = model.hasAlpha() ? raster.getSample(x, y, 1) / alphaMax : 1f;
                    float grey = alpha * (raster.getSample(x, y, 0) / greyMax) + 1 - alpha;
                    for (int c = 0; c < channels; c++) {
                        values[c * plane + y * width + x] = grey;
                    }
                }
            }
            return Tensor.of(values, channels, height, width);
        }
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        for (int i = 0; i < plane; i++) {
            float alpha = (argb[i] >>> 24) / 255f;
            float red = alpha * ((argb[i] >> 16 & 0xff) / 255f) + 1 - alpha;
            float green = alpha * ((argb[i] >> 8 & 0xff) / 255f) + 1 - alpha;
            float blue = alpha * ((argb[i] & 0xff) / 255f) + 1 - alpha;
            if (channels == 1) {
                values[i] = RED * red + GREEN * green + BLUE * blue;
            } else {
                values[i] = red;
                values[plane + i] = green;
                values[2 * plane + i] = blue;
            }
        }
        return Tensor.of(values, channels, height, width);
    }

    /**
     * An image {@code [1 or 3, height, width]} as an 8-bit grey or RGB picture: values are
     * clamped to [0, 1] and rounded to 0–255.
     */
    public static BufferedImage toImage(Tensor image) {
        checkImage(image, "Images.toImage");
        int channels = image.dim(0);
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("Images.toImage: need 1 (grey) or 3 (RGB) channels, got shape "
                    + image.shape());
        }
        int height = image.dim(1);
        int width = image.dim(2);
        int plane = width * height;
        float[] values = image.toFloatArray();
        if (channels == 1) {
            BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            int[] samples = new int[plane];
            for (int i = 0; i < plane; i++) {
                samples[i] = toByte(values[i]);
            }
            grey.getRaster().setSamples(0, 0, width, height, 0, samples);
            return grey;
        }
        BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] pixels = new int[plane];
        for (int i = 0; i < plane; i++) {
            pixels[i] = toByte(values[i]) << 16 | toByte(values[plane + i]) << 8 | toByte(values[2 * plane + i]);
        }
        rgb.setRGB(0, 0, width, height, pixels, 0, width);
        return rgb;
    }

    /** Writes an image {@code [1 or 3, height, width]} as a PNG file (see {@link #toImage}); replaces the file atomically. */
    public static void writePng(Tensor image, Path file) throws IOException {
        BufferedImage picture = toImage(image);
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
        try {
            if (!ImageIO.write(picture, "png", temporary.toFile())) {
                throw new IOException(file + ": javax.imageio has no PNG writer");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Checks that {@code image} is {@code [channels, height, width]}; {@code who} names the caller in the message. */
    static void checkImage(Tensor image, String who) {
        if (image.rank() != 3) {
            throw new IllegalArgumentException(who + ": expected an image of shape [channels, height, width], got "
                    + image.shape() + (image.rank() == 4 ? "; apply transforms to one image at a time" : ""));
        }
    }

    private static int toByte(float value) {
        float clamped = value > 1f ? 1f : value > 0f ? value : 0f; // NaN becomes 0
        return Math.round(clamped * 255f);
    }
}
