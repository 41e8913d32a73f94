package dev.nabla.cli.experiment;

import dev.nabla.data.text.TextEncoder;
import dev.nabla.data.text.Tokenizer;
import dev.nabla.data.text.Vocabulary;
import dev.nabla.io.JsonReader;
import dev.nabla.io.JsonWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    static Map<String, String> trainingState(TextEncoder encoder) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("level", encoder.tokenizer().level().name().toLowerCase(Locale.ROOT));
        settings.put("lowercase", encoder.tokenizer().lowercase());
        settings.put("punctuation", encoder.tokenizer().punctuation().name().toLowerCase(Locale.ROOT));
        settings.put("sequence_length", encoder.maxLength());
        settings.put("vocabulary", encoder.vocabulary().tokens().subList(2, encoder.vocabulary().size()));
        return Map.of(KEY, JsonWriter.write(settings));
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
            Map<?, ?> settings = (Map<?, ?>) JsonReader.parseDocument(entry.getBytes(StandardCharsets.UTF_8));
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
}
