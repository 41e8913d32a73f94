package dev.nabla.cli.experiment;

import dev.nabla.data.text.TextCodec;
import dev.nabla.nn.LanguageModel;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Sequential;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * What generation needs from a model file: the language model in it (the model itself, or the
 * only layer of a {@code sequential} model) and the tokenizer its training state keeps
 * ({@link TextCodec#TRAINING_STATE_KEY}).
 */
public final class LanguageModelFiles {

    private LanguageModelFiles() {
    }

    /** The language model that {@code model} is or holds as its only layer, or null. */
    public static LanguageModel find(Layer model) {
        if (model instanceof LanguageModel languageModel) {
            return languageModel;
        }
        if (model instanceof Sequential sequential && sequential.children().size() == 1
                && sequential.children().values().iterator().next() instanceof LanguageModel languageModel) {
            return languageModel;
        }
        return null;
    }

    /**
     * The language model of a loaded model file.
     *
     * @throws IllegalArgumentException when it holds none
     */
    public static LanguageModel languageModel(Layer model, Path file) {
        LanguageModel found = find(model);
        if (found == null) {
            throw new IllegalArgumentException(file + " holds a " + model.getClass().getSimpleName() + ", not a"
                    + " language model: generate reads a TransformerLanguageModel or RecurrentLanguageModel (alone or"
                    + " as the only layer of a sequential model)");
        }
        return found;
    }

    /**
     * {@code model} scoring only the ids {@code [0, size)}: a model may have more outputs than its
     * tokenizer has ids (a vocabulary_size rounded up), which it learns never to predict but
     * which a draw must not pick.
     */
    public static LanguageModel limitedTo(LanguageModel model, int size) {
        if (model.vocabularySize() <= size) {
            return model;
        }
        return new LanguageModel() {
            @Override
            public int vocabularySize() {
                return size;
            }

            @Override
            public Decoding startDecoding(boolean useCache) {
                Decoding decoding = model.startDecoding(useCache);
                return new Decoding() {
                    @Override
                    public float[] feed(int... tokens) {
                        return Arrays.copyOf(decoding.feed(tokens), size);
                    }

                    @Override
                    public int length() {
                        return decoding.length();
                    }
                };
            }
        };
    }

    /**
     * The tokenizer kept in a model file's training state.
     *
     * @throws IllegalArgumentException when the file keeps none
     */
    public static TextCodec tokenizer(Map<String, String> trainingState, Path file) {
        String saved = trainingState.get(TextCodec.TRAINING_STATE_KEY);
        if (saved == null) {
            throw new IllegalArgumentException(file + " keeps no tokenizer, so its ids cannot become text: train it"
                    + " on a data.corpus file with nabla train, or save it with the training state entry '"
                    + TextCodec.TRAINING_STATE_KEY + "' = codec.save()");
        }
        return TextCodec.load(saved);
    }
}
