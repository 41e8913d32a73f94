package dev.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.TensorDataset;
import dev.nabla.loss.Losses;
import dev.nabla.metrics.Metrics;
import dev.nabla.optim.Optimizers;
import dev.nabla.data.image.Images;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.FitOptions;
import dev.nabla.train.Model;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BatchInferenceTest {

    private static final int ROWS = 10_000;
    private static Model model;
    private static TensorDataset test;

    @BeforeAll
    static void trainBriefly() throws IOException {
        Layer.manualSeed(5);
        // Logits out (no softmax): the inference adds the softmax itself.
        model = new Model(new Sequential(new Flatten(), new Dense(32), new Relu(), new Dense(10)));
        model.compile(Optimizers.byName("adam"), Losses.byName("sparse_categorical_crossentropy",
                Map.of("from_logits", true)), Metrics.byName("accuracy"));
        model.fit(DataSource.named("fashion-mnist:train", 3_000).load(), FitOptions.defaults().verbose(false));
        test = FashionMnistRuns.test().slice(0, ROWS);
    }

    @Test
    void predictionsOverTenThousandRowsEqualPredict() throws IOException {
        StructType schema = new StructType().add("id", DataTypes.IntegerType)
                .add("pixels", DataTypes.createArrayType(DataTypes.FloatType));
        float[] pixels = test.features().toFloatArray();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            Float[] sample = new Float[784];
            for (int j = 0; j < 784; j++) {
                sample[j] = pixels[i * 784 + j];
            }
            rows.add(RowFactory.create(i, sample));
        }
        Dataset<Row> frame = LocalSpark.session().createDataFrame(rows, schema).repartition(4);
        List<Row> predicted = BatchInference.of(LocalSpark.session(), model.network(), 1, 28, 28).batchSize(100)
                .predict(frame, "pixels").collectAsList();

        Tensor expected = model.predict(test.features(), 256).softmax(1);
        assertEquals(ROWS, predicted.size());
        for (Row row : predicted) {
            int id = row.getInt(0);
            float[] probabilities = floats(row.getList(row.fieldIndex(BatchInference.PROBABILITIES)));
            float[] wanted = expected.slice(0, id, id + 1).toFloatArray();
            assertArrayEquals(wanted, probabilities, 1e-5f, "row " + id);
            assertEquals(Predictions.argmax(wanted), row.getInt(row.fieldIndex(BatchInference.CLASS)), "row " + id);
        }
    }

    @Test
    void encodedImagesArePredictedAsTheirDecodedPixels() throws IOException {
        StructType schema = new StructType().add("image", DataTypes.BinaryType);
        List<Row> rows = new ArrayList<>();
        List<Tensor> decoded = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(Images.toImage(test.features().slice(0, i, i + 1).reshape(1, 28, 28)), "png", png);
            rows.add(RowFactory.create((Object) png.toByteArray()));
            decoded.add(Images.toTensor(ImageIO.read(new java.io.ByteArrayInputStream(png.toByteArray())), 1));
        }
        List<Row> predicted = BatchInference.of(LocalSpark.session(), model.network(), 1, 28, 28)
                .predict(LocalSpark.session().createDataFrame(rows, schema), "image").collectAsList();
        Tensor expected = model.predict(Tensor.stack(0, decoded.toArray(Tensor[]::new)), 32).softmax(1);
        for (int i = 0; i < rows.size(); i++) {
            assertArrayEquals(expected.slice(0, i, i + 1).toFloatArray(),
                    floats(predicted.get(i).getList(2)), 1e-5f, "image " + i);
        }
    }

    @Test
    void aColumnOfAnotherTypeIsRefusedByName() throws IOException {
        Dataset<Row> frame = LocalSpark.session().createDataFrame(List.of(RowFactory.create("a")),
                new StructType().add("text", DataTypes.StringType));
        BatchInference inference = BatchInference.of(LocalSpark.session(), model.network(), 1, 28, 28);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> inference.predict(frame, "text"));
        assertTrue(error.getMessage().contains("column 'text' is string"), error.getMessage());
        error = assertThrows(IllegalArgumentException.class, () -> inference.predict(frame, "pixels"));
        assertTrue(error.getMessage().contains("no column 'pixels'"), error.getMessage());
    }

    private static float[] floats(List<Object> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).floatValue();
        }
        return out;
    }
}
