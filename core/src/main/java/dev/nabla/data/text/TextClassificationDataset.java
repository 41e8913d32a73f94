package dev.nabla.data.text;

import dev.nabla.data.Batch;
import dev.nabla.data.Dataset;
import dev.nabla.data.Example;
import dev.nabla.data.Subset;
import dev.nabla.data.TensorDataset;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Labelled texts as token ids, padded per batch: each text is tokenised and looked up in the
 * vocabulary once, cut to at most {@code maxLength} tokens (its beginning kept), and a batch is
 * padded with {@code <pad>} (id 0) at the end only to its longest text (PyTorch's
 * {@code pad_sequence(batch_first=True)} in a collate function), so that a batch of short
 * texts is short. A batch is {@code [batch, time]} INT32 ids with its class labels {@code [batch]}
 * INT32 and a mask {@code [batch, time]}, 1 for a token and 0 for padding (Keras's
 * {@code Embedding(mask_zero=True)} computes the same mask from the ids).
 *
 * <pre>{@code
 * Tokenizer tokenizer = Tokenizer.words();
 * Vocabulary vocabulary = Vocabulary.build(trainTexts.stream().map(tokenizer::tokenize).toList(), 2, 10_000);
 * var train = new TextClassificationDataset(trainTexts, trainLabels, tokenizer, vocabulary, 100);
 * }</pre>
 */
public final class TextClassificationDataset implements Dataset {

    /** The batches in a pool sorted by length when bucketing. */
    public static final int BUCKET_POOL = 50;

    private final List<int[]> ids;
    private final int[] labels;
    private final Tokenizer tokenizer;
    private final Vocabulary vocabulary;
    private final int maxLength;

    /**
     * @param texts     the texts, none empty after tokenising
     * @param labels    each text's class, from 0
     * @param maxLength the most tokens kept of a text (its first ones)
     * @throws IllegalArgumentException when the counts differ, a label is negative, or a text has no token, naming it
     */
    public TextClassificationDataset(List<String> texts, int[] labels, Tokenizer tokenizer, Vocabulary vocabulary,
                                     int maxLength) {
        if (tokenizer == null || vocabulary == null) {
            throw new IllegalArgumentException("TextClassificationDataset: the tokenizer and the vocabulary are"
                    + " required");
        }
        if (texts.size() != labels.length) {
            throw new IllegalArgumentException("TextClassificationDataset: " + texts.size() + " texts but "
                    + labels.length + " labels; give one label per text");
        }
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("TextClassificationDataset: no texts");
        }
        if (maxLength < 1) {
            throw new IllegalArgumentException("TextClassificationDataset: the maximum length must be at least 1, got "
                    + maxLength);
        }
        List<int[]> encoded = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            int[] row = text == null ? new int[0] : vocabulary.encode(tokenizer.tokenize(text));
            if (row.length == 0) {
                throw new IllegalArgumentException("TextClassificationDataset: text " + i + " ("
                        + (text == null ? "null" : "'" + text + "'") + ") has no token; drop empty texts first");
            }
            if (labels[i] < 0) {
                throw new IllegalArgumentException("TextClassificationDataset: text " + i + " has the label "
                        + labels[i] + "; labels are classes 0, 1, ...");
            }
            encoded.add(row.length > maxLength ? Arrays.copyOf(row, maxLength) : row);
        }
        this.ids = List.copyOf(encoded);
        this.labels = labels.clone();
        this.tokenizer = tokenizer;
        this.vocabulary = vocabulary;
        this.maxLength = maxLength;
    }

    @Override
    public int size() {
        return ids.size();
    }

    /** Text {@code index}: its ids {@code [length]} (no padding), its label and a mask of ones. */
    @Override
    public Example get(int index) {
        int[] row = row(index);
        return new Example(Map.of(Batch.FEATURES, ids(row)), Tensor.scalar(labels[index])
                .to(DType.INT32), Tensor.ones(row.length));
    }

    /** The texts at {@code indices}, padded at the end to the longest of them, with their mask. */
    @Override
    public Batch batch(int... indices) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("batch: no indices given; a batch holds at least one example");
        }
        int longest = 0;
        for (int index : indices) {
            longest = Math.max(longest, row(index).length);
        }
        return padded(indices, longest);
    }

    /** Every text padded to {@code length} (cut where longer), in memory, without masks: for fixed-length models. */
    public TensorDataset toTensorDataset(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("TextClassificationDataset: the length must be at least 1, got "
                    + length);
        }
        int[] all = new int[size()];
        Arrays.setAll(all, i -> i);
        Batch batch = padded(all, length);
        return new TensorDataset(batch.features(), batch.targets());
    }

    /**
     * The texts in an order that puts texts of similar length in the same batch (bucketing by
     * length, as torchtext's {@code BucketIterator} does): the texts are shuffled, taken in pools
     * of {@value #BUCKET_POOL} batches, sorted by length within each pool and cut into batches of
     * {@code batchSize}, and the batches are shuffled. Read the view with a {@link
     * dev.nabla.data.DataLoader} of the same batch size without shuffling, so that a batch pads
     * little; draw a new order for each epoch from the same generator when it should change.
     */
    public Subset bucketedByLength(int batchSize, Generator generator) {
        if (batchSize < 1 || generator == null) {
            throw new IllegalArgumentException("TextClassificationDataset.bucketedByLength: give a batch size of at"
                    + " least 1 and a generator, got " + batchSize + " and " + generator);
        }
        int[] shuffled = order(Tensor.permutation(generator, size()));
        List<int[]> batches = new ArrayList<>();
        int pool = batchSize * BUCKET_POOL;
        for (int start = 0; start < shuffled.length; start += pool) {
            int[] sorted = Arrays.stream(Arrays.copyOfRange(shuffled, start, Math.min(start + pool, shuffled.length)))
                    .boxed().sorted(java.util.Comparator.comparingInt(i -> ids.get(i).length))
                    .mapToInt(Integer::intValue).toArray();
            for (int from = 0; from < sorted.length; from += batchSize) {
                batches.add(Arrays.copyOfRange(sorted, from, Math.min(from + batchSize, sorted.length)));
            }
        }
        int[] batchOrder = order(Tensor.permutation(generator, batches.size()));
        return new Subset(this, Arrays.stream(batchOrder).mapToObj(batches::get).flatMapToInt(Arrays::stream)
                .toArray());
    }

    /** The number of tokens of each text after cutting to the maximum length, in order. */
    public int[] lengths() {
        return ids.stream().mapToInt(row -> row.length).toArray();
    }

    /** Each text's class, in order (copied). */
    public int[] labels() {
        return labels.clone();
    }

    /** The number of classes: the largest label plus one. */
    public int classCount() {
        return Arrays.stream(labels).max().orElse(0) + 1;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public int maxLength() {
        return maxLength;
    }

    @Override
    public String toString() {
        return "TextClassificationDataset(" + size() + " texts, " + classCount() + " classes, vocabulary of "
                + vocabulary.size() + ", at most " + maxLength + " tokens)";
    }

    private Batch padded(int[] indices, int length) {
        float[] values = new float[indices.length * length]; // zeros are <pad>
        float[] mask = new float[indices.length * length];
        float[] targets = new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int[] row = row(indices[i]);
            for (int k = 0; k < Math.min(row.length, length); k++) {
                values[i * length + k] = row[k];
                mask[i * length + k] = 1f;
            }
            targets[i] = labels[indices[i]];
        }
        return new Batch(Map.of(Batch.FEATURES, Tensor.of(values, indices.length, length).to(DType.INT32)),
                Tensor.of(targets).to(DType.INT32), null, Tensor.of(mask, indices.length, length));
    }

    private static int[] order(Tensor permutation) {
        float[] values = permutation.toFloatArray();
        int[] order = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            order[i] = (int) values[i];
        }
        return order;
    }

    private static Tensor ids(int[] row) {
        float[] values = new float[row.length];
        for (int k = 0; k < row.length; k++) {
            values[k] = row[k];
        }
        return Tensor.of(values, row.length).to(DType.INT32);
    }

    private int[] row(int index) {
        if (index < 0 || index >= ids.size()) {
            throw new IndexOutOfBoundsException("TextClassificationDataset: index " + index + " is out of range for "
                    + ids.size() + " texts");
        }
        return ids.get(index);
    }
}
