package dev.nabla.tabular;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How to read a CSV file, pandas's {@code read_csv} arguments as an immutable value:
 * {@code CsvOptions.defaults().delimiter(';').missingValues("", "-").type("zip", ColumnType.CATEGORICAL)}.
 *
 * @param delimiter     the field separator, {@code ,} by default
 * @param quote         the quote character, {@code "} by default; a quoted field may hold the
 *                      delimiter, line breaks and doubled quotes
 * @param header        whether the first record names the columns; without a header they are
 *                      named {@code 0}, {@code 1}, ... as pandas names them
 * @param missingValues the fields that mean "no value" (compared after trimming spaces):
 *                      empty, {@code NA}, {@code ?} and {@code NaN} by default
 * @param types         declared column types; every other column is numeric when all its
 *                      present fields are numbers, categorical when at most half are, and an
 *                      error in between (a malformed number)
 */
public record CsvOptions(char delimiter, char quote, boolean header, List<String> missingValues,
                         Map<String, ColumnType> types) {

    /** The missing-value markers by default. */
    public static final List<String> DEFAULT_MISSING = List.of("", "NA", "?", "NaN");

    /** Copies the lists and maps; the delimiter and the quote must differ and not be line breaks. */
    public CsvOptions {
        if (delimiter == quote || delimiter == '\n' || delimiter == '\r' || quote == '\n' || quote == '\r') {
            throw new IllegalArgumentException("CsvOptions: the delimiter " + show(delimiter) + " and the quote "
                    + show(quote) + " must differ and not be line breaks");
        }
        missingValues = missingValues.stream().map(String::strip).toList();
        types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
    }

    /** Comma-separated, double quotes, a header, the default missing markers, types inferred. */
    public static CsvOptions defaults() {
        return new CsvOptions(',', '"', true, DEFAULT_MISSING, Map.of());
    }

    /** Another field separator, such as {@code ';'} or {@code '\t'}. */
    public CsvOptions delimiter(char value) {
        return new CsvOptions(value, quote, header, missingValues, types);
    }

    /** Another quote character. */
    public CsvOptions quote(char value) {
        return new CsvOptions(delimiter, value, header, missingValues, types);
    }

    /** Whether the first record is a header. */
    public CsvOptions header(boolean value) {
        return new CsvOptions(delimiter, quote, value, missingValues, types);
    }

    /** These fields, and only these, mean "no value". */
    public CsvOptions missingValues(String... values) {
        return new CsvOptions(delimiter, quote, header, List.of(values), types);
    }

    /** Declares a column's type: a numeric column must hold numbers, a categorical one keeps its text. */
    public CsvOptions type(String column, ColumnType type) {
        Map<String, ColumnType> all = new LinkedHashMap<>(types);
        all.put(column, type);
        return new CsvOptions(delimiter, quote, header, missingValues, all);
    }

    /** The options as JSON, for a model file. */
    public String toJson() {
        return Transforms.json(state());
    }

    /** The options a {@link #toJson} text describes. */
    public static CsvOptions fromJson(String json) {
        return fromState(Transforms.map(Transforms.parse(json)));
    }

    Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("delimiter", String.valueOf(delimiter));
        state.put("quote", String.valueOf(quote));
        state.put("header", header);
        state.put("missing_values", missingValues);
        Map<String, String> declared = new LinkedHashMap<>();
        types.forEach((column, type) -> declared.put(column, type.name().toLowerCase(Locale.ROOT)));
        state.put("types", declared);
        return state;
    }

    static CsvOptions fromState(Map<String, Object> state) {
        Map<String, ColumnType> declared = new LinkedHashMap<>();
        Transforms.map(state.get("types")).forEach((column, type) ->
                declared.put(column, ColumnType.valueOf(((String) type).toUpperCase(Locale.ROOT))));
        return new CsvOptions(((String) state.get("delimiter")).charAt(0), ((String) state.get("quote")).charAt(0),
                (Boolean) state.get("header"), FittedColumns.strings(state, "missing_values"), declared);
    }

    static String show(char c) {
        return c == '\t' ? "'\\t'" : "'" + c + "'";
    }
}
