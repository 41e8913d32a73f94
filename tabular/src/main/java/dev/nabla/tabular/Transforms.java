package dev.nabla.tabular;

import dev.nabla.io.JsonReader;
import dev.nabla.io.JsonWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Transforms by their state: {@link #toJson} writes a transform's settings and fitted values
 * as JSON (for a model file's training state), {@link #fromJson} makes the same transform
 * back, fitted as it was.
 *
 * <pre>{@code
 * String json = Transforms.toJson(preprocessing);
 * Transform same = Transforms.fromJson(json);      // transforms exactly as preprocessing does
 * }</pre>
 */
public final class Transforms {

    private Transforms() {
    }

    /** The transform's {@link Transform#state} as one line of JSON. */
    public static String toJson(Transform transform) {
        return JsonWriter.write(transform.state());
    }

    /**
     * The transform a {@link #toJson} text describes.
     *
     * @throws IllegalArgumentException for text that is not such JSON, or an unknown type
     */
    public static Transform fromJson(String json) {
        try {
            return fromState(map(read(json)));
        } catch (IOException | ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("not the JSON of a transform: " + e.getMessage(), e);
        }
    }

    /** Plain values (as {@link #fromJson} reads them) as JSON; for states beside the transforms'. */
    public static String json(Object value) {
        return JsonWriter.write(value);
    }

    /** JSON as plain values: maps, lists, strings, numbers (whole ones as longs, the rest as doubles), booleans and nulls. */
    public static Object parse(String json) {
        try {
            return read(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    private static Object read(String json) throws IOException {
        return JsonReader.parseDocument(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The transform a {@link Transform#state} describes. */
    public static Transform fromState(Map<String, Object> state) {
        String type = String.valueOf(state.get("type"));
        return switch (type) {
            case "simple_imputer" -> SimpleImputer.fromState(state);
            case "standard_scaler" -> new StandardScaler().restore(state);
            case "min_max_scaler" -> {
                double[] range = FittedColumns.numbers(state, "feature_range");
                yield new MinMaxScaler(range[0], range[1]).restore(state);
            }
            case "robust_scaler" -> {
                double[] range = FittedColumns.numbers(state, "quantile_range");
                yield new RobustScaler(range[0], range[1]).restore(state);
            }
            case "one_hot_encoder" -> OneHotEncoder.fromState(state);
            case "ordinal_encoder" -> OrdinalEncoder.fromState(state);
            case "text_vectorization" -> TextVectorization.fromState(state);
            case "pipeline" -> Pipeline.fromState(state);
            case "column_pipeline" -> ColumnPipeline.fromState(state);
            default -> throw new IllegalArgumentException("unknown transform type '" + type + "'");
        };
    }

    /** The type a state names: the class's name in snake case ({@code standard_scaler}). */
    static String typeOf(Transform transform) {
        return transform.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("expected a JSON object, got " + value);
        }
        return new LinkedHashMap<>((Map<String, Object>) map);
    }
}
