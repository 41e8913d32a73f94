package dev.nabla.cli.experiment;

import dev.nabla.data.TensorDataset;
import dev.nabla.data.text.TextEncoder;
import dev.nabla.data.text.Tokenizer;
import dev.nabla.data.text.Vocabulary;
import dev.nabla.io.JsonReader;
import dev.nabla.io.JsonWriter;
import dev.nabla.tabular.CategoricalColumn;
import dev.nabla.tabular.LabelEncoder;
import dev.nabla.tabular.TargetEncoding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Texts for a model trained on a {@code data.text} file: the tokenizer settings, the vocabulary
 * and the sequence length of training are kept in the model file's training state, so that
 * {@code nabla predict MODEL --text "..."} encodes a new text exactly as training did.
 */
public final class TextModelInputs {

    /** The training-state key of the text encoding. */
    static final String KEY = "text.encoder";

    private TextModelInputs() {
    }

    /** The training-state entry of a text run. */
    static Map<String, String> trainingState(TextEncoder encoder, TextSpec spec) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("text_column", spec.textColumn());
        settings.put("label_column", spec.labelColumn());
        settings.put("level", encoder.tokenizer().level().name().toLowerCase(Locale.ROOT));
        settings.put("lowercase", encoder.tokenizer().lowercase());
        settings.put("punctuation", encoder.tokenizer().punctuation().name().toLowerCase(Locale.ROOT));
        settings.put("sequence_length", encoder.maxLength());
        settings.put("vocabulary", encoder.vocabulary().tokens().subList(2, encoder.vocabulary().size()));
        return Map.of(KEY, JsonWriter.write(settings));
    }

    /**
     * The texts and labels of a CSV or JSON file with the columns of the model's training file,
     * encoded as in training, with targets as the model's loss wants them.
     *
     * @throws IllegalArgumentException when the model was not trained on texts, a column is absent or a label unknown
     */
    public static TensorDataset dataset(Path file, Path model, Map<String, String> trainingState,
                                        List<String> classNames, String loss) throws IOException {
        TextEncoder encoder = encoder(trainingState);
        if (encoder == null || classNames == null) {
            throw new IllegalArgumentException(model + " was not trained on labelled texts (data.text), so it cannot"
                    + " read the texts of " + file);
        }
        Map<?, ?> settings = settings(trainingState);
        TextSpec.LabelledTexts texts = TextSpec.forEvaluation(file, (String) settings.get("text_column"),
                (String) settings.get("label_column"), encoder.tokenizer()).read(0);
        for (int row = 0; row < texts.labels().size(); row++) {
            if (!classNames.contains(texts.labels().get(row))) {
                throw new IllegalArgumentException(file + ": the label '" + texts.labels().get(row) + "' of example "
                        + (row + 1) + " is not one of the model's classes " + classNames);
            }
        }
        CategoricalColumn labels = new CategoricalColumn((String) settings.get("label_column"),
                texts.labels().toArray(String[]::new));
        LabelEncoder classes = new LabelEncoder().fit(new CategoricalColumn("classes", classNames.toArray(String[]::new)));
        TargetEncoding encoding = TabularRun.encoding(loss);
        return new TensorDataset(encoder.encode(texts.texts()), encoding.encode(labels, classes));
    }

    /** Whether {@code spec} names a file of texts: CSV or JSON. */
    public static boolean isTextFile(String spec) {
        String name = spec.toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") || name.endsWith(".json");
    }

    /**
     * The encoder a model file keeps, or null when it was not trained on texts.
     *
     * @throws IllegalArgumentException when the entry is malformed
     */
    public static TextEncoder encoder(Map<String, String> trainingState) {
        String entry = trainingState.get(KEY);
        if (entry == null) {
            return null;
        }
        try {
            Map<?, ?> settings = settings(trainingState);
            Tokenizer tokenizer = new Tokenizer(
                    Tokenizer.Level.valueOf(((String) settings.get("level")).toUpperCase(Locale.ROOT)),
                    (Boolean) settings.get("lowercase"),
                    Tokenizer.Punctuation.valueOf(((String) settings.get("punctuation")).toUpperCase(Locale.ROOT)));
            List<String> tokens = ((List<?>) settings.get("vocabulary")).stream().map(String.class::cast).toList();
            return new TextEncoder(tokenizer, new Vocabulary(tokens),
                    ((Number) settings.get("sequence_length")).intValue());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the model file's text encoding (" + KEY + ") is malformed: "
                    + e.getMessage(), e);
        }
    }

    private static Map<?, ?> settings(Map<String, String> trainingState) throws IOException {
        return (Map<?, ?>) JsonReader.parseDocument(trainingState.get(KEY).getBytes(StandardCharsets.UTF_8));
    }
}
