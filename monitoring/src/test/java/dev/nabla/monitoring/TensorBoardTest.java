package dev.nabla.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.Dense;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Softmax;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.FitOptions;
import dev.nabla.train.History;
import dev.nabla.train.Model;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tensorboard.hparams.PluginData.HParamsPluginData;

/** A short fit with the callback, its event files decoded with TensorBoard's message definitions. */
class TensorBoardTest {

    private static final int SAMPLES = 48;
    private static final int BATCH = 16;
    private static final int EPOCHS = 2;

    @TempDir
    Path run;

    @Test
    void aRunWritesEpochAndBatchScalarsHistogramsImagesTextAndHparamsWhereTensorBoardLooks() throws Exception {
        Generator generator = new Generator(3);
        Tensor x = Tensor.randn(generator, SAMPLES, 4);
        Tensor y = Tensor.randint(generator, 0, 3, SAMPLES);
        Model model = new Model(new Sequential(Dense.linear(4, 8), new Relu(), Dense.linear(8, 3), new Softmax()))
                .compile("sgd", "sparse_categorical_crossentropy", "accuracy");
        TensorBoard callback = new TensorBoard(run).updateFrequency(2)
                .hyperparameters(Map.of("learning_rate", 0.01, "optimizer", "sgd"))
                .text("config", "optimizer: sgd")
                .images(Tensor.rand(generator, 4, 1, 5, 5))
                .confusionMatrix(x, y);
        History history = model.fit(x, y, FitOptions.defaults().epochs(EPOCHS).batchSize(BATCH)
                .validationSplit(0.25f).verbose(false).callbacks(callback));

        Path train = run.resolve("train");
        Path validation = run.resolve("validation");
        List<EventFiles.Tagged> epochLoss = EventFiles.values(train, "epoch_loss");
        assertEquals(List.of(0L, 1L), epochLoss.stream().map(EventFiles.Tagged::step).toList());
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            assertEquals((float) (double) history.get("loss").get(epoch),
                    epochLoss.get(epoch).value().getSimpleValue());
            assertEquals((float) (double) history.get("val_accuracy").get(epoch),
                    EventFiles.values(validation, "epoch_accuracy").get(epoch).value().getSimpleValue());
        }
        assertEquals(EPOCHS, EventFiles.values(train, "epoch_learning_rate").size());
        assertTrue(EventFiles.values(train, "epoch_val_loss").isEmpty(), "val_ values belong to validation/");

        // 36 training samples: 3 updates per epoch, 6 in all; batch scalars at updates 2, 4 and 6.
        List<Long> batchSteps = List.of(2L, 4L, 6L);
        assertEquals(batchSteps, EventFiles.values(train, "batch_loss").stream().map(EventFiles.Tagged::step).toList());
        assertEquals(batchSteps, steps(train, "batch_learning_rate"));
        assertEquals(batchSteps, steps(train, "gradient_norm"));
        assertEquals(batchSteps, steps(train, "gradient_norm/0.weight"));
        assertTrue(EventFiles.values(train, "gradient_norm").getFirst().value().getSimpleValue() > 0);

        assertEquals(List.of(0L, 1L), steps(train, "0.weight"));
        assertEquals(List.of(0L, 1L), steps(train, "2.bias/gradient"));
        assertEquals(32, EventFiles.values(train, "0.weight").getFirst().value().getHisto().getNum());

        assertEquals(11, EventFiles.values(train, "samples").getFirst().value().getImage().getWidth());
        assertEquals(List.of(0L, 1L), steps(validation, "confusion_matrix"));
        assertTrue(EventFiles.values(train, "model/summary").getFirst().value().getTensor().getStringVal(0)
                .toStringUtf8().contains("Dense"));
        assertEquals("optimizer: sgd", EventFiles.values(train, "config").getFirst().value().getTensor()
                .getStringVal(0).toStringUtf8());

        HParamsPluginData start = HParamsPluginData.parseFrom(EventFiles.values(run, "_hparams_/session_start_info")
                .getFirst().value().getMetadata().getPluginData().getContent());
        assertEquals("sgd", start.getSessionStartInfo().getHparamsMap().get("optimizer").getStringValue());
        assertFalse(EventFiles.values(run, "_hparams_/session_end_info").isEmpty());
    }

    @Test
    void badSettingsSayWhatIsWrong() {
        TensorBoard callback = new TensorBoard(run);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> callback.updateFrequency(-1)).getMessage()
                .contains("updateFrequency"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> callback.images(Tensor.zeros(2, 2, 4, 4)))
                .getMessage().contains("1 or 3 channels"));
    }

    private static List<Long> steps(Path directory, String tag) throws Exception {
        return EventFiles.values(directory, tag).stream().map(EventFiles.Tagged::step).toList();
    }
}
