package dev.nabla.data.image;

import dev.nabla.data.Dataset;
import dev.nabla.data.Example;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Stream;

/**
 * Images sorted into one folder per class (torchvision's {@code ImageFolder}): the sorted
 * folder names are the classes 0, 1, 2, …, and every PNG, JPEG, GIF or BMP file under a
 * class folder (sub-folders included, hidden ones not) is an example of it. An example is the
 * image {@code [channels, height, width]} — read when asked for, grey or RGB, resized (see
 * {@link Resize}), then normalised when a {@link Normalize} is given — and its class as a
 * scalar INT32 tensor.
 *
 * <pre>{@code
 * ImageFolder train = new ImageFolder(Path.of("pets/train"), 3, 64, 64);
 * train.classNames();   // [cat, dog]
 * }</pre>
 */
public final class ImageFolder implements Dataset {

    /** The file name endings read as images, in lower case. */
    public static final Set<String> EXTENSIONS = Set.of(".png", ".jpg", ".jpeg", ".gif", ".bmp");

    private final Path root;
    private final int channels;
    private final int height;
    private final int width;
    private final Normalize normalize;
    private final List<String> classNames;
    private final List<Path> files;
    private final int[] classes;
    private final AtomicReferenceArray<Tensor> cache;

    /** The images under {@code root} as {@code [channels, height, width]}, not normalised, not cached. */
    public ImageFolder(Path root, int channels, int height, int width) throws IOException {
        this(root, channels, height, width, null, false);
    }

    /**
     * The images under {@code root}, as {@code [channels, height, width]}: {@code channels} is 1
     * (grey) or 3 (RGB); every image is resized to {@code height × width}; {@code normalize}
     * (or null) is applied last; with {@code cache}, each image is kept in memory once read.
     *
     * @throws IOException if {@code root} is no directory, holds no class folders, or a class
     *     folder holds no images (the message names it)
     */
    public ImageFolder(Path root, int channels, int height, int width, Normalize normalize, boolean cache)
            throws IOException {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("ImageFolder: channels must be 1 (grey) or 3 (RGB), got " + channels);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("ImageFolder: the image size must be at least 1×1, got "
                    + height + "×" + width);
        }
        if (normalize != null && normalize.mean().length != channels) {
            throw new IllegalArgumentException("ImageFolder: " + normalize + " has " + normalize.mean().length
                    + " channels but the images have " + channels);
        }
        this.root = root;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.normalize = normalize;
        this.classNames = classFolders(root);
        List<Path> found = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int label = 0; label < classNames.size(); label++) {
            List<Path> images = imagesUnder(root.resolve(classNames.get(label)));
            found.addAll(images);
            labels.addAll(Collections.nCopies(images.size(), label));
        }
        this.files = List.copyOf(found);
        this.classes = labels.stream().mapToInt(Integer::intValue).toArray();
        this.cache = cache ? new AtomicReferenceArray<>(files.size()) : null;
    }

    /** The class names, in class-index order (the sorted folder names). */
    public List<String> classNames() {
        return classNames;
    }

    /** The image files, in example order: by class, then by path. */
    public List<Path> files() {
        return files;
    }

    /** The class index of example {@code index}, without reading its image. */
    public int classOf(int index) {
        return classes[checkIndex(index)];
    }

    /** The number of images of each class, in class-index order. */
    public int[] classCounts() {
        int[] counts = new int[classNames.size()];
        for (int label : classes) {
            counts[label]++;
        }
        return counts;
    }

    @Override
    public int size() {
        return files.size();
    }

    /**
     * Example {@code index}: its image, read now (or from the cache), and its class.
     *
     * @throws UncheckedIOException naming the file when it cannot be read
     */
    @Override
    public Example get(int index) {
        checkIndex(index);
        Tensor image = cache == null ? null : cache.get(index);
        if (image == null) {
            image = load(index);
            if (cache != null) {
                cache.set(index, image);
            }
        }
        return new Example(image, Tensor.scalar(classes[index]).to(DType.INT32));
    }

    @Override
    public String toString() {
        return "ImageFolder(" + root + ": " + size() + " images in " + classNames.size() + " classes, ["
                + channels + ", " + height + ", " + width + "]" + (normalize == null ? "" : ", " + normalize) + ")";
    }

    private Tensor load(int index) {
        Path file = files.get(index);
        try {
            Tensor image = Resize.resize(Images.read(file, channels), height, width);
            return normalize == null ? image : normalize.apply(image, null);
        } catch (IOException e) {
            throw new UncheckedIOException("ImageFolder: example " + index + " (class '"
                    + classNames.get(classes[index]) + "'): " + e.getMessage(), e);
        }
    }

    private static List<String> classFolders(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("ImageFolder: " + root + " is not a directory"
                    + (Files.exists(root) ? "" : " (it does not exist)"));
        }
        List<String> names;
        try (Stream<Path> entries = Files.list(root)) {
            names = entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith(".")).sorted().toList();
        }
        if (names.isEmpty()) {
            throw new IOException("ImageFolder: " + root + " holds no class folders; put the images of each class"
                    + " in a sub-folder named after it (" + root.resolve("cat") + "/1.png, "
                    + root.resolve("dog") + "/1.png, ...)");
        }
        return names;
    }

    private static List<Path> imagesUnder(Path folder) throws IOException {
        List<Path> images;
        try (Stream<Path> entries = Files.walk(folder, FileVisitOption.FOLLOW_LINKS)) {
            images = entries.filter(p -> isImage(folder, p)).sorted().toList();
        }
        if (images.isEmpty()) {
            throw new IOException("ImageFolder: the class folder " + folder + " holds no images (files ending in "
                    + String.join(", ", EXTENSIONS.stream().sorted().toList()) + "); remove the folder or add images");
        }
        return images;
    }

    private static boolean isImage(Path folder, Path file) {
        for (Path part : folder.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return false;
            }
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot)) && Files.isRegularFile(file);
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= files.size()) {
            throw new IndexOutOfBoundsException("ImageFolder: index " + index + " is out of range for "
                    + files.size() + " images");
        }
        return index;
    }
}
