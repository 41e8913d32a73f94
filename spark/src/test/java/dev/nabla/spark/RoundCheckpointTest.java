package dev.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.io.ModelFile;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Callback;
import dev.nabla.train.FitOptions;
import dev.nabla.train.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundCheckpointTest {

    private static final DataSource DATA = DataSource.named("fashion-mnist:train", 6_000);
    private static final FitOptions OPTIONS = FitOptions.defaults().epochs(2).batchSize(64).shuffle(true, 3)
            .verbose(false);

    @Test
    void resumingFromTheRoundCheckpointEndsWithTheWeightsOfAnUninterruptedRun(@TempDir Path directory)
            throws IOException {
        Map<String, Tensor> uninterrupted = train(directory.resolve("whole"), OPTIONS).network().stateDict();

        Path resumed = directory.resolve("resumed");
        train(resumed, OPTIONS.callbacks(new StopAfterRound(2)));
        Map<String, String> state = ModelFile.load(resumed.resolve(SparkTrainer.ROUND_CHECKPOINT)).trainingState();
        assertEquals("0", state.get("epoch"));
        assertEquals("3", state.get("round"));
        Map<String, Tensor> afterResume = train(resumed, OPTIONS).network().stateDict();

        assertEquals(uninterrupted.keySet(), afterResume.keySet());
        uninterrupted.forEach((name, value) ->
                assertArrayEquals(value.toFloatArray(), afterResume.get(name).toFloatArray(), name));
    }

    @Test
    void theSameSeedGivesTheSameRun(@TempDir Path directory) throws IOException {
        float[] first = train(null, OPTIONS).network().parameters().getFirst().value().toFloatArray();
        float[] second = train(null, OPTIONS).network().parameters().getFirst().value().toFloatArray();
        assertArrayEquals(first, second);
        assertTrue(Files.notExists(directory.resolve(SparkTrainer.ROUND_CHECKPOINT)));
    }

    private static Model train(Path checkpoints, FitOptions options) throws IOException {
        SparkTraining training = SparkTraining.modelAveraging(2, 16);
        SparkTrainer trainer = new SparkTrainer(LocalSpark.context(),
                checkpoints == null ? training : training.checkpoints(checkpoints));
        trainer.fit(FashionMnistRuns.recipe(), DATA, options);
        return trainer.model();
    }

    /** Stops training after round {@code last} of the first epoch, as a driver that dies there would. */
    private static final class StopAfterRound implements Callback {
        private final int last;
        private Model model;

        StopAfterRound(int last) {
            this.last = last;
        }

        @Override
        public void onTrainBegin(Model value) {
            model = value;
        }

        @Override
        public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
            if (batch == last) {
                model.stopTraining();
            }
        }
    }
}
