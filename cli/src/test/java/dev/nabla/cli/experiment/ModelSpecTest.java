package dev.nabla.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.cli.config.ConfigException;
import dev.nabla.cli.config.YamlFile;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Summary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSpecTest {

    private static final String CHANNELS_LAST = """
            data: digits
            model:
              input_shape: [8, 8, 1]
              sequential:
                - {type: conv2d, filters: 4, kernel_size: 3, padding: same}
                - {type: flatten}
                - {type: dense, units: 10, activation: softmax}
            training: {loss: sparse_categorical_crossentropy, epochs: 1}
            """;

    @TempDir
    Path directory;

    private Experiment parse(String text) {
        return Experiment.parse(YamlFile.parse(text, "x.yaml"), directory.resolve("run"), Experiment.Overrides.NONE);
    }

    @Test
    void anInputShapeThatIsNotTheDatasIsReportedAtItsLineWithAChannelsFirstHint() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(CHANNELS_LAST).sampleShape());

        assertEquals("x.yaml:3: model.input_shape: expected the shape of the data's samples, [1, 8, 8], got"
                + " [8, 8, 1]; write input_shape: [1, 8, 8], or leave it out to take the data's; [8, 8, 1] looks"
                + " channels-last ([height, width, channels]): Nabla is channels-first like PyTorch,"
                + " [channels, height, width]; give [1, 8, 8], or move the channels first (permute(2, 0, 1) on each"
                + " image)", e.getMessage());
    }

    @Test
    void aRunStopsAtAWrongInputShapeBeforeTheSummaryAndTraining() {
        StringWriter printed = new StringWriter();

        ConfigException e = assertThrows(ConfigException.class,
                () -> ExperimentRun.run(parse(CHANNELS_LAST), new PrintWriter(printed)));

        assertEquals("model.input_shape", e.path());
        assertEquals("", printed.toString());
        assertFalse(Files.exists(directory.resolve("run").resolve("history.csv")));
    }

    @Test
    void dataReadFromFilesIsCheckedBeforeAnyLayerIsBuilt() throws IOException {
        Path data = directory.resolve("idx");
        Files.createDirectories(data);
        for (String part : new String[] {"train", "t10k"}) {
            writeIdx(data.resolve(part + "-images-idx3-ubyte"), 0x0803, 6, 8, 8);
            writeIdx(data.resolve(part + "-labels-idx1-ubyte"), 0x0801, 6);
        }
        StringWriter printed = new StringWriter();
        Experiment experiment = parse(CHANNELS_LAST.replace("data: digits", "data: {path: " + data + "}"));

        ConfigException e = assertThrows(ConfigException.class,
                () -> ExperimentRun.run(experiment, new PrintWriter(printed)));

        assertTrue(e.getMessage().startsWith("x.yaml:3: model.input_shape: expected the shape of the data's samples,"
                + " [1, 8, 8], got [8, 8, 1]"), e.getMessage());
        assertEquals("", printed.toString());
    }

    /** An IDX file of zeros: the magic number (type and rank), the sizes, then one byte per value. */
    private static void writeIdx(Path file, int magic, int... sizes) throws IOException {
        int count = 1;
        for (int size : sizes) {
            count *= size;
        }
        ByteBuffer bytes = ByteBuffer.allocate(4 + 4 * sizes.length + count).putInt(magic);
        for (int size : sizes) {
            bytes.putInt(size);
        }
        Files.write(file, bytes.array());
    }

    @Test
    void aLayerThatDoesNotFitAChannelsLastSampleGetsTheHint() {
        Experiment experiment = parse(CHANNELS_LAST.replace("padding: same", "padding: valid"));

        ConfigException e = assertThrows(ConfigException.class, () -> experiment.model().build(new int[] {8, 8, 1}));

        assertEquals("model.sequential[0]", e.path());
        assertTrue(e.problem().startsWith("the layer 'conv2d' does not fit its input: "), e.problem());
        assertTrue(e.problem().endsWith("; [8, 8, 1] looks channels-last ([height, width, channels]): Nabla is"
                + " channels-first like PyTorch, [channels, height, width]; give [1, 8, 8], or move the channels"
                + " first (permute(2, 0, 1) on each image)"), e.problem());
    }

    @Test
    void theDatasOwnShapeIsAccepted() {
        assertArrayEquals(new int[] {1, 8, 8}, parse(CHANNELS_LAST.replace("[8, 8, 1]", "[1, 8, 8]")).sampleShape());
    }

    @Test
    void namesGivenToLayersShowInTheSummaryAndTheStateDict() throws IOException {
        Experiment experiment = parse("""
                data: digits
                model:
                  sequential:
                    - {type: flatten}
                    - {type: dense, units: 16, activation: relu, name: hidden}
                    - {type: dense, units: 10, name: head}
                training: {loss: sparse_categorical_crossentropy}
                """);

        Layer model = experiment.model().build(experiment.sampleShape());

        String summary = Summary.of(model, 1, 8, 8);
        assertTrue(summary.contains("│ hidden (Dense)    │ (None, 16)   │"), summary);
        assertTrue(summary.contains("│ head (Dense)      │ (None, 10)   │"), summary);
        assertEquals(List.of("hidden.weight", "hidden.bias", "head.weight", "head.bias"),
                List.copyOf(model.stateDict().keySet()));
    }

    @Test
    void aNameGivenTwiceIsReportedAtTheSecond() {
        Experiment experiment = parse("""
                data: digits
                model:
                  sequential:
                    - {type: flatten, name: head}
                    - {type: dense, units: 10, name: head}
                training: {loss: sparse_categorical_crossentropy}
                """);

        ConfigException e = assertThrows(ConfigException.class, () -> experiment.model().build(new int[] {1, 8, 8}));

        assertEquals("x.yaml:5: model.sequential[1].name: the layer name is already taken (Sequential: the name 'head'"
                + " is already taken); give each layer its own name, other than the positions 0, 1, 2, ... of unnamed"
                + " layers", e.getMessage());
    }

    @Test
    void aGraphLayerIsNamedAsItsEntry() {
        Experiment experiment = parse("""
                data: digits
                model:
                  graph:
                    layers:
                      - {type: flatten}
                      - {name: features, type: dense, units: 16}
                      - {name: head, type: dense, units: 10}
                training: {loss: sparse_categorical_crossentropy}
                """);

        Layer model = experiment.model().build(experiment.sampleShape());

        assertEquals(List.of("flatten", "features", "head"), List.copyOf(model.children().keySet()));
        assertTrue(Summary.of(model).contains("│ head (Dense)"), Summary.of(model));
    }

    @Test
    void aGlobalPoolingRightAfterAnEmbeddingIsWarnedOfWithTheDataFormatToGive() {
        String text = """
                data: digits
                model:
                  sequential:
                    - {type: flatten}
                    - {type: embedding, input_dim: 17, output_dim: 4}
                    - {type: GlobalAveragePooling1D}
                    - {type: dense, units: 10, activation: softmax}
                training: {loss: sparse_categorical_crossentropy}
                """;
        Experiment experiment = parse(text);
        java.io.PrintStream standardError = System.err;
        var captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            experiment.model().build(experiment.sampleShape());
        } finally {
            System.setErr(standardError);
        }
        String printed = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("WARNING: x.yaml:6: GlobalAveragePooling1D right after an embedding pools each"
                + " token's vector, not the tokens"), printed);
        assertTrue(printed.contains("give it data_format: channels_last to pool over the tokens"), printed);
        Experiment overSteps = parse(text.replace("{type: GlobalAveragePooling1D}",
                "{type: GlobalAveragePooling1D, data_format: channels_last}"));
        captured.reset();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            overSteps.model().build(overSteps.sampleShape());
        } finally {
            System.setErr(standardError);
        }
        assertEquals("", captured.toString(java.nio.charset.StandardCharsets.UTF_8), "channels last pools the tokens");
    }
}
