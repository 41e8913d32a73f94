package dev.nabla.tabular;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Transforms applied one after the other (scikit-learn's {@code Pipeline} of transformers):
 * fit fits each on what the ones before it give.
 *
 * <pre>{@code
 * Pipeline numeric = new Pipeline(new SimpleImputer(SimpleImputer.Strategy.MEAN), new StandardScaler());
 * }</pre>
 */
public final class Pipeline implements Transform {

    private final List<Transform> steps;

    /** The steps, in order. */
    public Pipeline(Transform... steps) {
        this(List.of(steps));
    }

    /** The steps, in order. */
    public Pipeline(List<? extends Transform> steps) {
        this.steps = List.copyOf(steps);
    }

    /** The steps, in order. */
    public List<Transform> steps() {
        return steps;
    }

    @Override
    public Pipeline fit(Table table) {
        Table current = table;
        for (Transform step : steps) {
            current = step.fitTransform(current);
        }
        return this;
    }

    @Override
    public Table transform(Table table) {
        Table current = table;
        for (Transform step : steps) {
            current = step.transform(current);
        }
        return current;
    }

    /** Undoes the steps in reverse order; fails at the first step that cannot be undone. */
    @Override
    public Table inverseTransform(Table table) {
        Table current = table;
        for (int i = steps.size() - 1; i >= 0; i--) {
            current = steps.get(i).inverseTransform(current);
        }
        return current;
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("type", Transforms.typeOf(this));
        state.put("steps", steps.stream().map(Transform::state).toList());
        return state;
    }

    static Pipeline fromState(Map<String, Object> state) {
        List<Transform> steps = new ArrayList<>();
        for (Object step : (List<?>) state.get("steps")) {
            steps.add(Transforms.fromState(Transforms.map(step)));
        }
        return new Pipeline(steps);
    }
}
