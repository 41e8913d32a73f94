package dev.nabla.tabular;

import dev.nabla.data.text.TextEncoder;
import dev.nabla.data.text.Tokenizer;
import dev.nabla.data.text.Vocabulary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Text columns to fixed-length rows of token ids, for an {@code Embedding} layer: Keras's
 * {@code TextVectorization(max_tokens, output_sequence_length, split)} with
 * {@code output_mode="int"}. {@code fit} builds each column's vocabulary from its training
 * texts (the {@code maxTokens − 2} most frequent tokens; id 0 is padding, id 1 any token not in
 * the vocabulary); {@code transform} lower-cases, strips punctuation, splits into words (or
 * characters), and pads or cuts each text at its end to {@code outputSequenceLength} ids.
 * A text column {@code review} becomes the numeric columns {@code review_0}, {@code review_1},
 * ...; a missing text becomes all padding.
 */
public final class TextVectorization implements Transform {

    /** How texts are split into tokens. */
    public enum Split { WORD, CHARACTER }

    private final int maxTokens;
    private final int outputSequenceLength;
    private final Split split;
    private List<String> columns;
    private List<Vocabulary> vocabularies;

    /**
     * @param maxTokens            the vocabulary's size, padding and unknown included (0: no limit)
     * @param outputSequenceLength the number of ids per text
     * @param split                words or characters
     */
    public TextVectorization(int maxTokens, int outputSequenceLength, Split split) {
        if (maxTokens < 0 || maxTokens == 1 || maxTokens == 2) {
            throw new IllegalArgumentException("TextVectorization: max_tokens must be 0 (no limit) or more than 2"
                    + " (ids 0 and 1 are padding and unknown tokens), got " + maxTokens);
        }
        if (outputSequenceLength < 1) {
            throw new IllegalArgumentException("TextVectorization: output_sequence_length must be at least 1, got "
                    + outputSequenceLength);
        }
        this.maxTokens = maxTokens;
        this.outputSequenceLength = outputSequenceLength;
        this.split = split;
    }

    @Override
    public TextVectorization fit(Table table) {
        columns = FittedColumns.require("TextVectorization", table, ColumnType.CATEGORICAL,
                "vectorize text columns only");
        Tokenizer tokenizer = tokenizer();
        vocabularies = new ArrayList<>();
        for (String name : columns) {
            CategoricalColumn column = table.categorical(name);
            List<List<String>> documents = new ArrayList<>();
            for (int row = 0; row < column.size(); row++) {
                if (!column.isMissing(row)) {
                    documents.add(tokenizer.tokenize(column.get(row)));
                }
            }
            vocabularies.add(Vocabulary.build(documents, 1, maxTokens));
        }
        return this;
    }

    @Override
    public Table transform(Table table) {
        Table selected = FittedColumns.select("TextVectorization", columns, table, ColumnType.CATEGORICAL);
        List<Column> out = new ArrayList<>();
        for (int j = 0; j < columns.size(); j++) {
            CategoricalColumn column = selected.categorical(columns.get(j));
            TextEncoder encoder = new TextEncoder(tokenizer(), vocabularies.get(j), outputSequenceLength);
            double[][] ids = new double[outputSequenceLength][column.size()];
            for (int row = 0; row < column.size(); row++) {
                float[] encoded = column.isMissing(row) ? new float[outputSequenceLength]
                        : encoder.encode(column.get(row)).toFloatArray();
                for (int position = 0; position < outputSequenceLength; position++) {
                    ids[position][row] = encoded[position];
                }
            }
            for (int position = 0; position < outputSequenceLength; position++) {
                out.add(new NumericColumn(column.name() + "_" + position, ids[position]));
            }
        }
        return new Table(out);
    }

    /** Each fitted column's vocabulary, in column order; the input size its embedding needs is the largest size. */
    public List<Vocabulary> vocabularies() {
        return vocabularies;
    }

    private Tokenizer tokenizer() {
        Tokenizer.Level level = split == Split.WORD ? Tokenizer.Level.WORD : Tokenizer.Level.CHARACTER;
        return new Tokenizer(level, true, Tokenizer.Punctuation.STRIP);
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("type", Transforms.typeOf(this));
        state.put("max_tokens", maxTokens);
        state.put("output_sequence_length", outputSequenceLength);
        state.put("split", split.name().toLowerCase(Locale.ROOT));
        if (columns != null) {
            state.put("columns", columns);
            state.put("vocabularies", vocabularies.stream()
                    .map(v -> v.tokens().subList(Vocabulary.UNKNOWN_INDEX + 1, v.size())).toList());
        }
        return state;
    }

    static TextVectorization fromState(Map<String, Object> state) {
        TextVectorization vectorization = new TextVectorization(((Number) state.get("max_tokens")).intValue(),
                ((Number) state.get("output_sequence_length")).intValue(),
                Split.valueOf(String.valueOf(state.get("split")).toUpperCase(Locale.ROOT)));
        if (state.containsKey("columns")) {
            vectorization.columns = FittedColumns.strings(state, "columns");
            vectorization.vocabularies = ((List<?>) state.get("vocabularies")).stream()
                    .map(tokens -> new Vocabulary(((List<?>) tokens).stream().map(t -> (String) t).toList())).toList();
        }
        return vectorization;
    }
}
