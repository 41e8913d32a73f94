package dev.nabla.tabular;

import static dev.nabla.tabular.SklearnFixture.NUMERIC;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MinMaxScalerTest {

    @Test
    void transformAndInverseMatchScikitLearn() {
        assertMatches(new MinMaxScaler(), "min_max");
    }

    @Test
    void anotherRangeMatchesScikitLearn() {
        assertMatches(new MinMaxScaler(-1, 2), "min_max_range");
    }

    @Test
    void anEmptyRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MinMaxScaler(1, 1));
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
