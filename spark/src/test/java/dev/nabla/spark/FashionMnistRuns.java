package dev.nabla.spark;

import dev.nabla.data.TensorDataset;
import dev.nabla.cli.experiment.DataSpec;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Layer;
import dev.nabla.train.FitOptions;
import dev.nabla.train.Model;
import java.io.IOException;

/** The Fashion-MNIST MLP of the Spark tests, on a subset sized for CI time, and its single-machine baseline. */
final class FashionMnistRuns {

    static final int TRAINING_EXAMPLES = 60_000;
    static final int TEST_EXAMPLES = 10_000;
    static final int EPOCHS = 3;
    static final int BATCH_SIZE = 128;
    static final long SEED = 7;
    static final DataSource TRAINING = DataSource.named("fashion-mnist:train", TRAINING_EXAMPLES);

    private FashionMnistRuns() {
    }

    static ModelRecipe recipe() {
        return ModelRecipe.of(() -> {
            Layer.manualSeed(SEED);
            return new Sequential(new Flatten(), new Dense(64), new Relu(), new Dense(10), new Softmax());
        }, "adam", "sparse_categorical_crossentropy", "accuracy");
    }

    static FitOptions options() {
        return FitOptions.defaults().epochs(EPOCHS).batchSize(BATCH_SIZE).shuffle(true, SEED).verbose(false);
    }

    static TensorDataset test() throws IOException {
        return DataSpec.select("fashion-mnist:test").slice(0, TEST_EXAMPLES);
    }

    /** The test accuracy of the same model trained on one machine with Model.fit. */
    static double singleMachineAccuracy() throws IOException {
        ModelRecipe recipe = recipe();
        Model model = ReplicaTasks.replica(recipe, DataSource.cached(TRAINING), new ModelState(), Model::new);
        model.fit(DataSource.cached(TRAINING), options());
        return model.evaluate(test(), 256).get("accuracy");
    }

    static double testAccuracy(Model model) throws IOException {
        return model.evaluate(test(), 256).get("accuracy");
    }
}
