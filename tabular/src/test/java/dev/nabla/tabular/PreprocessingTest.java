package dev.nabla.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.data.TensorDataset;
import dev.nabla.io.ModelFile;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Sequential;
import dev.nabla.tensor.DType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessingTest {

    @TempDir
    Path directory;

    private static Preprocessing fixturePreprocessing(TargetEncoding encoding) {
        return new Preprocessing(List.of("a", "b", "c", "d", "color", "size"), "target",
                ColumnPipelineTest.numericAndCategorical(), encoding);
    }

    @Test
    void theFittedStateGoesThroughAModelFileAndPreparesRowsAlike() throws Exception {
        Preprocessing prep = fixturePreprocessing(TargetEncoding.LABELS).fit(SklearnFixture.train());
        Sequential network = new Sequential(Dense.linear(11, 3));

        ModelFile.save(directory.resolve("model.nabla"), network, null, prep.toTrainingState());
        Preprocessing restored = Preprocessing.fromTrainingState(
                ModelFile.load(directory.resolve("model.nabla")).trainingState());

        assertArrayEquals(prep.features(SklearnFixture.test()).toFloatArray(),
                restored.features(SklearnFixture.test()).toFloatArray());
        assertEquals(List.of("maybe", "no", "yes"), restored.classNames());
        assertEquals("target", restored.target());
        assertEquals(prep.toTrainingState(), restored.toTrainingState());
    }

    @Test
    void targetsAreEncodedAsTheLossExpects() {
        Table table = Table.of(new NumericColumn("x", 1, 2, 3), new CategoricalColumn("y", "no", "yes", "no"));
        TensorDataset labels = new Preprocessing(List.of("x"), "y", new StandardScaler(), TargetEncoding.LABELS)
                .fit(table).dataset(table);
        TensorDataset binary = new Preprocessing(List.of("x"), "y", new StandardScaler(), TargetEncoding.BINARY)
                .fit(table).dataset(table);
        TensorDataset oneHot = new Preprocessing(List.of("x"), "y", new StandardScaler(), TargetEncoding.ONE_HOT)
                .fit(table).dataset(table);
        TensorDataset values = new Preprocessing(List.of("y"), "x",
                new Pipeline(new OneHotEncoder()), TargetEncoding.VALUES).fit(table).dataset(table);

        assertEquals(DType.INT32, labels.targets().dtype());
        assertArrayEquals(new float[] {0, 1, 0}, labels.targets().toFloatArray());
        assertArrayEquals(new int[] {3, 1}, binary.targets().shape().toArray());
        assertArrayEquals(new float[] {1, 0, 0, 1, 1, 0}, oneHot.targets().toFloatArray());
        assertArrayEquals(new float[] {1, 2, 3}, values.targets().toFloatArray());
        assertArrayEquals(new int[] {3, 2}, values.features().shape().toArray());
    }

    @Test
    void aBinaryTargetNeedsTwoClassesAndAFileWithoutStateHasNone() {
        Preprocessing prep = fixturePreprocessing(TargetEncoding.BINARY).fit(SklearnFixture.train());

        assertEquals("binary targets need exactly 2 classes; the target column 'target' has 3: maybe, no, yes"
                + " (use sparse_categorical_crossentropy)", assertThrows(IllegalArgumentException.class,
                () -> prep.dataset(SklearnFixture.train())).getMessage());
        assertNull(Preprocessing.fromTrainingState(Map.of("epoch", "3")));
        assertThrows(IllegalArgumentException.class, () -> new Preprocessing(List.of("a", "y"), "y",
                new StandardScaler(), TargetEncoding.LABELS));
    }
}
