package dev.nabla.monitoring;

import dev.nabla.tensor.Tensor;
import dev.nabla.train.Model;
import java.util.List;
import java.util.Locale;

/**
 * A few validation images and the model's predictions for them, written after each epoch as
 * {@code prediction/N} images with a {@code prediction/N} text caption ({@code true 3 · predicted 3
 * (0.97)}): what the dashboard shows under "Validation predictions", and TensorBoard under IMAGES
 * and TEXT.
 */
final class PredictionSamples {

    static final String TAG = "prediction/";

    private final Tensor images;
    private final float[] labels;
    private final List<String> classNames;

    PredictionSamples(Tensor images, Tensor labels, List<String> classNames) {
        ImageGrids.requireImages(images);
        if (labels.shape().rank() != 1 || labels.dim(0) != images.dim(0)) {
            throw new IllegalArgumentException("TensorBoard.predictions: labels must be [" + images.dim(0)
                    + "] class indices, one per image; got " + labels.shape());
        }
        this.images = images;
        this.labels = labels.toFloatArray();
        this.classNames = classNames == null ? List.of() : List.copyOf(classNames);
    }

    void write(Model model, SummaryWriter writer, long step) {
        Tensor probabilities = model.predict(images);
        int classes = probabilities.dim(probabilities.shape().rank() - 1);
        float[] values = probabilities.toFloatArray();
        for (int n = 0; n < images.dim(0); n++) {
            int predicted = 0;
            for (int c = 1; c < classes; c++) {
                predicted = values[n * classes + c] > values[n * classes + predicted] ? c : predicted;
            }
            int actual = Math.round(labels[n]);
            writer.image(TAG + n, ImageGrids.grid(images.slice(0, n, n + 1)), step);
            writer.text(TAG + n, String.format(Locale.ROOT, "%s true %s · predicted %s (%.2f)",
                    predicted == actual ? "✓" : "✗", name(actual), name(predicted), values[n * classes + predicted]),
                    step);
        }
    }

    private String name(int label) {
        return label < classNames.size() ? classNames.get(label) : Integer.toString(label);
    }
}
