package dev.nabla.tabular;

import dev.nabla.data.TensorDataset;
import dev.nabla.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a model trained on a table needs to read rows: the feature columns through a fitted
 * transform, and the target column as the loss expects it. {@link #fit} learns from the
 * training rows only; {@link #toTrainingState} and {@link #fromTrainingState} carry the fitted
 * state through a model file, so that evaluating or predicting later prepares rows exactly as
 * training did.
 *
 * <pre>{@code
 * Preprocessing prep = new Preprocessing(features, "diagnosis", pipeline, TargetEncoding.BINARY).fit(train);
 * TensorDataset trainSet = prep.dataset(train);
 * TensorDataset testSet = prep.dataset(test);     // the training means, scales and categories
 * }</pre>
 */
public final class Preprocessing {

    /** The key of the training state this is saved under. */
    public static final String STATE_KEY = "tabular.preprocessing";

    private final List<String> features;
    private final String target;
    private final Transform transform;
    private final TargetEncoding encoding;
    private LabelEncoder labels;

    /**
     * Features {@code features} through {@code transform} (not fitted yet), target column
     * {@code target} encoded as {@code encoding}.
     */
    public Preprocessing(List<String> features, String target, Transform transform, TargetEncoding encoding) {
        this(features, target, transform, encoding, null);
    }

    private Preprocessing(List<String> features, String target, Transform transform, TargetEncoding encoding,
                          LabelEncoder labels) {
        if (features.contains(target)) {
            throw new IllegalArgumentException("the target column '" + target + "' is also among the features");
        }
        this.features = List.copyOf(features);
        this.target = target;
        this.transform = transform;
        this.encoding = encoding;
        this.labels = labels;
    }

    /** Fits the transform on the feature columns of {@code train} and learns the target's classes; returns this. */
    public Preprocessing fit(Table train) {
        return fit(train, train.column(target));
    }

    /**
     * Fits the transform on the feature columns of {@code train}; the classes come from
     * {@code allTargets}, so that every fold of a cross-validation numbers them alike.
     */
    public Preprocessing fit(Table train, Column allTargets) {
        transform.fit(train.select(features));
        labels = encoding.isClassification() ? new LabelEncoder().fit(allTargets) : null;
        return this;
    }

    /** The rows' features, {@code [rows, width]}. */
    public Tensor features(Table rows) {
        return transformed(rows).toTensor();
    }

    /**
     * The rows' feature columns after the fitted transform, named as the model sees them
     * ({@code colour_red} for a one-hot column): {@link #features} is this as a tensor.
     */
    public Table transformed(Table rows) {
        return transform.transform(rows.select(features));
    }

    /** The rows' features and targets. */
    public TensorDataset dataset(Table rows) {
        return new TensorDataset(features(rows), encoding.encode(rows.column(target), labels));
    }

    /** The class names, by label; null for a regression target. */
    public List<String> classNames() {
        return labels == null ? null : labels.classes();
    }

    /** The feature columns' names. */
    public List<String> featureNames() {
        return features;
    }

    /** How the target column becomes targets. */
    public TargetEncoding targetEncoding() {
        return encoding;
    }

    /** The target column's name. */
    public String target() {
        return target;
    }

    /** The fitted state as one training-state entry, {@link #STATE_KEY} to JSON. */
    public Map<String, String> toTrainingState() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("features", features);
        state.put("target", target);
        state.put("target_encoding", encoding.name().toLowerCase(Locale.ROOT));
        state.put("transform", transform.state());
        if (labels != null) {
            state.put("labels", labels.state());
        }
        return Map.of(STATE_KEY, Transforms.json(state));
    }

    /** The preprocessing a model file's training state holds, fitted; null if it holds none. */
    public static Preprocessing fromTrainingState(Map<String, String> trainingState) {
        String json = trainingState.get(STATE_KEY);
        if (json == null) {
            return null;
        }
        Map<String, Object> state = Transforms.map(Transforms.parse(json));
        Object labels = state.get("labels");
        return new Preprocessing(FittedColumns.strings(state, "features"), (String) state.get("target"),
                Transforms.fromState(Transforms.map(state.get("transform"))),
                TargetEncoding.valueOf(((String) state.get("target_encoding")).toUpperCase(Locale.ROOT)),
                labels == null ? null : LabelEncoder.fromState(Transforms.map(labels)));
    }
}
