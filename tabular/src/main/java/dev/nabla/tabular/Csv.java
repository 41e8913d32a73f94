package dev.nabla.tabular;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads CSV files (RFC 4180, through FastCSV) into a {@link Table}: a header, any delimiter,
 * quoted fields, missing-value markers, column types inferred or declared.
 *
 * <pre>{@code
 * Table table = Csv.read(Path.of("patients.csv"), CsvOptions.defaults().missingValues("", "-"));
 * }</pre>
 *
 * <p>A column is numeric when all its present fields are numbers, categorical when at most
 * half of them are. A file that does not fit its header (a row with too few or too many
 * fields), a field that is not a number in a column declared numeric or in one whose fields
 * are mostly numbers (a typo, or a missing-value marker not listed), an unclosed quote or a
 * repeated column name is a {@link CsvFormatException} naming the file, the line and the
 * column.
 */
public final class Csv {

    /** A decimal number as pandas reads one: sign, digits with an optional point, optional exponent. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private Csv() {
    }

    /** Reads a UTF-8 CSV file with the default options (comma, double quotes, header, types inferred). */
    public static Table read(Path file) throws IOException {
        return read(file, CsvOptions.defaults());
    }

    /** Reads a UTF-8 CSV file. */
    public static Table read(Path file, CsvOptions options) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such CSV file");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString(), options);
        }
    }

    /** Reads CSV text; {@code source} names it in messages. */
    public static Table parse(String text, String source, CsvOptions options) throws CsvFormatException {
        try {
            return read(new StringReader(text), source, options);
        } catch (CsvFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Table read(Reader reader, String source, CsvOptions options) throws IOException {
        List<CsvRecord> records = records(reader, source, options);
        if (records.isEmpty()) {
            throw new CsvFormatException(source, 1, 0, null, "the file is empty; expected "
                    + (options.header() ? "a header and rows" : "rows"));
        }
        List<String> names = options.header() ? header(records.remove(0), source) : numbered(records.get(0));
        for (String declared : options.types().keySet()) {
            if (!names.contains(declared)) {
                throw new IllegalArgumentException(source + ": a type is declared for column '" + declared
                        + "', which the file does not have; its columns: " + String.join(", ", names));
            }
        }
        for (CsvRecord record : records) {
            checkWidth(record, names, source);
        }
        Set<String> missing = new HashSet<>(options.missingValues());
        List<Column> columns = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            columns.add(column(records, j, names.get(j), options.types().get(names.get(j)), missing, source));
        }
        return new Table(columns);
    }

    private static List<CsvRecord> records(Reader reader, String source, CsvOptions options) throws IOException {
        CsvReader<CsvRecord> csv = CsvReader.builder().fieldSeparator(options.delimiter())
                .quoteCharacter(options.quote()).skipEmptyLines(true).detectBomHeader(false)
                .allowExtraFields(true).allowMissingFields(true).allowUnclosedQuote(false).ofCsvRecord(reader);
        List<CsvRecord> records = new ArrayList<>();
        try (csv) {
            csv.forEach(records::add);
        } catch (CsvParseException e) {
            long line = records.isEmpty() ? 1 : records.get(records.size() - 1).getStartingLineNumber() + 1;
            String cause = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                    : e.getMessage();
            throw new CsvFormatException(source, line, 0, null, "cannot read the record starting here (" + cause
                    + "); is a quote " + CsvOptions.show(options.quote()) + " left open?");
        }
        return records;
    }

    private static List<String> header(CsvRecord record, String source) throws CsvFormatException {
        Set<String> names = new LinkedHashSet<>();
        for (int j = 0; j < record.getFieldCount(); j++) {
            // A byte-order mark (spreadsheets write one) is not part of the first name.
            String name = (j == 0 ? record.getField(j).replace("\uFEFF", "") : record.getField(j)).strip();
            if (!names.add(name)) {
                throw new CsvFormatException(source, record.getStartingLineNumber(), j + 1, name,
                        "the header names this column twice; column names must be unique");
            }
        }
        return List.copyOf(names);
    }

    private static List<String> numbered(CsvRecord first) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < first.getFieldCount(); j++) {
            names.add(Integer.toString(j));
        }
        return names;
    }

    private static void checkWidth(CsvRecord record, List<String> names, String source) throws CsvFormatException {
        int count = record.getFieldCount();
        long line = record.getStartingLineNumber();
        if (count < names.size()) {
            throw new CsvFormatException(source, line, count + 1, names.get(count), "missing: the row has " + count
                    + " fields, the header " + names.size() + " columns (an empty value still needs its delimiter)");
        }
        if (count > names.size()) {
            throw new CsvFormatException(source, line, names.size() + 1, null, "an extra field '"
                    + record.getField(names.size()) + "': the row has " + count + " fields, the header "
                    + names.size() + " columns (quote a field that holds the delimiter)");
        }
    }

    private static Column column(List<CsvRecord> records, int j, String name, ColumnType declared,
                                 Set<String> missing, String source) throws CsvFormatException {
        int rows = records.size();
        String[] text = new String[rows];
        boolean numeric = declared != ColumnType.CATEGORICAL;
        int firstBad = -1;
        int present = 0;
        int numbers = 0;
        for (int row = 0; row < rows; row++) {
            String field = records.get(row).getField(j);
            text[row] = missing.contains(field.strip()) ? null : field;
            if (text[row] != null) {
                present++;
                if (NUMBER.matcher(field.strip()).matches()) {
                    numbers++;
                } else if (firstBad < 0) {
                    firstBad = row;
                }
            }
        }
        if (firstBad >= 0 && declared == null && numbers > present / 2) {
            throw new CsvFormatException(source, records.get(firstBad).getStartingLineNumber(), j + 1, name, "'"
                    + text[firstBad] + "' is not a number, though " + numbers + " of the column's " + present
                    + " values are; list it in the missing values if it marks one, or declare the column categorical");
        }
        if (firstBad >= 0 && declared == ColumnType.NUMERIC) {
            throw new CsvFormatException(source, records.get(firstBad).getStartingLineNumber(), j + 1, name, "'"
                    + text[firstBad] + "' is not a number, and the column is declared numeric; mark a missing value"
                    + " with one of " + missing.stream().sorted().map(m -> "'" + m + "'").toList()
                    + " or declare the column categorical");
        }
        if (!numeric || firstBad >= 0) {
            return new CategoricalColumn(name, text);
        }
        double[] values = new double[rows];
        for (int row = 0; row < rows; row++) {
            values[row] = text[row] == null ? Double.NaN : Double.parseDouble(text[row].strip());
        }
        return new NumericColumn(name, values);
    }
}
