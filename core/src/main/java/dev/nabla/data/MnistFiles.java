package dev.nabla.data;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * An image set stored like MNIST: four IDX files (training and test images and labels),
 * each gzip-compressed or not, found in an explicit directory or searched for in
 * {@code $NABLA_DATA}, {@code $NABLA_DATA/<subdirectory>}, then the system directories.
 *
 * @param title             the data set's name in messages
 * @param subdirectory      the directory under {@code $NABLA_DATA} that may hold the files
 * @param systemDirectories where a system package installs the files, searched last
 * @param howToGet          the sentence that says how to get the files when they are absent
 */
record MnistFiles(String title, String subdirectory, List<Path> systemDirectories, String howToGet) {

    /** The environment variable naming a directory of data sets. */
    static final String ENVIRONMENT_VARIABLE = "NABLA_DATA";

    /** The four files, each also accepted with a {@code .gz} suffix. */
    static final List<String> FILE_NAMES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    /** The same files searched for in other system directories (for tests). */
    MnistFiles withSystemDirectories(List<Path> directories) {
        return new MnistFiles(title, subdirectory, List.copyOf(directories), howToGet);
    }

    /** The directories searched, in order, given a way to read environment variables. */
    List<Path> searchPath(Function<String, String> environment) {
        List<Path> directories = new ArrayList<>();
        String data = environment.apply(ENVIRONMENT_VARIABLE);
        if (data != null && !data.isBlank()) {
            directories.add(Path.of(data));
            directories.add(Path.of(data, subdirectory));
        }
        directories.addAll(systemDirectories);
        return directories;
    }

    /** The training and test sets from the first directory of the search path that holds all four files. */
    Split find(Function<String, String> environment) throws IOException {
        List<Path> searched = searchPath(environment);
        for (Path directory : searched) {
            if (missing(directory).isEmpty()) {
                return read(directory);
            }
        }
        String data = environment.apply(ENVIRONMENT_VARIABLE);
        boolean unset = data == null || data.isBlank();
        throw notFound(searched, unset ? ENVIRONMENT_VARIABLE + " is not set.\n" : "");
    }

    /** The training and test sets from the files in {@code directory}. */
    Split load(Path directory) throws IOException {
        if (!missing(directory).isEmpty()) {
            throw notFound(List.of(directory), "");
        }
        return read(directory);
    }

    private Split read(Path directory) throws IOException {
        return new Split(read(directory, "train"), read(directory, "t10k"));
    }

    /** Images {@code [N, 1, rows, columns]} scaled to [0, 1], labels {@code [N]} INT32. */
    private static TensorDataset read(Path directory, String part) throws IOException {
        Path imagesFile = locate(directory, part + "-images-idx3-ubyte");
        Path labelsFile = locate(directory, part + "-labels-idx1-ubyte");
        Tensor images = IdxReader.read(imagesFile);
        if (images.rank() != 3) {
            throw new IOException(imagesFile + ": expected images of shape [count, rows, columns], got "
                    + images.shape());
        }
        Tensor labels = IdxReader.read(labelsFile);
        int count = images.dim(0);
        if (labels.rank() != 1 || labels.dim(0) != count) {
            throw new IOException(labelsFile + ": expected " + count + " labels (shape [" + count + "]), one for each"
                    + " image in " + imagesFile + ", got shape " + labels.shape());
        }
        Tensor scaled = images.reshape(count, 1, images.dim(1), images.dim(2)).div(255f);
        return new TensorDataset(scaled, labels.to(DType.INT32));
    }

    /** The file named {@code name.gz}, or else {@code name}, in {@code directory}; null if neither exists. */
    private static Path locate(Path directory, String name) {
        for (Path file : List.of(directory.resolve(name + ".gz"), directory.resolve(name))) {
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }

    /** The files {@code directory} lacks (all when it is no directory). */
    private static List<String> missing(Path directory) {
        return FILE_NAMES.stream().filter(name -> locate(directory, name) == null).toList();
    }

    private FileNotFoundException notFound(List<Path> searched, String note) {
        StringBuilder message = new StringBuilder(title + " not found.");
        message.append(searched.isEmpty() ? "\n" : " Looked in:\n");
        for (Path directory : searched) {
            List<String> missing = missing(directory);
            message.append("  ").append(directory).append(": ").append(!Files.isDirectory(directory)
                    ? "no such directory"
                    : "missing " + String.join(", ", missing)).append('\n');
        }
        message.append(note)
                .append("Each directory needs ").append(String.join(", ", FILE_NAMES))
                .append(", gzip-compressed (.gz) or not.\n")
                .append("To get them: ").append(howToGet);
        return new FileNotFoundException(message.toString());
    }
}
