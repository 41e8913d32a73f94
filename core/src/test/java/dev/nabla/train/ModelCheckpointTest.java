package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.io.ModelFile;
import dev.nabla.io.Safetensors;
import dev.nabla.loss.MeanSquaredError;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Adam;
import dev.nabla.optim.Plateau;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCheckpointTest {

    private static final Tensor X = Tensor.randn(new Generator(1), 64, 3);
    private static final Tensor Y = X.matmul(Tensor.of(new float[] {1f, -1f, 2f}, 3, 1));

    @TempDir
    Path directory;

    private static Model regression() {
        Layer.manualSeed(4);
        Sequential network = new Sequential(Dense.linear(3, 8), new Relu(), Dense.linear(8, 1));
        return new Model(network).compile(new Adam(network.trainableParameters(), 0.01f), new MeanSquaredError());
    }

    private static FitOptions quiet(int epochs) {
        return FitOptions.defaults().epochs(epochs).batchSize(16).verbose(false);
    }

    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void namesEachFileByTheEpochAndLoggedValuesAsKerasFormatsThem() throws IOException {
        ModelCheckpoint checkpoint = new ModelCheckpoint(directory + "/model-{epoch:02d}-{val_loss:.4f}.nabla");
        History history = regression().fit(X, Y, quiet(3).validationSplit(0.25f).callbacks(checkpoint));
        List<String> expected = List.of(0, 1, 2).stream().map(e -> String.format(Locale.ROOT, "model-%02d-%.4f.nabla",
                e + 1, history.get("val_loss").get(e))).toList();
        assertEquals(expected, files(), "every epoch saved, no temporary file left behind");
        assertEquals(directory.resolve(expected.get(2)), checkpoint.lastSaved());
    }

    @Test
    void formatsPlaceholdersWithoutAndWithAFormat() {
        ModelCheckpoint checkpoint = new ModelCheckpoint("run/{epoch}_{epoch:03d}_{loss}_{loss:.2e}_{acc:.3g}.nabla");
        assertEquals("run/7_007_0.125_1.25e-01_0.900.nabla",
                checkpoint.fileName(6, Map.of("loss", 0.125, "acc", 0.9)));
        var missing = assertThrows(IllegalArgumentException.class,
                () -> new ModelCheckpoint("m-{val_loss}.nabla").fileName(0, Map.of("loss", 1.0)));
        assertEquals("ModelCheckpoint: the path 'm-{val_loss}.nabla' uses {val_loss}, which is not logged; logged:"
                + " epoch and [loss]", missing.getMessage());
    }

    @Test
    void refusesPatternsItCannotFormat() {
        assertEquals("ModelCheckpoint: unknown format 'd' in {val_loss:d}; use {val_loss} or {val_loss:.4f}",
                assertThrows(IllegalArgumentException.class, () -> new ModelCheckpoint("m-{val_loss:d}")).getMessage());
        assertEquals("ModelCheckpoint: unknown format 'x' in {epoch:x}; use {epoch} or {epoch:02d}",
                assertThrows(IllegalArgumentException.class, () -> new ModelCheckpoint("m-{epoch:x}")).getMessage());
        assertEquals("ModelCheckpoint: unmatched brace in 'm-{epoch'; placeholders look like {epoch:02d} or"
                + " {val_loss:.4f}", assertThrows(IllegalArgumentException.class,
                () -> new ModelCheckpoint("m-{epoch")).getMessage());
    }

    /** Feeds the callback epochs with the given monitored values; returns what it printed. */
    private static String epochs(ModelCheckpoint checkpoint, String monitor, double... values) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        checkpoint.verbose(new PrintStream(printed, true, StandardCharsets.UTF_8));
        Model model = regression();
        checkpoint.onTrainBegin(model);
        for (int epoch = 0; epoch < values.length; epoch++) {
            checkpoint.onEpochEnd(epoch, Map.of(monitor, values[epoch], "loss", 1.0));
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void saveBestOnlyWritesOnlyImprovingEpochs() throws IOException {
        ModelCheckpoint checkpoint = new ModelCheckpoint(directory + "/best-{epoch}.nabla").saveBestOnly(true);
        String printed = epochs(checkpoint, "val_loss", 0.5, 0.4, 0.6, 0.4, 0.3);
        assertEquals(List.of("best-1.nabla", "best-2.nabla", "best-5.nabla"), files());
        assertEquals(0.3, checkpoint.best());
        assertEquals("Epoch 1: val_loss improved from inf to 0.5, saving model to " + directory + "/best-1.nabla\n"
                + "Epoch 2: val_loss improved from 0.5 to 0.4, saving model to " + directory + "/best-2.nabla\n"
                + "Epoch 3: val_loss did not improve from 0.4\n"
                + "Epoch 4: val_loss did not improve from 0.4\n"
                + "Epoch 5: val_loss improved from 0.4 to 0.3, saving model to " + directory + "/best-5.nabla\n",
                printed.replace(System.lineSeparator(), "\n"));
    }

    @Test
    void accuracyIsBetterWhenLargerAndTheModeCanSaySo() throws IOException {
        epochs(new ModelCheckpoint(directory + "/acc-{epoch}.nabla").monitor("val_accuracy").saveBestOnly(true),
                "val_accuracy", 0.5, 0.7, 0.6);
        epochs(new ModelCheckpoint(directory + "/max-{epoch}.nabla").monitor("score").mode(Plateau.Mode.MAX)
                .saveBestOnly(true), "score", 3, 2, 4);
        assertEquals(List.of("acc-1.nabla", "acc-2.nabla", "max-1.nabla", "max-3.nabla"), files());
    }

    @Test
    void aMonitoredValueThatIsNotLoggedIsAnError() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> regression().fit(X, Y, quiet(1).callbacks(new ModelCheckpoint(directory + "/m.nabla")
                        .saveBestOnly(true))));
        assertEquals("ModelCheckpoint: 'val_loss' is not logged; logged: [loss, learning_rate]"
                + " (give fit validation data)",
                e.getMessage());
    }

    @Test
    void theWholeModelIsSavedWithItsOptimizerSoTrainingCanResume() throws IOException {
        Model model = regression();
        Path file = directory.resolve("last.nabla");
        model.fit(X, Y, quiet(2).callbacks(new ModelCheckpoint(file.toString())));
        ModelFile.LoadedModel loaded = ModelFile.load(file);
        assertEquals("2", loaded.trainingState().get("epoch"));
        assertTrue(loaded.trainingState().containsKey("loss"), loaded.trainingState().toString());
        Adam resumed = loaded.restoreOptimizer(new Adam(loaded.model().trainableParameters()));
        assertEquals(model.optimizer().state().keySet(), resumed.state().keySet());
        model.network().stateDict().forEach((key, value) -> assertArrayEquals(value.toFloatArray(),
                loaded.model().stateDict().get(key).toFloatArray(), key));
    }

    @Test
    void saveWeightsOnlyWritesAPyTorchSafetensorsFile() throws IOException {
        Model model = regression();
        Path file = directory.resolve("nested/weights-{epoch}.safetensors");
        model.fit(X, Y, quiet(1).callbacks(new ModelCheckpoint(file.toString()).saveWeightsOnly(true)));
        var saved = Safetensors.read(directory.resolve("nested/weights-1.safetensors"));
        assertEquals(Map.of("format", "pt"), saved.metadata());
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(saved.tensors().keySet()));
        try (Stream<Path> files = Files.list(directory.resolve("nested"))) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void printsNothingUnlessVerbose() throws IOException {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            regression().fit(X, Y, quiet(2).callbacks(new ModelCheckpoint(directory + "/q-{epoch}.nabla")));
        } finally {
            System.setOut(original);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("q-1.nabla", "q-2.nabla"), files());
    }
}
