package dev.nabla.tabular;

import static dev.nabla.tabular.SklearnFixture.CATEGORICAL;
import static dev.nabla.tabular.SklearnFixture.NUMERIC;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tabular.SimpleImputer.Strategy;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SimpleImputerTest {

    @Test
    void numericStrategiesMatchScikitLearn() {
        for (Strategy strategy : Strategy.values()) {
            String name = "imputer_" + strategy.name().toLowerCase(Locale.ROOT);
            SimpleImputer imputer = new SimpleImputer(strategy).fit(SklearnFixture.train().select(NUMERIC));

            Table filled = imputer.transform(SklearnFixture.test());

            SklearnFixture.assertClose(SklearnFixture.numbers(name + "/statistics"),
                    imputer.statistics().stream().mapToDouble(v -> (Double) v).toArray(), name + " statistics");
            SklearnFixture.assertClose(SklearnFixture.numbers(name + "/test"), SklearnFixture.rowMajor(filled), name);
        }
    }

    @Test
    void categoricalStrategiesMatchScikitLearn() {
        for (Strategy strategy : new Strategy[] {Strategy.MOST_FREQUENT, Strategy.CONSTANT}) {
            String name = "imputer_" + strategy.name().toLowerCase(Locale.ROOT);
            Table train = SklearnFixture.train().select(CATEGORICAL);

            Table filled = new SimpleImputer(strategy).fitTransform(train);

            assertEquals(SklearnFixture.texts(name + "/categorical_train"), SklearnFixture.rowMajorText(filled), name);
        }
    }

    @Test
    void aConstantOfTheUsersChoice() {
        Table table = Table.of(new NumericColumn("x", 1, Double.NaN), new CategoricalColumn("c", null, "b"));

        Table filled = SimpleImputer.constant(-1, "unknown").fitTransform(table);

        assertArrayEquals(new double[] {1, -1}, filled.numeric("x").values());
        assertArrayEquals(new String[] {"unknown", "b"}, filled.categorical("c").values());
    }

    @Test
    void anAllMissingColumnIsAnErrorAtFit() {
        Table table = Table.of(new NumericColumn("x", 1, 2, 3), new NumericColumn("empty", Double.NaN, Double.NaN,
                Double.NaN));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SimpleImputer(Strategy.MEAN).fit(table));

        assertEquals("SimpleImputer(mean): column 'empty' has no value in any of its 3 rows, so it has no mean to fill"
                + " them with; drop the column or use the constant strategy", e.getMessage());
    }

    @Test
    void theMeanOfCategoriesAndAnUnfittedImputerAreErrors() {
        Table table = Table.of(new CategoricalColumn("city", "Lyon", null));

        assertEquals("SimpleImputer(median): column 'city' is categorical and has no median; use most_frequent or"
                + " constant", assertThrows(IllegalArgumentException.class,
                () -> new SimpleImputer(Strategy.MEDIAN).fit(table)).getMessage());
        assertThrows(IllegalStateException.class, () -> new SimpleImputer(Strategy.MEAN).transform(table));
    }
}
