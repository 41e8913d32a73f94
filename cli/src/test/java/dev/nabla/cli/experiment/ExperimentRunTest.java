package dev.nabla.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.cli.config.YamlFile;
import dev.nabla.io.JsonWriter;
import dev.nabla.io.ModelFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentRunTest {

    @TempDir
    Path directory;

    private Map<String, Double> run(String text, StringWriter printed) throws IOException {
        Experiment experiment = Experiment.parse(YamlFile.parse(text, "x.yaml"), directory.resolve("run"),
                Experiment.Overrides.NONE);
        return ExperimentRun.run(experiment, new PrintWriter(printed));
    }

    @Test
    void aRunWritesItsConfigurationHistoryModelsMetricsAndCurves() throws IOException {
        StringWriter printed = new StringWriter();

        Map<String, Double> test = run("""
                data: {name: digits, validation_split: 0.2}
                model:
                  sequential:
                    - {type: flatten}
                    - {type: dense, units: 32, activation: relu}
                    - {type: dense, units: 10, activation: softmax}
                training:
                  loss: sparse_categorical_crossentropy
                  metrics: [accuracy]
                  epochs: 10
                """, printed);

        Path run = directory.resolve("run");
        assertTrue(test.get("accuracy") > 0.8, test.toString());
        List<String> history = Files.readAllLines(run.resolve("history.csv"));
        assertEquals("epoch,loss,accuracy,val_loss,val_accuracy,learning_rate", history.get(0));
        assertEquals(11, history.size(), history.toString());
        assertEquals(JsonWriter.writeLine(JsonWriter.finiteOrNull(test)) + "\n", Files.readString(run.resolve("metrics.json")));
        assertTrue(Files.readString(run.resolve("metrics.json")).matches("\\{\"loss\": [0-9.E-]+, \"accuracy\": [0-9.]+}\n"));
        BufferedImage curves = ImageIO.read(run.resolve("curves.png").toFile());
        assertNotNull(curves, "curves.png is a PNG image");
        assertEquals(2 * 560, curves.getWidth());
        ModelFile.LoadedModel last = ModelFile.load(run.resolve("last.nabla"));
        ModelFile.LoadedModel best = ModelFile.load(run.resolve("best.nabla"));
        assertEquals("10", last.trainingState().get("epoch"));
        assertEquals(history.stream().skip(1).mapToDouble(row -> Double.parseDouble(row.split(",")[3])).min().getAsDouble(),
                Double.parseDouble(best.trainingState().get("val_loss")), 1e-6);
        ModelInfo info = ModelInfo.of(best);
        assertArrayEquals(new int[] {1, 8, 8}, info.inputShape());
        assertEquals("sparse_categorical_crossentropy", info.loss().name());
        assertEquals(List.of("accuracy"), info.metrics());
        assertEquals("9", info.classNames().get(9));
        Experiment resolved = Experiment.read(run.resolve("config.resolved.yaml"), Experiment.Overrides.NONE);
        assertEquals(32, resolved.training().batchSize());
        assertEquals(10, resolved.training().epochs());
        assertTrue(printed.toString().contains("digits: 1151 training, 287 validation and 359 test examples"
                + " of shape [1, 8, 8]"), printed.toString());
        assertTrue(printed.toString().contains("Total params: 2,410"), printed.toString());
        assertTrue(printed.toString().contains("\ntest accuracy "), printed.toString());
    }

    @Test
    void aGraphWithCallbacksTrainsToo() throws IOException {
        Map<String, Double> test = run("""
                data: {name: digits, validation_split: 0.1, limit: 600}
                model:
                  graph:
                    layers:
                      - {type: conv2d, filters: 8, kernel_size: 3, padding: same}
                      - {name: stem, type: batch_norm2d, activation: relu}
                      - {type: conv2d, filters: 8, kernel_size: 3, padding: same}
                      - {name: residual, type: batch_norm2d}
                      - {type: add, inputs: [stem, residual], activation: relu}
                      - {type: global_avg_pool}
                      - {type: dense, units: 10, activation: softmax}
                training:
                  optimizer: {name: adam, learning_rate: 0.01}
                  loss: sparse_categorical_crossentropy
                  metrics: [accuracy]
                  batch_size: 64
                  epochs: 4
                  callbacks:
                    - {type: reduce_lr_on_plateau, patience: 1}
                    - {type: learning_rate_scheduler, schedule: cosine_annealing}
                    - {type: early_stopping, monitor: val_accuracy, patience: 2}
                    - {type: terminate_on_nan}
                """, new StringWriter());

        assertTrue(Double.isFinite(test.get("loss")), test.toString());
        assertTrue(Files.size(directory.resolve("run/curves.png")) > 1000);
    }

    @Test
    void gradientOptionsAndAPerUpdateScheduleReachTheRunAndItsFiles() throws IOException {
        Map<String, Double> test = run("""
                data: {name: digits, limit: 320}
                model:
                  sequential:
                    - {type: flatten}
                    - {type: dense, units: 10, activation: softmax}
                training:
                  optimizer:
                    name: sgd
                    learning_rate: {schedule: step_decay, initial_learning_rate: 0.1, step_size: 5, gamma: 0.5}
                  loss: sparse_categorical_crossentropy
                  metrics: [accuracy]
                  epochs: 3
                  global_clipnorm: 1.0
                  gradient_accumulation_steps: 2
                """, new StringWriter());

        Path run = directory.resolve("run");
        List<String> history = Files.readAllLines(run.resolve("history.csv"));
        assertEquals("epoch,loss,accuracy,learning_rate", history.get(0));
        // 10 batches of 32 an epoch, 5 updates: the rate halves once an epoch.
        List<Float> rates = history.stream().skip(1).map(row -> Float.parseFloat(row.split(",")[3])).toList();
        assertEquals(List.of(0.05f, 0.025f, 0.0125f), rates);
        assertTrue(Double.isFinite(test.get("loss")), test.toString());
        assertEquals(2 * 380, ImageIO.read(run.resolve("curves.png").toFile()).getHeight(),
                "loss, accuracy and the changing learning rate: two rows of charts");
        Experiment resolved = Experiment.read(run.resolve("config.resolved.yaml"), Experiment.Overrides.NONE);
        assertEquals(2, resolved.training().gradients().accumulationSteps());
        assertEquals(1f, resolved.training().gradients().clipLimit());
        assertEquals("step_decay", resolved.training().optimizer().schedule().resolved().get("schedule"));
    }
}
