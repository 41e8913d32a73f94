package dev.nabla.cli.experiment;

import dev.nabla.data.Batch;
import dev.nabla.data.Dataset;
import dev.nabla.loss.Loss;
import dev.nabla.loss.PredictionCheck;
import dev.nabla.metrics.Metric;
import dev.nabla.nn.Inference;
import dev.nabla.nn.Layer;
import dev.nabla.tensor.AdvisedException;
import dev.nabla.tensor.Tensor;
import java.util.stream.IntStream;

/**
 * The model's outputs on the first training batch against the loss and metrics, before the
 * run writes any file: a model whose outputs do not fit them (logits under a loss that takes
 * probabilities, a shape the loss cannot take) stops the run here, with the fix in the file's
 * terms, and a previous run in the same output directory stays as it was.
 */
final class FirstBatch {

    private FirstBatch() {
    }

    /** Runs the first batch through the network, the loss and the metrics, without training. */
    static void check(Experiment experiment, Layer network, Dataset train) {
        TrainingSpec training = experiment.training();
        Batch batch = train.batch(IntStream.range(0, Math.min(training.batchSize(), train.size())).toArray());
        Loss loss = training.createLoss();
        try (Inference ignored = Inference.enter()) {
            Tensor predictions = network.forward(batch.features());
            PredictionCheck.check(loss, predictions);
            loss.apply(predictions, batch.targets());
            for (Metric metric : training.createMetrics()) {
                metric.update(predictions, batch.targets());
            }
        } catch (AdvisedException e) {
            throw inFileTerms(experiment, e);
        }
    }

    /**
     * A loss's or metric's complaint as the file's: the layers were checked as the file was read,
     * so what still fails is the loss or a metric against the data.
     */
    static IllegalArgumentException inFileTerms(Experiment experiment, AdvisedException e) {
        TrainingSpec training = experiment.training();
        boolean loss = e.subject().equals(training.createLoss().getClass().getSimpleName());
        return new IllegalArgumentException(experiment.source() + ": training." + (loss
                ? "loss: " + training.loss().name() : "metrics") + ": " + e.fileMessage(), e);
    }
}
