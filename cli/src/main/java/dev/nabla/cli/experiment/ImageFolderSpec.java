package dev.nabla.cli.experiment;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.data.Batch;
import dev.nabla.data.Split;
import dev.nabla.data.TensorDataset;
import dev.nabla.data.image.ImageFolder;
import dev.nabla.tensor.Generator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Images sorted into one folder per class as the data ({@code data: {image_folder: DIR}},
 * torchvision's {@code ImageFolder}): the sorted folder names are the classes, every image is
 * scaled to {@code image_size} and read as grey ({@code channels: 1}) or RGB (3) with values from
 * 0 to 1. The test set is {@code test_folder}, a folder of the same classes, or else a random
 * {@code test_split} of the images (seed 1, so every run tests on the same ones). The images are
 * read into memory when the run starts.
 *
 * @param folder     the training images, relative to the experiment file until resolved
 * @param testFolder the test images, or null
 * @param height     the height every image is scaled to
 * @param width      the width every image is scaled to
 * @param channels   1 (grey) or 3 (RGB)
 * @param testSplit  the fraction of {@code folder} held out to test when there is no test folder
 */
public record ImageFolderSpec(Path folder, Path testFolder, int height, int width, int channels, double testSplit) {

    static final List<String> KEYS = List.of("image_folder", "test_folder", "image_size", "channels", "test_split");
    private static final long SPLIT_SEED = 1;

    /** Reads the image-folder keys of the {@code data} section. */
    static ImageFolderSpec parse(ConfigMap map) {
        ConfigNode size = map.require("image_size");
        List<ConfigNode> sides = size.asList();
        if (sides.size() != 2) {
            throw size.error("expected [height, width], got " + sides.size() + " numbers");
        }
        int channels = map.integer("channels", 1, 3);
        if (channels != 1 && channels != 3) {
            throw map.get("channels").error("expected 1 (grey) or 3 (RGB), got " + channels);
        }
        if (map.has("test_folder") && map.has("test_split")) {
            throw map.get("test_split").error("give either 'test_folder' or 'test_split', not both");
        }
        double testSplit = map.number("test_split", 0.2);
        if (!(testSplit > 0 && testSplit < 1)) {
            throw map.get("test_split").error("expected a fraction between 0 and 1 (both excluded), got " + testSplit);
        }
        return new ImageFolderSpec(Path.of(map.get("image_folder").asString()),
                map.has("test_folder") ? Path.of(map.get("test_folder").asString()) : null,
                sides.get(0).asInt(1), sides.get(1).asInt(1), channels, testSplit);
    }

    /** The same folders relative to {@code base}, the experiment file's directory. */
    ImageFolderSpec resolvedAgainst(Path base) {
        Path directory = base == null ? Path.of("") : base;
        return new ImageFolderSpec(directory.resolve(folder), testFolder == null ? null : directory.resolve(testFolder),
                height, width, channels, testSplit);
    }

    /** One image's shape, {@code [channels, height, width]}. */
    int[] sampleShape() {
        return new int[] {channels, height, width};
    }

    /** The class names, the sorted folder names. */
    List<String> classNames() throws IOException {
        return new ImageFolder(folder, channels, height, width).classNames();
    }

    /** The training and test images, read into memory. */
    Split load() throws IOException {
        ImageFolder train = new ImageFolder(folder, channels, height, width);
        if (testFolder == null) {
            return inMemory(train).split(1 - testSplit, new Generator(SPLIT_SEED));
        }
        ImageFolder test = new ImageFolder(testFolder, channels, height, width);
        if (!test.classNames().equals(train.classNames())) {
            throw new IOException(testFolder + ": the test folder's classes " + test.classNames() + " differ from"
                    + " the training folder's " + train.classNames() + "; the same class folders are needed in both");
        }
        return new Split(inMemory(train), inMemory(test));
    }

    /**
     * Whether {@code directory} holds images in class folders rather than MNIST-format files: it
     * has sub-folders and no {@code *-images-idx3-ubyte} file.
     */
    public static boolean isImageFolder(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            List<Path> all = entries.toList();
            return all.stream().anyMatch(Files::isDirectory)
                    && all.stream().noneMatch(f -> f.getFileName().toString().contains("-images-idx3-ubyte"));
        }
    }

    /**
     * Every image of {@code directory}, for a model trained on {@code classNames} (or null) with
     * samples of {@code sampleShape} {@code [channels, height, width]}: what {@code evaluate} tests on.
     *
     * @throws IOException when the folder's classes differ from the model's, or its images cannot be read
     */
    public static TensorDataset readAll(Path directory, int[] sampleShape, List<String> classNames) throws IOException {
        if (sampleShape == null || sampleShape.length != 3) {
            throw new IOException(directory + ": a folder of images needs a model that records its input shape"
                    + " [channels, height, width] (one trained by ./nabla train); this one records "
                    + (sampleShape == null ? "none" : Arrays.toString(sampleShape)));
        }
        ImageFolder images = new ImageFolder(directory, sampleShape[0], sampleShape[1], sampleShape[2]);
        if (classNames != null && !images.classNames().equals(classNames)) {
            throw new IOException(directory + ": the folder's classes " + images.classNames() + " differ from the"
                    + " model's " + classNames + "; the same class folders are needed");
        }
        return inMemory(images);
    }

    private static TensorDataset inMemory(ImageFolder images) {
        Batch all = images.batch(IntStream.range(0, images.size()).toArray());
        return new TensorDataset(all.features(), all.targets());
    }

    /** The keys with their defaults filled in, for {@code config.resolved.yaml}. */
    Map<String, Object> resolved() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("image_folder", folder.toAbsolutePath().normalize().toString());
        if (testFolder != null) {
            out.put("test_folder", testFolder.toAbsolutePath().normalize().toString());
        } else {
            out.put("test_split", testSplit);
        }
        out.put("image_size", List.of(height, width));
        out.put("channels", channels);
        return out;
    }
}
