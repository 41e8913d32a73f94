package dev.nabla.data.text;

import dev.nabla.tensor.Tensor;
import java.util.List;

/**
 * Texts as bag-of-words rows, one column per vocabulary entry (scikit-learn's
 * {@code CountVectorizer}, Keras's {@code TextVectorization(output_mode="count")}): row
 * {@code i}, column {@code j} counts the tokens of text {@code i} whose id is {@code j}; column
 * 1 counts the tokens not in the vocabulary and column 0 ({@code <pad>}) stays 0. Word order is
 * lost, which is what makes it a baseline for sequence models.
 *
 * <pre>{@code
 * Tensor counts = new BagOfWords(tokenizer, vocabulary).counts(texts);   // [texts.size(), vocabulary.size()]
 * }</pre>
 */
public record BagOfWords(Tokenizer tokenizer, Vocabulary vocabulary) {

    public BagOfWords {
        if (tokenizer == null || vocabulary == null) {
            throw new IllegalArgumentException("BagOfWords: the tokenizer and the vocabulary are required");
        }
    }

    /** The token counts of each text, {@code [texts.size(), vocabulary.size()]}. */
    public Tensor counts(List<String> texts) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("BagOfWords: no texts");
        }
        int width = vocabulary.size();
        float[] counts = new float[texts.size() * width];
        for (int i = 0; i < texts.size(); i++) {
            for (int id : vocabulary.encode(tokenizer.tokenize(texts.get(i)))) {
                counts[i * width + id]++;
            }
        }
        return Tensor.of(counts, texts.size(), width);
    }
}
