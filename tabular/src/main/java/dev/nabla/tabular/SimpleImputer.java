package dev.nabla.tabular;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fills missing values with a statistic of each column's training values (scikit-learn's
 * {@code SimpleImputer}): the mean or the median of a numeric column, the most frequent value
 * (the smallest among ties) of any column, or a constant (0 for numbers, {@code missing_value}
 * for categories, by default).
 *
 * <pre>{@code
 * Table filled = new SimpleImputer(SimpleImputer.Strategy.MEDIAN).fitTransform(train);
 * }</pre>
 *
 * <p>A column with no value at all has no mean, median or most frequent value: fit refuses it
 * (scikit-learn drops it with a warning), naming it.
 */
public final class SimpleImputer implements Transform {

    /** What fills a column's missing values. */
    public enum Strategy {
        /** The mean of a numeric column. */
        MEAN,
        /** The median of a numeric column. */
        MEDIAN,
        /** The most frequent value; the smallest among ties. */
        MOST_FREQUENT,
        /** A fixed value. */
        CONSTANT
    }

    private final Strategy strategy;
    private final double numberFill;
    private final String categoryFill;
    private List<String> columns;
    private List<Object> fills;

    /** Fills by {@code strategy}; {@code CONSTANT} fills 0 and {@code missing_value}. */
    public SimpleImputer(Strategy strategy) {
        this(strategy, 0, "missing_value");
    }

    /** Fills with a constant: {@code number} in numeric columns, {@code category} in categorical ones. */
    public static SimpleImputer constant(double number, String category) {
        return new SimpleImputer(Strategy.CONSTANT, number, category);
    }

    private SimpleImputer(Strategy strategy, double numberFill, String categoryFill) {
        this.strategy = strategy;
        this.numberFill = numberFill;
        this.categoryFill = categoryFill;
    }

    @Override
    public SimpleImputer fit(Table table) {
        List<Object> values = new ArrayList<>();
        for (Column column : table.columns()) {
            values.add(fill(column));
        }
        columns = table.columnNames();
        fills = values;
        return this;
    }

    private Object fill(Column column) {
        if (strategy == Strategy.CONSTANT) {
            return column instanceof NumericColumn ? numberFill : categoryFill;
        }
        if (column.missingCount() == column.size()) {
            throw new IllegalArgumentException("SimpleImputer(" + strategyName() + "): column '" + column.name()
                    + "' has no value in any of its " + column.size() + " rows, so it has no " + strategyName()
                    + " to fill them with; drop the column or use the constant strategy");
        }
        if (column instanceof NumericColumn numeric) {
            double[] present = numeric.present();
            return switch (strategy) {
                case MEAN -> Statistics.mean(present);
                case MEDIAN -> Statistics.median(present);
                default -> Statistics.mostFrequent(Arrays.stream(present).boxed().toArray(Double[]::new));
            };
        }
        if (strategy != Strategy.MOST_FREQUENT) {
            throw new IllegalArgumentException("SimpleImputer(" + strategyName() + "): column '" + column.name()
                    + "' is categorical and has no " + strategyName() + "; use most_frequent or constant");
        }
        String[] present = Arrays.stream(((CategoricalColumn) column).values()).filter(v -> v != null)
                .toArray(String[]::new);
        return Statistics.mostFrequent(present);
    }

    @Override
    public Table transform(Table table) {
        if (columns == null) {
            throw new IllegalStateException("SimpleImputer is not fitted yet; call fit(trainingTable) first");
        }
        List<Column> out = new ArrayList<>();
        for (int j = 0; j < columns.size(); j++) {
            ColumnType type = fills.get(j) instanceof Double ? ColumnType.NUMERIC : ColumnType.CATEGORICAL;
            Column column = FittedColumns.select("SimpleImputer", List.of(columns.get(j)), table, type)
                    .column(columns.get(j));
            out.add(column instanceof NumericColumn numeric ? filled(numeric, (Double) fills.get(j))
                    : filled((CategoricalColumn) column, (String) fills.get(j)));
        }
        return new Table(out);
    }

    private static NumericColumn filled(NumericColumn column, double fill) {
        double[] values = column.values();
        for (int row = 0; row < values.length; row++) {
            if (Double.isNaN(values[row])) {
                values[row] = fill;
            }
        }
        return new NumericColumn(column.name(), values);
    }

    private static CategoricalColumn filled(CategoricalColumn column, String fill) {
        String[] values = column.values();
        for (int row = 0; row < values.length; row++) {
            if (values[row] == null) {
                values[row] = fill;
            }
        }
        return new CategoricalColumn(column.name(), values);
    }

    /** The value each fitted column's gaps are filled with: a Double or a String. */
    public List<Object> statistics() {
        return fills;
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("type", Transforms.typeOf(this));
        state.put("strategy", strategyName());
        state.put("fill_number", numberFill);
        state.put("fill_category", categoryFill);
        if (columns != null) {
            state.put("columns", columns);
            state.put("statistics", fills);
        }
        return state;
    }

    static SimpleImputer fromState(Map<String, Object> state) {
        SimpleImputer imputer = new SimpleImputer(Strategy.valueOf(((String) state.get("strategy"))
                .toUpperCase(Locale.ROOT)), ((Number) state.get("fill_number")).doubleValue(),
                (String) state.get("fill_category"));
        if (state.containsKey("columns")) {
            imputer.columns = FittedColumns.strings(state, "columns");
            imputer.fills = ((List<?>) state.get("statistics")).stream()
                    .map(v -> v instanceof Number n ? (Object) n.doubleValue() : v).toList();
        }
        return imputer;
    }

    private String strategyName() {
        return strategy.name().toLowerCase(Locale.ROOT);
    }
}
