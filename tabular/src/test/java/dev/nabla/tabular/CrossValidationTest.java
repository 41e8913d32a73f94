package dev.nabla.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.Fold;
import dev.nabla.data.StratifiedKFold;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Sigmoid;
import dev.nabla.tabular.SimpleImputer.Strategy;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.FitOptions;
import dev.nabla.train.Model;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrossValidationTest {

    /** Two noisy blobs, class 'b' shifted along x, with a categorical column and gaps. */
    static Table blobs(int rows) {
        float[] noise = Tensor.randn(new Generator(7), rows, 2).toFloatArray();
        double[] x = new double[rows];
        double[] y = new double[rows];
        String[] side = new String[rows];
        String[] label = new String[rows];
        for (int i = 0; i < rows; i++) {
            boolean b = i % 3 == 0;
            x[i] = (b ? 2.5 : 0) + noise[2 * i];
            y[i] = i % 11 == 0 ? Double.NaN : noise[2 * i + 1];
            side[i] = i % 2 == 0 ? "left" : "right";
            label[i] = b ? "b" : "a";
        }
        return Table.of(new NumericColumn("x", x), new NumericColumn("y", y), new CategoricalColumn("side", side),
                new CategoricalColumn("label", label));
    }

    @Test
    void aFreshModelPerFoldLearnsTheBlobsAndTheResultReportsEveryMetric() throws Exception {
        Table table = blobs(150);
        Tensor labels = TargetEncoding.LABELS.encode(table.column("label"), new LabelEncoder().fit(table.column("label")));
        StringWriter progress = new StringWriter();

        CrossValidationResult result = CrossValidation.run(new StratifiedKFold(3).split(labels), (fold, train, test) -> {
            Preprocessing prep = new Preprocessing(List.of("x", "y", "side"), "label", new ColumnPipeline()
                    .add("numeric", List.of("x", "y"), new SimpleImputer(Strategy.MEAN), new StandardScaler())
                    .add("categorical", List.of("side"), new OneHotEncoder()), TargetEncoding.BINARY)
                    .fit(table.rows(train), table.column("label"));
            Layer.manualSeed(1);
            Model model = new Model(new Sequential(new Dense(8), new Relu(), new Dense(1), new Sigmoid()));
            model.compile("adam", "binary_crossentropy", "accuracy", "auc");
            model.fit(prep.dataset(table.rows(train)), FitOptions.defaults().epochs(30).batchSize(16).verbose(false));
            return model.evaluate(prep.dataset(table.rows(test)), 64);
        }, new PrintWriter(progress));

        assertEquals(3, result.folds().size());
        assertEquals(List.of("loss", "accuracy", "auc"), result.metricNames());
        assertTrue(result.mean("accuracy") > 0.85, result.table());
        assertTrue(progress.toString().startsWith("fold 1/3: 100 training and 50 test rows"), progress.toString());
        Map<?, ?> json = (Map<?, ?>) Transforms.parse(result.toJson());
        assertEquals(3, ((List<?>) json.get("folds")).size());
        assertEquals(result.mean("auc"), (Double) ((Map<?, ?>) json.get("mean")).get("auc"), 1e-15);
    }

    @Test
    void theTableHasARowPerFoldAndMeanPlusMinusStd() {
        CrossValidationResult result = new CrossValidationResult(List.of(Map.of("accuracy", 0.9), Map.of("accuracy",
                1.0)));

        assertEquals("""
                fold  accuracy
                1     0.9000
                2     1.0000
                mean  0.9500 ± 0.0500
                """, result.table());
        assertEquals("{\"folds\":[{\"accuracy\":0.9},{\"accuracy\":1.0}],\"mean\":{\"accuracy\":0.95},"
                + "\"std\":{\"accuracy\":0.04999999999999999}}", result.toJson());
    }

    @Test
    void undefinedValuesAreNullInJsonAndOverlappingFoldsAreRefused() {
        CrossValidationResult result = new CrossValidationResult(List.of(Map.of("auc", Double.NaN)));

        assertTrue(result.toJson().contains("{\"auc\":null}"), result.toJson());
        assertEquals("fold 1: row 2 is both a training and a test row", assertThrows(IllegalArgumentException.class,
                () -> CrossValidation.run(List.of(new Fold(0, new int[] {1, 2}, new int[] {2})),
                        (k, train, test) -> Map.of(), null)).getMessage());
    }
}
