package dev.nabla.tabular;

import static dev.nabla.tabular.SklearnFixture.NUMERIC;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StandardScalerTest {

    @Test
    void transformAndInverseMatchScikitLearn() {
        assertMatches(new StandardScaler(), "standard");
    }

    @Test
    void aConstantColumnOnlyLosesItsMean() {
        Table scaled = new StandardScaler().fitTransform(Table.of(new NumericColumn("c", 0.1, 0.1, 0.1)));

        assertArrayEquals(new double[] {0, 0, 0}, scaled.numeric("c").values(), 1e-15);
    }

    @Test
    void categoriesUnfittedScalersAndAllMissingColumnsAreRefused() {
        Table categories = Table.of(new CategoricalColumn("city", "Lyon"));
        assertEquals("StandardScaler: column 'city' is categorical; scale numeric columns only (encode categories"
                + " with OneHotEncoder)", assertThrows(IllegalArgumentException.class,
                () -> new StandardScaler().fit(categories)).getMessage());
        assertEquals("StandardScaler is not fitted yet; call fit(trainingTable) first",
                assertThrows(IllegalStateException.class, () -> new StandardScaler().transform(categories)).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new StandardScaler().fit(Table.of(new NumericColumn("x", Double.NaN))));
    }

    @Test
    void transformTakesTheFittedColumnsByName() {
        StandardScaler scaler = new StandardScaler().fit(Table.of(new NumericColumn("x", 1, 3)));
        Table other = Table.of(new NumericColumn("y", 5), new NumericColumn("x", 2));

        assertEquals(java.util.List.of("x"), scaler.transform(other).columnNames());
        assertEquals("StandardScaler: the table has no column 'x', which it was fitted on; its columns: y",
                assertThrows(IllegalArgumentException.class, () -> scaler.transform(other.select("y"))).getMessage());
    }

    /** Fitted on the training rows (missing values left out), applied to the test rows, and back. */
    static void assertMatches(Transform scaler, String name) {
        Table scaled = scaler.fit(SklearnFixture.train().select(NUMERIC)).transform(SklearnFixture.test());

        SklearnFixture.assertClose(SklearnFixture.numbers(name + "/test"), SklearnFixture.rowMajor(scaled), name);
        SklearnFixture.assertClose(SklearnFixture.numbers(name + "/inverse"),
                SklearnFixture.rowMajor(scaler.inverseTransform(scaled)), name + " inverse");
        assertEquals(NUMERIC, scaled.columnNames());
    }
}
