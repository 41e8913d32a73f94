package dev.nabla.cli.experiment;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.data.Mnist;
import dev.nabla.data.Split;
import dev.nabla.data.TensorDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code data} section: a built-in data set or a directory of MNIST-format files, the
 * fraction of the training set held out for validation, and an optional cap on the number
 * of examples (for quick runs).
 *
 * @param builtIn         the named data set, or null
 * @param directory       a directory holding the four MNIST IDX files, or null
 * @param validationSplit the fraction of the training set, taken from its end, validated on after each epoch
 * @param limit           the most examples used of each of the training and test sets (of a CSV file's rows); 0
 *                        for all
 * @param csv             a CSV file, its columns, preprocessing and testing, or null
 * @param augmentation    random changes to the training images, or null
 * @param imageFolder     images in one folder per class, or null
 * @param text            labelled texts in a CSV or JSON file, or null
 * @param timeseries      a series in a CSV file, cut into windows, or null
 * @param seq2seq         pairs of source and target texts, generated or in a CSV file, or null
 * @param corpus          a text file for a language model, or null
 */
public record DataSpec(BuiltInData builtIn, Path directory, float validationSplit, int limit, CsvSpec csv,
                       AugmentationSpec augmentation, ImageFolderSpec imageFolder, TextSpec text,
                       TimeseriesSpec timeseries, Seq2SeqSpec seq2seq,
                       CorpusSpec corpus) {

    static final List<String> KEYS = List.of("name", "path", "csv", "validation_split", "limit", "augmentation");

    /** Reads {@code data: digits} or {@code data: {name: ..., validation_split: ..., limit: ...}}. */
    static DataSpec parse(ConfigNode node) {
        if (!node.isMap()) {
            return new DataSpec(builtIn(node), null, 0f, 0, null, null, null, null, null, null, null);
        }
        ConfigMap map = node.asMap();
        boolean csv = map.has("csv");
        boolean images = map.has("image_folder") && !csv;
        boolean text = map.has("text") && !csv && !images;
        boolean series = map.has("timeseries") && !csv && !images && !text;
        boolean pairs = map.has("seq2seq") && !csv && !images && !text && !series;
        boolean corpus = map.has("corpus") && !csv && !images && !text && !series && !pairs;
        if (text || series || pairs || corpus) {
            List<String> keys = new ArrayList<>(text ? TextSpec.KEYS : series ? TimeseriesSpec.KEYS
                    : pairs ? Seq2SeqSpec.KEYS : CorpusSpec.KEYS);
            keys.addAll(List.of("validation_split", "limit"));
            map.allowOnly(keys);
        } else if (csv) {
            List<String> keys = new ArrayList<>(CsvSpec.KEYS);
            keys.addAll(List.of("validation_split", "limit"));
            map.allowOnly(keys);
        } else if (images) {
            List<String> keys = new ArrayList<>(ImageFolderSpec.KEYS);
            keys.addAll(List.of("validation_split", "limit", "augmentation"));
            map.allowOnly(keys);
        } else {
            map.allowOnly(KEYS);
        }
        ConfigNode name = map.get("name");
        ConfigNode path = map.get("path");
        if (!csv && !images && !text && !series && !pairs && !corpus && (name == null) == (path == null)) {
            throw node.error("give either 'name' (one of " + String.join(", ", BuiltInData.names())
                    + "), 'path' (a directory of MNIST-format files), 'image_folder' (a folder of images per class),"
                    + " 'csv' (a CSV file), 'text' (labelled texts), 'timeseries' (a series), 'seq2seq' (pairs of"
                    + " texts) or 'corpus' (a text file for a language model), not "
                    + (name == null ? "neither" : "both"));
        }
        ConfigNode split = map.get("validation_split");
        float validationSplit = split == null ? 0f : split.asFloat();
        if (!(validationSplit >= 0f && validationSplit < 1f)) {
            throw split.error("expected a fraction from 0 (included) to 1 (excluded), got " + split.describe());
        }
        return new DataSpec(name == null ? null : builtIn(name), path == null ? null : Path.of(path.asString()),
                validationSplit, map.integer("limit", 1, 0), csv ? CsvSpec.parse(map) : null,
                map.has("augmentation") ? AugmentationSpec.parse(map.get("augmentation")) : null,
                images ? ImageFolderSpec.parse(map) : null, text ? TextSpec.parse(map) : null,
                series ? TimeseriesSpec.parse(map) : null, pairs ? Seq2SeqSpec.parse(map) : null,
                corpus ? CorpusSpec.parse(map) : null);
    }

    private static BuiltInData builtIn(ConfigNode name) {
        BuiltInData data = BuiltInData.byName(name.asString());
        if (data == null) {
            throw name.error("unknown data set " + name.describe() + "; known: "
                    + String.join(", ", BuiltInData.names()) + ", or give 'path' instead of 'name'");
        }
        return data;
    }

    /** One example's shape, known without loading for a built-in set and an image folder; null for a directory. */
    public int[] sampleShape() {
        return builtIn != null ? builtIn.sampleShape() : imageFolder != null ? imageFolder.sampleShape() : null;
    }

    /** One example's shape in loaded data. */
    public static int[] sampleShapeOf(Split split) {
        int[] dims = split.train().features().shape().toArray();
        return Arrays.copyOfRange(dims, 1, dims.length);
    }

    /** The class names of a built-in set or an image folder, or null. */
    public List<String> classNames() throws IOException {
        return builtIn != null ? builtIn.classNames() : imageFolder != null ? imageFolder.classNames() : null;
    }

    /** The training and test sets, each cut to {@link #limit} examples when one is set. */
    public Split load() throws IOException {
        if (csv != null || text != null || timeseries != null || seq2seq != null || corpus != null) {
            throw new IllegalStateException("a CSV, text or series file is read by its own run, not loaded as a split");
        }
        Split split = builtIn != null ? builtIn.load()
                : imageFolder != null ? imageFolder.load() : Mnist.load(directory);
        return limit == 0 ? split : new Split(first(split.train(), limit), first(split.test(), limit));
    }

    /** The same data with another limit (0 for none). */
    public DataSpec withLimit(int value) {
        return new DataSpec(builtIn, directory, validationSplit, value, csv, augmentation, imageFolder, text,
                timeseries, seq2seq, corpus);
    }

    /** The same data with a CSV file's path resolved against {@code base} (the experiment file's directory). */
    public DataSpec withBase(Path base) {
        return new DataSpec(builtIn, directory, validationSplit, limit, csv == null ? null : csv.resolvedAgainst(base),
                augmentation, imageFolder == null ? null : imageFolder.resolvedAgainst(base),
                text == null ? null : text.resolvedAgainst(base),
                timeseries == null ? null : timeseries.resolvedAgainst(base),
                seq2seq == null ? null : seq2seq.resolvedAgainst(base),
                corpus == null ? null : corpus.resolvedAgainst(base));
    }

    /** The data set's name in messages: {@code fashion-mnist} or the directory. */
    public String title() {
        return builtIn != null ? builtIn.key() : csv != null ? csv.file().toString()
                : text != null ? text.file().toString() : timeseries != null ? timeseries.file().toString()
                : seq2seq != null ? seq2seq.title()
                : corpus != null ? corpus.file().toString()
                : imageFolder != null ? imageFolder.folder().toString() : directory.toString();
    }

    /** The section with its defaults filled in, for {@code config.resolved.yaml}. */
    Map<String, Object> resolved() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (csv != null) {
            out.putAll(csv.resolved());
        } else if (text != null) {
            out.putAll(text.resolved());
        } else if (timeseries != null) {
            out.putAll(timeseries.resolved());
        } else if (seq2seq != null) {
            out.putAll(seq2seq.resolved());
        } else if (corpus != null) {
            out.putAll(corpus.resolved());
        } else if (imageFolder != null) {
            out.putAll(imageFolder.resolved());
        } else if (builtIn != null) {
            out.put("name", builtIn.key());
        } else {
            out.put("path", directory.toString());
        }
        out.put("validation_split", Experiment.decimal(validationSplit));
        if (limit > 0) {
            out.put("limit", limit);
        }
        if (augmentation != null) {
            out.put("augmentation", augmentation.resolved());
        }
        return out;
    }

    /**
     * The examples a command-line SPEC names: {@code NAME[:PART]}, NAME a built-in set or a
     * directory of MNIST-format files, PART {@code train} or {@code test} (the default).
     */
    public static TensorDataset select(String spec) throws IOException {
        String name = spec;
        String part = "test";
        int colon = spec.lastIndexOf(':');
        if (colon > 0 && List.of("train", "test").contains(spec.substring(colon + 1))) {
            name = spec.substring(0, colon);
            part = spec.substring(colon + 1);
        }
        BuiltInData builtIn = BuiltInData.byName(name);
        if (builtIn == null && !Files.isDirectory(Path.of(name))) {
            throw new IllegalArgumentException("unknown data '" + spec + "': give one of "
                    + String.join(", ", BuiltInData.names()) + " or a directory of MNIST-format files,"
                    + " optionally followed by :train or :test (the default), e.g. fashion-mnist:test");
        }
        Split split = builtIn != null ? builtIn.load() : Mnist.load(Path.of(name));
        return part.equals("train") ? split.train() : split.test();
    }

    private static TensorDataset first(TensorDataset data, int count) {
        return data.size() <= count ? data : data.slice(0, count);
    }
}
