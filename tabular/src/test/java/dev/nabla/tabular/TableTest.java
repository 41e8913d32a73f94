package dev.nabla.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

    private final Table table = Table.of(new NumericColumn("age", 31, 45, 27),
            new CategoricalColumn("city", "Lyon", "Paris", null), new NumericColumn("score", 1, 2, 3));

    @Test
    void selectsDropsTakesRowsAndConcatenates() {
        assertEquals(List.of("score", "age"), table.select("score", "age").columnNames());
        assertEquals(List.of("age", "score"), table.drop("city").columnNames());
        assertArrayEquals(new double[] {27, 31}, table.rows(new int[] {2, 0}).numeric("age").values());
        assertEquals(List.of("age", "city", "score", "extra"),
                table.concat(Table.of(new NumericColumn("extra", 0, 0, 0))).columnNames());
        assertEquals(List.of("city"), table.namesOf(ColumnType.CATEGORICAL));
        assertEquals(1, table.column("city").missingCount());
    }

    @Test
    void numbersBecomeARowMajorTensor() {
        Tensor x = table.select("age", "score").toTensor();

        assertArrayEquals(new int[] {3, 2}, x.shape().toArray());
        assertArrayEquals(new float[] {31, 1, 45, 2, 27, 3}, x.toFloatArray());
    }

    @Test
    void unknownColumnsCategoriesAndMissingValuesAreRefusedWithTheirNames() {
        assertEquals("no column 'agee'; the columns are: age, city, score",
                assertThrows(IllegalArgumentException.class, () -> table.select("agee")).getMessage());
        assertEquals("column 'city' is categorical; encode it as numbers first (OneHotEncoder or OrdinalEncoder)",
                assertThrows(IllegalArgumentException.class, table::toTensor).getMessage());
        Table gap = Table.of(new NumericColumn("x", 1, Double.NaN));
        assertEquals("column 'x' has 1 missing values (the first in row 1); fill them first (SimpleImputer)",
                assertThrows(IllegalArgumentException.class, gap::toTensor).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Table.of(new NumericColumn("x", 1), new NumericColumn("x", 2)));
        assertThrows(IllegalArgumentException.class, () -> Table.of(new NumericColumn("x", 1), new NumericColumn("y")));
    }
}
