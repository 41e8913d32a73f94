package dev.nabla.cli.experiment;

import dev.nabla.data.Split;
import dev.nabla.data.SplitIndices;
import dev.nabla.data.Splits;
import dev.nabla.data.TensorDataset;
import dev.nabla.data.text.BagOfWords;
import dev.nabla.data.text.BagOfWordsClassifier;
import dev.nabla.data.text.TextEncoder;
import dev.nabla.data.text.Vocabulary;
import dev.nabla.nn.Layer;
import dev.nabla.tabular.CategoricalColumn;
import dev.nabla.tabular.LabelEncoder;
import dev.nabla.tabular.TargetEncoding;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs an experiment on labelled texts ({@code data.text}): holds out a stratified
 * {@code test_split}, builds the vocabulary from the training texts only, pads or cuts every
 * text to the sequence length, trains and tests as any run, and keeps the encoding in the model
 * files for {@code predict --text}. With {@code baseline: true} it also fits a bag-of-words
 * logistic regression on the same training texts and prints its test accuracy.
 */
final class TextRun {

    /** The gradient-descent steps and the penalty of the bag-of-words baseline. */
    private static final int BASELINE_ITERATIONS = 1000;
    private static final double BASELINE_PENALTY = 1e-4;

    private TextRun() {
    }

    /** What a text file becomes: the encoder fitted on the training texts, and the train and test sets. */
    private record Prepared(TextEncoder encoder, Split split, List<String> classNames, List<String> texts,
                            int[] labels, SplitIndices parts) {
    }

    static Map<String, Double> run(Experiment experiment, PrintWriter out) throws IOException {
        Prepared prepared = prepare(experiment);
        int[] sampleShape = {prepared.encoder().maxLength()};
        Layer network = ExperimentRun.build(experiment, sampleShape);
        out.printf(Locale.ROOT, "%s: vocabulary of %d tokens from the training texts, %d ids per text%n",
                experiment.data().text().file(), prepared.encoder().vocabulary().size(), sampleShape[0]);
        if (experiment.data().text().wordVectors() != null) {
            experiment.data().text().wordVectors().apply(network, prepared.encoder().vocabulary(), out);
        }
        Map<String, Double> test = ExperimentRun.trainAndTest(experiment, network, prepared.split(), sampleShape,
                prepared.classNames(), TextModelInputs.trainingState(prepared.encoder(), experiment.data().text()), out);
        if (experiment.data().text().baseline()) {
            out.printf(Locale.ROOT, "baseline (bag-of-words logistic regression): test accuracy %.4f%n",
                    baseline(prepared));
            out.flush();
        }
        return test;
    }

    /** One sample's shape, {@code [sequence length]}. */
    static int[] sampleShape(Experiment experiment) throws IOException {
        return new int[] {prepare(experiment).encoder().maxLength()};
    }

    private static Prepared prepare(Experiment experiment) throws IOException {
        TextSpec spec = experiment.data().text();
        TextSpec.LabelledTexts data = spec.read(experiment.data().limit());
        CategoricalColumn labelColumn = new CategoricalColumn(spec.labelColumn(),
                data.labels().toArray(String[]::new));
        LabelEncoder classes = new LabelEncoder().fit(labelColumn);
        int[] labels = classes.transform(labelColumn);
        TargetEncoding encoding = TabularRun.encoding(experiment.training().loss().name());
        if (!encoding.isClassification()) {
            throw spec.node().error("texts are classified: use a classification loss (binary_crossentropy,"
                    + " sparse_categorical_crossentropy or categorical_crossentropy), not "
                    + experiment.training().loss().name());
        }
        Tensor targets;
        SplitIndices parts;
        try {
            targets = encoding.encode(labelColumn, classes);
            parts = Splits.stratifiedTrainTest(Tensor.of(toFloats(labels)), spec.testSplit(),
                    new Generator(experiment.training().seed()));
        } catch (IllegalArgumentException e) {
            throw spec.node().error(e.getMessage());
        }
        List<String> trainTexts = select(data.texts(), parts.train());
        Vocabulary vocabulary = Vocabulary.build(trainTexts.stream().map(spec.tokenizer()::tokenize).toList(),
                spec.minFrequency(), spec.maxTokens());
        int length = spec.sequenceLength() > 0 ? spec.sequenceLength()
                : trainTexts.stream().mapToInt(t -> spec.tokenizer().tokenize(t).size()).max().orElse(1);
        TextEncoder encoder = new TextEncoder(spec.tokenizer(), vocabulary, length);
        Tensor ids = encoder.encode(data.texts());
        Split split = new Split(new TensorDataset(ids, targets).subset(parts.train()),
                new TensorDataset(ids, targets).subset(parts.test()));
        return new Prepared(encoder, split, classes.classes(), data.texts(), labels, parts);
    }

    /** The bag-of-words logistic regression's accuracy on the test texts, fitted on the training texts. */
    private static double baseline(Prepared prepared) {
        BagOfWords bag = new BagOfWords(prepared.encoder().tokenizer(), prepared.encoder().vocabulary());
        int[] train = prepared.parts().train();
        int[] test = prepared.parts().test();
        BagOfWordsClassifier classifier = BagOfWordsClassifier.fit(bag, select(prepared.texts(), train),
                Arrays.stream(train).map(i -> prepared.labels()[i]).toArray(), BASELINE_ITERATIONS, BASELINE_PENALTY);
        return classifier.accuracy(select(prepared.texts(), test),
                Arrays.stream(test).map(i -> prepared.labels()[i]).toArray());
    }

    private static List<String> select(List<String> values, int[] indices) {
        return Arrays.stream(indices).mapToObj(values::get).toList();
    }

    private static float[] toFloats(int[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = values[i];
        }
        return floats;
    }
}
