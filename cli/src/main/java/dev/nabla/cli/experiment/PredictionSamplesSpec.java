package dev.nabla.cli.experiment;

import dev.nabla.data.Split;
import dev.nabla.data.TensorDataset;
import dev.nabla.monitoring.TensorBoard;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Callback;
import java.util.List;

/**
 * Gives a run's {@code tensorboard} callback its {@code predictions} images: for an image
 * classifier (samples {@code [1 or 3, height, width]}, a categorical loss), the first of the
 * validation examples (the last {@code validation_split} of the training set, as {@code fit}
 * cuts it; the test set without a split) with their classes.
 */
final class PredictionSamplesSpec {

    private PredictionSamplesSpec() {
    }

    static void give(Experiment experiment, List<Callback> callbacks, Split split, List<String> classNames) {
        int count = experiment.training().callbacks().stream().filter(CallbackSpec::isTensorBoard)
                .mapToInt(spec -> ((Number) spec.resolved().getOrDefault("predictions", 0)).intValue()).max().orElse(0);
        TensorDataset train = split.train();
        Tensor features = train.features();
        boolean images = features.shape().rank() == 4 && (features.dim(1) == 1 || features.dim(1) == 3);
        if (count == 0 || !images || !experiment.training().loss().name().contains("categorical")) {
            return;
        }
        int validation = (int) Math.floor(train.size() * (double) experiment.data().validationSplit());
        TensorDataset source = validation > 0 ? train.slice(train.size() - validation, train.size()) : split.test();
        TensorDataset shown = source.slice(0, Math.min(count, source.size()));
        if (shown.size() == 0) {
            return;
        }
        Tensor labels = shown.targets().shape().rank() == 2 ? shown.targets().argmax(1, false) : shown.targets();
        for (Callback callback : callbacks) {
            if (callback instanceof TensorBoard tensorBoard) {
                tensorBoard.predictions(shown.features(), labels.reshape(shown.size()), classNames);
            }
        }
    }
}
