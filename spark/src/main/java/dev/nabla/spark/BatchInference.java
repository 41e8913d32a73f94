package dev.nabla.spark;

import dev.nabla.io.ModelFile;
import dev.nabla.nn.Layer;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A trained network applied to a column of a DataFrame: the network is broadcast once (Spark
 * fetches a broadcast once per executor, and each executor JVM loads it once), each partition is
 * read in batches of {@link #batchSize} rows, and every row gains two columns, {@value #CLASS}
 * (the index of the largest output) and {@value #PROBABILITIES} (the outputs, through a softmax
 * unless they already are probabilities).
 *
 * <p>The input column holds either feature arrays ({@code array<float>} or {@code array<double>},
 * reshaped to the sample shape) or encoded images ({@code binary}: PNG, JPEG, GIF, BMP, decoded to
 * the sample shape's channels and required to have its height and width).
 *
 * <pre>{@code
 * Dataset<Row> predicted = BatchInference.of(spark, network, 1, 28, 28).predict(images, "pixels");
 * }</pre>
 */
public final class BatchInference implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The column of predicted classes. */
    public static final String CLASS = "class";
    /** The column of class probabilities. */
    public static final String PROBABILITIES = "probabilities";

    private final transient SparkSession spark;
    private final Broadcast<byte[]> modelFile;
    private final int[] sampleShape;
    private final int batchSize;

    private BatchInference(SparkSession spark, Broadcast<byte[]> modelFile, int[] sampleShape, int batchSize) {
        this.spark = spark;
        this.modelFile = modelFile;
        this.sampleShape = sampleShape;
        this.batchSize = batchSize;
    }

    /**
     * Inference with {@code network} on samples of {@code sampleShape} (without the batch dimension),
     * in batches of 256 rows.
     *
     * @throws IOException if the network cannot be written as a model file
     */
    public static BatchInference of(SparkSession spark, Layer network, int... sampleShape) throws IOException {
        Path file = Files.createTempFile("nabla-inference", ".nabla");
        try {
            ModelFile.save(file, network);
            byte[] bytes = Files.readAllBytes(file);
            return new BatchInference(spark, JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(bytes),
                    sampleShape.clone(), 256);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The same with {@code rows} rows per forward pass. */
    public BatchInference batchSize(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("BatchInference.batchSize: need at least 1 row, got " + rows);
        }
        return new BatchInference(spark, modelFile, sampleShape, rows);
    }

    /**
     * {@code frame} with the columns {@value #CLASS} ({@code int}) and {@value #PROBABILITIES}
     * ({@code array<float>}) added, computed from {@code column}; the rows keep their order.
     *
     * @throws IllegalArgumentException if the column is missing or of another type
     */
    public Dataset<Row> predict(Dataset<Row> frame, String column) {
        StructType schema = frame.schema();
        if (!Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException("the DataFrame has no column '" + column + "'; its columns are "
                    + String.join(", ", schema.fieldNames()));
        }
        int index = schema.fieldIndex(column);
        InputColumn input = InputColumn.of(schema.fields()[index], sampleShape);
        StructType output = schema.add(CLASS, DataTypes.IntegerType, false)
                .add(PROBABILITIES, DataTypes.createArrayType(DataTypes.FloatType, false), false);
        JavaRDD<Row> rows = frame.toJavaRDD().mapPartitions(partition -> new Batches(partition, index, input));
        return spark.createDataFrame(rows, output);
    }

    /** The rows of one partition with their predictions, computed batch by batch as the rows are read. */
    private final class Batches implements Iterator<Row> {
        private final Iterator<Row> rows;
        private final int index;
        private final InputColumn input;
        private final Layer network = LoadedNetworks.get(modelFile);
        private Iterator<Row> ready = List.<Row>of().iterator();

        Batches(Iterator<Row> rows, int index, InputColumn input) {
            this.rows = rows;
            this.index = index;
            this.input = input;
        }

        @Override
        public boolean hasNext() {
            if (!ready.hasNext() && rows.hasNext()) {
                ready = nextBatch();
            }
            return ready.hasNext();
        }

        @Override
        public Row next() {
            hasNext();
            return ready.next();
        }

        private Iterator<Row> nextBatch() {
            List<Row> batch = new ArrayList<>(batchSize);
            while (batch.size() < batchSize && rows.hasNext()) {
                batch.add(rows.next());
            }
            Tensor features = input.features(batch, index);
            float[][] probabilities = Predictions.probabilities(Predictions.outputs(network, features));
            List<Row> out = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                Row row = batch.get(i);
                Object[] values = new Object[row.length() + 2];
                for (int c = 0; c < row.length(); c++) {
                    values[c] = row.get(c);
                }
                values[row.length()] = Predictions.argmax(probabilities[i]);
                values[row.length() + 1] = boxed(probabilities[i]);
                out.add(RowFactory.create(values));
            }
            return out.iterator();
        }
    }

    private static Float[] boxed(float[] values) {
        Float[] out = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** The networks this JVM has loaded, by broadcast: an executor reads each broadcast model file once. */
    static final class LoadedNetworks {
        private static final Map<Long, Layer> NETWORKS = new ConcurrentHashMap<>();

        private LoadedNetworks() {
        }

        static Layer get(Broadcast<byte[]> modelFile) {
            return NETWORKS.computeIfAbsent(modelFile.id(), id -> {
                try {
                    Path file = Files.createTempFile("nabla-inference", ".nabla");
                    try {
                        Files.write(file, modelFile.value());
                        return ModelFile.load(file).model();
                    } finally {
                        Files.deleteIfExists(file);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot load the broadcast model: " + e.getMessage(), e);
                }
            });
        }
    }
}
