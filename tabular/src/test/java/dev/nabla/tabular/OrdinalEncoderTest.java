package dev.nabla.tabular;

import static dev.nabla.tabular.SklearnFixture.CATEGORICAL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OrdinalEncoderTest {

    @Test
    void codesMissingValuesAndUnknownValuesMatchScikitLearn() {
        OrdinalEncoder encoder = new OrdinalEncoder().unknownValue(-1).fit(SklearnFixture.train().select(CATEGORICAL));

        SklearnFixture.assertClose(SklearnFixture.numbers("ordinal/train"),
                SklearnFixture.rowMajor(encoder.transform(SklearnFixture.train())), "ordinal train");
        SklearnFixture.assertClose(SklearnFixture.numbers("ordinal/test"),
                SklearnFixture.rowMajor(encoder.transform(SklearnFixture.test())), "ordinal test");
    }

    @Test
    void inverseGivesTheCategoriesBack() {
        Table table = Table.of(new CategoricalColumn("size", "S", "L", null, "M"));
        OrdinalEncoder encoder = new OrdinalEncoder().fit(table);

        Table codes = encoder.transform(table);

        assertArrayEquals(new double[] {2, 0, Double.NaN, 1}, codes.numeric("size").values());
        assertArrayEquals(table.categorical("size").values(), encoder.inverseTransform(codes).categorical("size")
                .values());
    }

    @Test
    void anUnknownCategoryIsAnErrorWithoutAnUnknownValue() {
        OrdinalEncoder encoder = new OrdinalEncoder().fit(Table.of(new CategoricalColumn("size", "S", "M")));

        assertEquals("OrdinalEncoder: unknown category 'XL' in column 'size', row 0; known: M, S; set an unknown value"
                + " to encode it", assertThrows(IllegalArgumentException.class,
                () -> encoder.transform(Table.of(new CategoricalColumn("size", "XL")))).getMessage());
    }
}
