package dev.nabla.metrics;

import dev.nabla.tensor.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Built-in metrics by name, as Keras's {@code model.compile(metrics=["accuracy", "auc"])} finds them. */
public final class Metrics {

    /** Normalized Keras names, aliases and class names, each to a new metric with default options. */
    private static final Map<String, Supplier<Metric>> BY_NAME = new HashMap<>();
    private static final List<String> NAMES = new ArrayList<>();

    static {
        add(Accuracy::new, "accuracy", "acc");
        add(BinaryAccuracy::new, "binary_accuracy");
        add(CategoricalAccuracy::new, "categorical_accuracy");
        add(SparseCategoricalAccuracy::new, "sparse_categorical_accuracy");
        add(TopKCategoricalAccuracy::new, "top_k_categorical_accuracy");
        add(SparseTopKCategoricalAccuracy::new, "sparse_top_k_categorical_accuracy");
        add(Precision::new, "precision");
        add(Recall::new, "recall");
        add(F1Score::new, "f1_score", "f1");
        add(AucRoc::new, "auc", "roc_auc");
        add(ConfusionMatrix::new, "confusion_matrix");
        add(ClassificationReport::new, "classification_report");
        add(MeanAbsoluteError::new, "mae", "mean_absolute_error");
        add(MeanSquaredError::new, "mse", "mean_squared_error");
        add(RootMeanSquaredError::new, "rmse", "root_mean_squared_error");
        add(R2Score::new, "r2", "r2_score");
    }

    private Metrics() {
    }

    /**
     * A new metric with default options for a Keras name ({@code "accuracy"}, {@code "auc"},
     * {@code "mse"}, ...) or a class name ({@code "F1Score"}); case and underscores are ignored.
     * {@code "accuracy"} gives an {@link Accuracy}, which picks binary, categorical or sparse
     * categorical accuracy from the shapes of its first batch, as Keras does; {@code "precision"},
     * {@code "recall"} and {@code "f1_score"} are binary (threshold 0.5), as in Keras.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Metric byName(String name) {
        Supplier<Metric> metric = name == null ? null : BY_NAME.get(Names.normalized(name));
        if (metric == null) {
            throw new IllegalArgumentException("unknown metric '" + name + "'; known names: "
                    + String.join(", ", names()));
        }
        return metric.get();
    }

    /**
     * A new metric of a name, its classes combined as {@code average} says: precision, recall and
     * F1 ({@code "macro"} for {@code F1Score(average="macro")}) and the AUC.
     *
     * @throws IllegalArgumentException for an unknown name, or a metric that takes no average
     *     (naming those that do)
     */
    public static Metric byName(String name, Average average) {
        return switch (byName(name)) {
            case Precision precision -> precision.average(average);
            case Recall recall -> recall.average(average);
            case F1Score f1 -> f1.average(average);
            case AucRoc auc -> new AucRoc(average);
            case Metric other -> throw new IllegalArgumentException("the metric '" + name + "' takes no average;"
                    + " precision, recall, f1_score and auc do");
        };
    }

    /** The Keras-style names {@link #byName} knows, aliases included. */
    public static List<String> names() {
        return List.copyOf(NAMES);
    }

    private static void add(Supplier<Metric> metric, String... names) {
        for (String n : names) {
            BY_NAME.put(Names.normalized(n), metric);
            NAMES.add(n);
        }
        BY_NAME.put(Names.normalized(metric.get().getClass().getSimpleName()), metric);
    }
}
