package dev.nabla.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {

    @TempDir
    Path directory;

    private static Table parse(String text) throws CsvFormatException {
        return Csv.parse(text, "data.csv", CsvOptions.defaults());
    }

    private static String error(String text, CsvOptions options) {
        return assertThrows(CsvFormatException.class, () -> Csv.parse(text, "data.csv", options)).getMessage();
    }

    @Test
    void readsAHeaderAndInfersNumericAndCategoricalColumns() throws IOException {
        Path file = directory.resolve("patients.csv");
        Files.writeString(file, "age,city,score\n31,Lyon,0.5\n45,Paris,-1.25e2\n");

        Table table = Csv.read(file);

        assertEquals(List.of("age", "city", "score"), table.columnNames());
        assertEquals(2, table.rowCount());
        assertArrayEquals(new double[] {31, 45}, table.numeric("age").values());
        assertArrayEquals(new String[] {"Lyon", "Paris"}, table.categorical("city").values());
        assertArrayEquals(new double[] {0.5, -125}, table.numeric("score").values());
    }

    @Test
    void quotedFieldsHoldDelimitersLineBreaksAndDoubledQuotes() throws CsvFormatException {
        Table table = parse("name,note\n\"Smith, J.\",\"said \"\"hi\"\"\nthen left\"\nplain,x\n");

        assertArrayEquals(new String[] {"Smith, J.", "plain"}, table.categorical("name").values());
        assertArrayEquals(new String[] {"said \"hi\"\nthen left", "x"}, table.categorical("note").values());
    }

    @Test
    void otherDelimitersAndQuotes() throws CsvFormatException {
        Table semicolons = Csv.parse("a;b\n1;'x;y'\n", "data.csv", CsvOptions.defaults().delimiter(';').quote('\''));
        Table tabs = Csv.parse("a\tb\n1\t2\n", "data.csv", CsvOptions.defaults().delimiter('\t'));

        assertArrayEquals(new String[] {"x;y"}, semicolons.categorical("b").values());
        assertArrayEquals(new double[] {2}, tabs.numeric("b").values());
    }

    @Test
    void missingMarkersAreRecognisedAndConfigurable() throws CsvFormatException {
        Table table = parse("x,c\n1,red\n,NA\nNA,?\n?,blue\nNaN,\n 2 ,green\n");

        assertArrayEquals(new double[] {1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 2},
                table.numeric("x").values());
        assertArrayEquals(new String[] {"red", null, null, "blue", null, "green"}, table.categorical("c").values());

        Table custom = Csv.parse("x\n1\n-\n\n", "data.csv", CsvOptions.defaults().missingValues("-"));
        assertArrayEquals(new double[] {1, Double.NaN}, custom.numeric("x").values());
    }

    @Test
    void anAllMissingColumnIsNumericAndDeclaredTypesWin() throws CsvFormatException {
        Table table = Csv.parse("empty,zip,n\n,01000,1\nNA,75001,2\n", "data.csv",
                CsvOptions.defaults().type("zip", ColumnType.CATEGORICAL).type("n", ColumnType.NUMERIC));

        assertEquals(2, table.numeric("empty").missingCount());
        assertArrayEquals(new String[] {"01000", "75001"}, table.categorical("zip").values());
        assertEquals(ColumnType.NUMERIC, table.column("n").type());
    }

    @Test
    void withoutAHeaderColumnsAreNumbered() throws CsvFormatException {
        Table table = Csv.parse("1,a\n2,b\n", "data.csv", CsvOptions.defaults().header(false));

        assertEquals(List.of("0", "1"), table.columnNames());
        assertEquals(2, table.rowCount());
    }

    @Test
    void aRowWithTooFewFieldsNamesFileLineAndColumn() {
        String message = error("a,b,c\n1,2,3\n4,5\n", CsvOptions.defaults());

        assertEquals("data.csv:3: column 3 'c': missing: the row has 2 fields, the header 3 columns"
                + " (an empty value still needs its delimiter)", message);
    }

    @Test
    void aRowWithTooManyFieldsNamesFileLineAndColumn() {
        String message = error("a,b\n\"multi\nline\",2\n1,2,3\n", CsvOptions.defaults());

        assertEquals("data.csv:4: column 3: an extra field '3': the row has 3 fields, the header 2 columns"
                + " (quote a field that holds the delimiter)", message);
    }

    @Test
    void aBadNumberInADeclaredNumericColumnNamesFileLineAndColumn() {
        String message = error("id,age\n1,31\n2,thirty\n", CsvOptions.defaults().type("age", ColumnType.NUMERIC));

        assertEquals("data.csv:3: column 2 'age': 'thirty' is not a number, and the column is declared numeric;"
                + " mark a missing value with one of ['', '?', 'NA', 'NaN'] or declare the column categorical", message);
    }

    @Test
    void anUnclosedQuoteARepeatedNameAndAnEmptyFileAreRefused() {
        assertEquals("data.csv:3: cannot read the record starting here (Unclosed quoted field at end of input"
                + " (record starting at line 3)); is a quote '\"' left open?",
                error("a,b\n1,2\n\"3,4\n", CsvOptions.defaults()));
        assertEquals("data.csv:1: column 3 'a': the header names this column twice; column names must be unique",
                error("a,b,a\n1,2,3\n", CsvOptions.defaults()));
        assertEquals("data.csv:1: the file is empty; expected a header and rows", error("", CsvOptions.defaults()));
    }

    @Test
    void aDeclaredTypeForAnAbsentColumnAndAnAbsentFileAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Csv.parse("a\n1\n", "data.csv",
                CsvOptions.defaults().type("b", ColumnType.NUMERIC)));
        assertEquals("data.csv: a type is declared for column 'b', which the file does not have; its columns: a",
                e.getMessage());
        assertThrows(NoSuchFileException.class, () -> Csv.read(directory.resolve("absent.csv")));
    }

    @Test
    void optionsComeBackFromTheirState() {
        CsvOptions options = CsvOptions.defaults().delimiter(';').missingValues("-", "")
                .type("zip", ColumnType.CATEGORICAL);

        CsvOptions restored = CsvOptions.fromJson(options.toJson());

        assertEquals(options, restored);
    }

    @Test
    void aBadNumberInAMostlyNumericColumnIsAnErrorEvenUndeclared() {
        String message = error("id,size\n1,3.5\n2,4..1\n3,NA\n4,2\n", CsvOptions.defaults());

        assertEquals("data.csv:3: column 2 'size': '4..1' is not a number, though 2 of the column's 3 values are;"
                + " list it in the missing values if it marks one, or declare the column categorical", message);
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstName() throws CsvFormatException {
        assertEquals(List.of("a", "b"), Csv.parse("\uFEFFa,b\n1,2\n", "data.csv", CsvOptions.defaults()).columnNames());
    }
}
