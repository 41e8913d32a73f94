package dev.nabla.tabular;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Different transforms for different columns, side by side (scikit-learn's
 * {@code ColumnTransformer} with {@code remainder="drop"}): each group takes its columns by
 * name through its own steps; the output is every group's output, in the order the groups
 * were added. Columns in no group are left out.
 *
 * <pre>{@code
 * ColumnPipeline preprocessing = new ColumnPipeline()
 *         .add("numeric", List.of("age", "income"), new SimpleImputer(Strategy.MEDIAN), new StandardScaler())
 *         .add("categorical", List.of("city"), new SimpleImputer(Strategy.MOST_FREQUENT), new OneHotEncoder());
 * Tensor x = preprocessing.fitTransform(train).toTensor();
 * }</pre>
 */
public final class ColumnPipeline implements Transform {

    /** One group: a name, the columns it takes and the steps they go through. */
    public record Group(String name, List<String> columns, Pipeline steps) {

        /** Copies the column names. */
        public Group {
            columns = List.copyOf(columns);
        }
    }

    private final List<Group> groups;

    /** No group yet. */
    public ColumnPipeline() {
        this(List.of());
    }

    private ColumnPipeline(List<Group> groups) {
        this.groups = List.copyOf(groups);
    }

    /** This pipeline with one more group (a new pipeline, not fitted). */
    public ColumnPipeline add(String name, List<String> columns, Transform... steps) {
        if (groups.stream().anyMatch(g -> g.name().equals(name))) {
            throw new IllegalArgumentException("ColumnPipeline: two groups are named '" + name + "'");
        }
        List<Group> all = new ArrayList<>(groups);
        all.add(new Group(name, columns, new Pipeline(steps)));
        return new ColumnPipeline(all);
    }

    /** The groups, in order. */
    public List<Group> groups() {
        return groups;
    }

    @Override
    public ColumnPipeline fit(Table table) {
        for (Group group : groups) {
            group.steps().fit(table.select(group.columns()));
        }
        return this;
    }

    @Override
    public Table transform(Table table) {
        Table out = Table.of();
        for (Group group : groups) {
            out = out.concat(group.steps().transform(table.select(group.columns())));
        }
        return out;
    }

    /** The output for {@code fit} data, fitting each group once. */
    @Override
    public Table fitTransform(Table table) {
        Table out = Table.of();
        for (Group group : groups) {
            out = out.concat(group.steps().fitTransform(table.select(group.columns())));
        }
        return out;
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("type", Transforms.typeOf(this));
        List<Map<String, Object>> described = new ArrayList<>();
        for (Group group : groups) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("name", group.name());
            g.put("columns", group.columns());
            g.put("steps", group.steps().state().get("steps"));
            described.add(g);
        }
        state.put("groups", described);
        return state;
    }

    static ColumnPipeline fromState(Map<String, Object> state) {
        List<Group> groups = new ArrayList<>();
        for (Object value : (List<?>) state.get("groups")) {
            Map<String, Object> g = Transforms.map(value);
            groups.add(new Group((String) g.get("name"), FittedColumns.strings(g, "columns"),
                    Pipeline.fromState(Map.of("steps", g.get("steps")))));
        }
        return new ColumnPipeline(groups);
    }
}
