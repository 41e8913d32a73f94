package dev.nabla.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelEncoderTest {

    @Test
    void classesAndLabelsMatchScikitLearn() {
        LabelEncoder encoder = new LabelEncoder().fit(SklearnFixture.train().column("target"));

        int[] labels = encoder.transform(SklearnFixture.test().column("target"));

        assertEquals(SklearnFixture.texts("label/classes"), encoder.classes());
        SklearnFixture.assertClose(SklearnFixture.numbers("label/test"),
                java.util.Arrays.stream(labels).asDoubleStream().toArray(), "labels");
    }

    @Test
    void numericClassesSortAsNumbersAndComeBack() {
        LabelEncoder encoder = new LabelEncoder();

        int[] labels = encoder.fitTransform(new NumericColumn("y", 10, 2, 10, -1));

        assertEquals(List.of("-1", "2", "10"), encoder.classes());
        assertArrayEquals(new int[] {2, 1, 2, 0}, labels);
        assertArrayEquals(new String[] {"10", "-1"}, encoder.inverseTransform("y", new int[] {2, 0}).values());
    }

    @Test
    void missingAndUnknownClassesAreErrors() {
        LabelEncoder encoder = new LabelEncoder().fit(new CategoricalColumn("y", "no", "yes"));

        assertEquals("LabelEncoder: unknown class 'maybe' in column 'y', row 1; known: no, yes",
                assertThrows(IllegalArgumentException.class,
                        () -> encoder.transform(new CategoricalColumn("y", "no", "maybe"))).getMessage());
        assertEquals("LabelEncoder: the target column 'y' has 1 missing values (the first in row 0); every example"
                + " needs its class; drop those rows", assertThrows(IllegalArgumentException.class,
                () -> encoder.transform(new CategoricalColumn("y", null, "no"))).getMessage());
    }
}
