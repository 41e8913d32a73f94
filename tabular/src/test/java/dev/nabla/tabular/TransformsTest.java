package dev.nabla.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tabular.SimpleImputer.Strategy;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransformsTest {

    @Test
    void everyTransformComesBackFromItsJsonTransformingAlike() {
        Table numeric = SklearnFixture.train().select(SklearnFixture.NUMERIC);
        Table categorical = SklearnFixture.train().select(SklearnFixture.CATEGORICAL);
        Map<Transform, Table> fitted = new LinkedHashMap<>();
        fitted.put(ColumnPipelineTest.numericAndCategorical(), SklearnFixture.train());
        fitted.put(new Pipeline(new SimpleImputer(Strategy.MEDIAN), new RobustScaler(10, 90)), numeric);
        fitted.put(new Pipeline(SimpleImputer.constant(-1, "none"), new MinMaxScaler(-2, 2)), numeric);
        fitted.put(new Pipeline(new SimpleImputer(Strategy.MOST_FREQUENT), new OrdinalEncoder().unknownValue(-1)),
                categorical);
        fitted.put(new Pipeline(new SimpleImputer(Strategy.MOST_FREQUENT), new OneHotEncoder()), categorical);
        fitted.forEach((transform, train) -> {
            String json = Transforms.toJson(transform.fit(train));

            Transform restored = Transforms.fromJson(json);

            assertEquals(json, Transforms.toJson(restored));
            assertEquals(SklearnFixture.rowMajorText(transform.transform(train)),
                    SklearnFixture.rowMajorText(restored.transform(train)), json);
        });
    }

    @Test
    void numbersSurviveJsonExactly() {
        StandardScaler scaler = new StandardScaler().fit(Table.of(new NumericColumn("x", 0.1, 1e-300, 7.0 / 3)));

        StandardScaler restored = (StandardScaler) Transforms.fromJson(Transforms.toJson(scaler));

        assertArrayEquals(scaler.center(), restored.center());
        assertArrayEquals(scaler.scale(), restored.scale());
    }

    @Test
    void anUnfittedTransformComesBackUnfitted() {
        Transform restored = Transforms.fromJson(Transforms.toJson(new OneHotEncoder().ignoreUnknown()));

        assertEquals("{\"type\":\"one_hot_encoder\",\"handle_unknown\":\"ignore\"}", Transforms.toJson(restored));
        assertThrows(IllegalStateException.class, () -> restored.transform(SklearnFixture.train()));
    }

    @Test
    void unknownTypesAndBadJsonAreRefused() {
        assertEquals("unknown transform type 'magic'", assertThrows(IllegalArgumentException.class,
                () -> Transforms.fromJson("{\"type\": \"magic\"}")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Transforms.fromJson("[1, 2"));
    }
}
