package dev.nabla.spark;

import dev.nabla.cli.experiment.Experiment;
import dev.nabla.cli.experiment.ExperimentRun;
import dev.nabla.cli.experiment.OptimizerSpec;
import dev.nabla.data.Dataset;
import dev.nabla.data.TensorDataset;
import dev.nabla.loss.Loss;
import dev.nabla.metrics.Metric;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Parameter;
import dev.nabla.optim.Optimizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * An experiment file as a {@link ModelRecipe} and a {@link DataSource}: each machine reads the file
 * again (so it must be readable there, as the data must) and builds the model and the training part
 * of the data from it; the last {@code validation_split} of the training examples stays on the driver.
 *
 * @param file      the experiment file
 * @param overrides the command line's replacements (epochs, output, limit, seed)
 */
record ExperimentRecipe(String file, Integer epochs, Integer limit, Long seed) implements ModelRecipe, DataSource {

    /** The experiment as this machine reads it. */
    Experiment experiment() {
        try {
            return Experiment.read(Path.of(file), new Experiment.Overrides(epochs, null, limit, seed));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the experiment " + file + " on this machine: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Layer network() {
        Experiment experiment = experiment();
        try {
            Layer.manualSeed(experiment.training().seed());
            return experiment.model().build(ExperimentRun.sampleShape(experiment));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optimizer optimizer(List<Parameter> parameters) {
        OptimizerSpec optimizer = experiment().training().optimizer();
        if (optimizer.hasGroups()) {
            throw new IllegalArgumentException(file + ": optimizer groups (training.optimizer.groups) are not"
                    + " supported on Spark yet; train without --spark or drop the groups");
        }
        return optimizer.factory(null).apply(parameters);
    }

    @Override
    public Loss loss() {
        return experiment().training().createLoss();
    }

    @Override
    public Metric[] metrics() {
        return experiment().training().createMetrics();
    }

    @Override
    public String key() {
        return "experiment " + file + " limit " + limit;
    }

    @Override
    public Dataset load() throws IOException {
        TensorDataset train = experiment().data().load().train();
        return train.slice(0, train.size() - validationSize(train.size()));
    }

    /** The examples at the end of the training set that validate rather than train. */
    int validationSize(int trainingExamples) {
        return (int) Math.floor(trainingExamples * (double) experiment().data().validationSplit());
    }
}
