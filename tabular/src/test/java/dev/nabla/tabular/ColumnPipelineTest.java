package dev.nabla.tabular;

import static dev.nabla.tabular.SklearnFixture.CATEGORICAL;
import static dev.nabla.tabular.SklearnFixture.NUMERIC;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tabular.SimpleImputer.Strategy;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnPipelineTest {

    static ColumnPipeline numericAndCategorical() {
        return new ColumnPipeline()
                .add("numeric", NUMERIC, new SimpleImputer(Strategy.MEAN), new StandardScaler())
                .add("categorical", CATEGORICAL, new SimpleImputer(Strategy.MOST_FREQUENT),
                        new OneHotEncoder().ignoreUnknown());
    }

    @Test
    void matchesScikitLearnsColumnTransformer() {
        ColumnPipeline pipeline = numericAndCategorical().fit(SklearnFixture.train());

        Table out = pipeline.transform(SklearnFixture.test());

        SklearnFixture.assertClose(SklearnFixture.numbers("column_pipeline/test"), SklearnFixture.rowMajor(out),
                "column pipeline");
        assertEquals(List.of("a", "b", "c", "d", "color_blue", "color_green", "color_red", "color_yellow", "size_L",
                "size_M", "size_S"), out.columnNames());
    }

    @Test
    void fitTransformEqualsFitThenTransformAndGivesATensor() {
        Table once = numericAndCategorical().fitTransform(SklearnFixture.train());
        Table twice = numericAndCategorical().fit(SklearnFixture.train()).transform(SklearnFixture.train());

        Tensor x = once.toTensor();

        assertArrayEquals(SklearnFixture.rowMajor(twice), SklearnFixture.rowMajor(once));
        assertArrayEquals(new int[] {40, 11}, x.shape().toArray());
    }

    @Test
    void aPipelineRunsItsStepsInOrderAndUndoesThemInReverse() {
        Table table = Table.of(new NumericColumn("x", 1, 2, 3, 10));
        Pipeline pipeline = new Pipeline(new StandardScaler(), new MinMaxScaler(-1, 1));

        Table out = pipeline.fitTransform(table);

        assertArrayEquals(new double[] {-1, -7 / 9.0, -5 / 9.0, 1}, out.numeric("x").values(), 1e-12);
        assertArrayEquals(table.numeric("x").values(), pipeline.inverseTransform(out).numeric("x").values(), 1e-12);
    }

    @Test
    void groupsNeedDistinctNamesAndTheirColumns() {
        ColumnPipeline pipeline = new ColumnPipeline().add("numeric", List.of("x"), new StandardScaler());

        assertThrows(IllegalArgumentException.class, () -> pipeline.add("numeric", List.of("y")));
        assertEquals("no column 'x'; the columns are: y", assertThrows(IllegalArgumentException.class,
                () -> pipeline.fit(Table.of(new NumericColumn("y", 1)))).getMessage());
    }
}
