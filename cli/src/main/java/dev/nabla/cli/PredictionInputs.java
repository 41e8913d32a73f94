package dev.nabla.cli;

import dev.nabla.io.Safetensors;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Sequential;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The inputs of {@code nabla predict}: an image (any format {@code javax.imageio} reads:
 * PNG, JPEG, GIF, BMP) scaled to the model's {@code [channels, height, width]} with pixels in
 * [0, 1], as the built-in data sets hold them; or a {@code .safetensors} file of one sample
 * or a batch of samples per tensor.
 */
final class PredictionInputs {

    /** One sample to predict, with the name it is printed under. */
    record Input(String label, Tensor sample) {
    }

    private PredictionInputs() {
    }

    /**
     * Fails with the file's name when it is missing or unreadable (javax.imageio would say only
     * "Can't read input file!").
     */
    static void checkReadable(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IOException(file + ": cannot read this input: it is " + (Files.isDirectory(file)
                    ? "a directory; give the image files in it" : "not readable (check its permissions)"));
        }
    }

    /**
     * For a model that starts with a convolution over 1 or 3 channels: {@code [channels, -1, -1]},
     * an image at its own height and width. Null otherwise.
     */
    static int[] imageShapeOfConvolution(Layer model) {
        Layer first = model;
        while (first instanceof Sequential sequential && sequential.size() > 0) {
            first = sequential.get(0);
        }
        if (first instanceof Conv2d convolution && (convolution.inChannels() == 1 || convolution.inChannels() == 3)) {
            return new int[] {convolution.inChannels(), -1, -1};
        }
        return null;
    }

    /**
     * The samples in {@code file}, for a model taking samples of {@code sampleShape} (null:
     * unknown; -1: any size).
     */
    static List<Input> read(Path file, int[] sampleShape, boolean invert) throws IOException {
        return file.getFileName().toString().endsWith(".safetensors") ? tensors(file, sampleShape)
                : List.of(new Input(file.toString(), image(file, sampleShape, invert)));
    }

    private static List<Input> tensors(Path file, int[] sampleShape) throws IOException {
        Map<String, Tensor> tensors = Safetensors.read(file).tensors();
        List<Input> inputs = new ArrayList<>();
        tensors.forEach((name, tensor) -> {
            String label = file + (tensors.size() > 1 ? ":" + name : "");
            int[] shape = tensor.shape().toArray();
            Tensor values = tensor.to(DType.FLOAT32);
            if (sampleShape != null && fits(shape, sampleShape)) {
                inputs.add(new Input(label, values));
            } else if (sampleShape == null || shape.length == sampleShape.length + 1
                    && fits(Arrays.copyOfRange(shape, 1, shape.length), sampleShape)) {
                for (int i = 0; i < shape[0]; i++) {
                    inputs.add(new Input(label + "[" + i + "]", values.slice(0, i, i + 1).reshape(
                            Arrays.copyOfRange(shape, 1, shape.length))));
                }
            } else {
                throw new IllegalArgumentException(label + ": a tensor of shape " + Arrays.toString(shape)
                        + " is neither one sample of the model's shape " + Arrays.toString(sampleShape)
                        + " nor a batch of them");
            }
        });
        return inputs;
    }

    /** Whether a tensor's shape is the sample shape, where -1 stands for any size. */
    private static boolean fits(int[] shape, int[] sampleShape) {
        if (shape.length != sampleShape.length) {
            return false;
        }
        for (int i = 0; i < shape.length; i++) {
            if (sampleShape[i] != -1 && sampleShape[i] != shape[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The image as {@code [channels, height, width]}: grey (luminance) for one channel, RGB for
     * three; a height or width of -1 keeps the image's own.
     */
    static Tensor image(Path file, int[] sampleShape, boolean invert) throws IOException {
        if (sampleShape == null) {
            throw new IllegalArgumentException(file + ": the shape of the model's input is not known, so the image"
                    + " cannot be scaled to it; give it with --input-shape, e.g. --input-shape 1,28,28");
        }
        if (sampleShape.length != 3 || (sampleShape[0] != 1 && sampleShape[0] != 3)) {
            throw new IllegalArgumentException(file + ": the model takes samples of shape "
                    + Arrays.toString(sampleShape) + ", not images of shape [1 or 3, height, width]");
        }
        checkReadable(file);
        BufferedImage image = javax.imageio.ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException(file + ": not an image javax.imageio can read (PNG, JPEG, GIF, BMP)");
        }
        return image(image, sampleShape, invert);
    }

    /** A decoded image as {@code [channels, height, width]}, as {@link #image(Path, int[], boolean)} reads a file. */
    static Tensor image(BufferedImage image, int[] sampleShape, boolean invert) {
        int channels = sampleShape[0];
        int height = sampleShape[1] == -1 ? image.getHeight() : sampleShape[1];
        int width = sampleShape[2] == -1 ? image.getWidth() : sampleShape[2];
        float[] values = new float[channels * height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float[] pixel = average(image, x * image.getWidth() / width, (x + 1) * image.getWidth() / width,
                        y * image.getHeight() / height, (y + 1) * image.getHeight() / height);
                if (channels == 1) {
                    pixel[0] = 0.299f * pixel[0] + 0.587f * pixel[1] + 0.114f * pixel[2];
                }
                for (int c = 0; c < channels; c++) {
                    values[(c * height + y) * width + x] = invert ? 1f - pixel[c] : pixel[c];
                }
            }
        }
        return Tensor.of(values, channels, height, width);
    }

    /**
     * The mean red, green and blue, in [0, 1], of the source pixels in columns {@code [x0, x1)}
     * and rows {@code [y0, y1)} (at least one pixel, so enlarging works too).
     */
    private static float[] average(BufferedImage image, int x0, int x1, int y0, int y1) {
        float[] sum = new float[3];
        int count = 0;
        for (int y = y0; y < Math.max(y1, y0 + 1); y++) {
            for (int x = x0; x < Math.max(x1, x0 + 1); x++) {
                float[] pixel = pixel(image, x, y);
                for (int c = 0; c < 3; c++) {
                    sum[c] += pixel[c];
                }
                count++;
            }
        }
        for (int c = 0; c < 3; c++) {
            sum[c] /= count;
        }
        return sum;
    }

    /**
     * One pixel's red, green and blue in [0, 1], transparent parts laid over white paper. Grey
     * images are read from their samples: {@code getRGB} would pass them through a gamma
     * curve, so that a grey PNG of the data would not read back as the data.
     */
    private static float[] pixel(BufferedImage image, int x, int y) {
        ColorModel model = image.getColorModel();
        float value;
        float alpha;
        if (model.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            Raster raster = image.getRaster();
            value = raster.getSample(x, y, 0) / (float) ((1 << model.getComponentSize(0)) - 1);
            alpha = model.hasAlpha() ? raster.getSample(x, y, 1) / (float) ((1 << model.getComponentSize(1)) - 1) : 1f;
            float grey = alpha * value + 1 - alpha;
            return new float[] {grey, grey, grey};
        }
        int argb = image.getRGB(x, y);
        alpha = (argb >>> 24) / 255f;
        float[] rgb = new float[3];
        for (int c = 0; c < 3; c++) {
            value = (argb >> (16 - 8 * c) & 0xff) / 255f;
            rgb[c] = alpha * value + 1 - alpha;
        }
        return rgb;
    }
}
