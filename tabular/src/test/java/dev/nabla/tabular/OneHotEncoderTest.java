package dev.nabla.tabular;

import static dev.nabla.tabular.SklearnFixture.CATEGORICAL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tabular.SimpleImputer.Strategy;
import java.util.List;
import org.junit.jupiter.api.Test;

class OneHotEncoderTest {

    @Test
    void ignoringUnknownCategoriesMatchesScikitLearn() {
        Table train = new SimpleImputer(Strategy.MOST_FREQUENT).fitTransform(SklearnFixture.train().select(CATEGORICAL));
        OneHotEncoder encoder = new OneHotEncoder().ignoreUnknown().fit(train);

        Table encoded = encoder.transform(SklearnFixture.test());

        assertEquals(SklearnFixture.texts("one_hot/names"), encoded.columnNames());
        SklearnFixture.assertClose(SklearnFixture.numbers("one_hot/test"), SklearnFixture.rowMajor(encoded), "one-hot");
        assertEquals(SklearnFixture.texts("one_hot/inverse"),
                SklearnFixture.rowMajorText(encoder.inverseTransform(encoded)));
    }

    @Test
    void anUnknownCategoryIsAnErrorByDefault() {
        OneHotEncoder encoder = new OneHotEncoder().fit(Table.of(new CategoricalColumn("color", "red", "blue")));
        Table test = Table.of(new CategoricalColumn("color", "blue", "purple"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> encoder.transform(test));

        assertEquals("OneHotEncoder: unknown category 'purple' in column 'color', row 1; known: blue, red; encode"
                + " unknown categories as all zeros with handle_unknown: ignore", e.getMessage());
    }

    @Test
    void anIgnoredUnknownCategoryIsAllZeros() {
        OneHotEncoder encoder = new OneHotEncoder().ignoreUnknown()
                .fit(Table.of(new CategoricalColumn("color", "red", "blue")));

        Table encoded = encoder.transform(Table.of(new CategoricalColumn("color", "purple", "red")));

        assertEquals(List.of("color_blue", "color_red"), encoded.columnNames());
        assertArrayEquals(new double[] {0, 0}, encoded.numeric("color_blue").values());
        assertArrayEquals(new double[] {0, 1}, encoded.numeric("color_red").values());
    }

    @Test
    void missingValuesAndNumbersAreRefused() {
        Table gap = Table.of(new CategoricalColumn("color", "red", null));

        assertEquals("OneHotEncoder: column 'color' has a missing value in row 1; fill missing values first"
                + " (SimpleImputer most_frequent or constant)",
                assertThrows(IllegalArgumentException.class, () -> new OneHotEncoder().fit(gap)).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new OneHotEncoder().fit(Table.of(new NumericColumn("x", 1))));
    }
}
