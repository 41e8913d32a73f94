package dev.nabla.examples;

import dev.nabla.data.TensorDataset;
import dev.nabla.data.series.SeasonalNaive;
import dev.nabla.data.series.SeriesScaler;
import dev.nabla.data.series.TimeseriesDataset;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Lstm;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Adam;
import dev.nabla.loss.Losses;
import dev.nabla.metrics.Metrics;
import dev.nabla.tabular.Csv;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.FitOptions;
import dev.nabla.train.Model;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Forecasting the monthly CO2 concentration at Mauna Loa one month ahead
 * ({@code examples/data/co2-mauna-loa.csv}, Scripps CO2 Program, CC BY 4.0): windows of 24
 * months, the last 20 percent of the months forecast in the test, the scaling fitted on the
 * training months only. Two models: a small dense network on the flattened window, and an
 * LSTM that reads the window month by month, relative to its last month. It prints their test
 * MAEs in parts per million next to the seasonal-naive forecast's (the same month a year before).
 *
 * <pre>
 * mvn -q -B -pl examples -am package -DskipTests
 * java --add-modules jdk.incubator.vector -cp core/target/classes:tabular/target/classes:examples/target/classes:$HOME/.m2/repository/de/siegmar/fastcsv/4.4.0/fastcsv-4.4.0.jar \
 *      dev.nabla.examples.Co2Forecast [--epochs 60] [--limit MONTHS]
 * </pre>
 */
public final class Co2Forecast {

    static final int WINDOW = 24;
    static final int SEASON = 12;

    private Co2Forecast() {
    }

    public static void main(String[] args) throws IOException {
        run(ExampleOptions.parse(args, 60));
    }

    /** Trains and tests; returns the test MAEs of the dense network, the LSTM and the seasonal naive, in ppm. */
    static Map<String, Double> run(ExampleOptions options) throws IOException {
        double[] readings = Csv.read(ExampleData.file("co2-mauna-loa.csv")).numeric("CO2").values();
        int months = options.limit() > 0 ? Math.min(options.limit(), readings.length) : readings.length;
        float[] co2 = new float[months];
        for (int t = 0; t < months; t++) {
            co2[t] = (float) readings[t];
        }
        int testMonths = (int) Math.ceil(0.2 * months);
        int trainMonths = months - testMonths;
        Tensor series = Tensor.of(co2, months, 1);                   // [months, 1]: one column
        SeriesScaler scaler = SeriesScaler.fit(series.slice(0, 0, trainMonths));
        Tensor scaled = scaler.transform(series);
        TimeseriesDataset train = TimeseriesDataset.forecasting(scaled.slice(0, 0, trainMonths), WINDOW, 1, 1);
        // the test windows reach back into the training months, so that every test month is forecast
        int testStart = trainMonths - WINDOW;
        TimeseriesDataset test = TimeseriesDataset.forecasting(scaled.slice(0, testStart, months), WINDOW, 1, 1);
        TensorDataset trainSet = train.toTensorDataset();
        TensorDataset testSet = test.toTensorDataset();
        int[] positions = Arrays.stream(test.targetPositions()).map(p -> p + testStart).toArray();
        Layer.manualSeed(1);
        double denseError = meanAbsoluteError(new Sequential(new Flatten(), new Dense(32), new Relu(), new Dense(1)),
                0.001f, options.epochs(), trainSet, testSet, false, scaler, co2, positions);
        Layer.manualSeed(1);
        // [batch, 24, 1]: 24 steps of one feature -> the last hidden state [batch, 32] -> the forecast.
        // Relative to each window's last month: a tanh state cannot reach the test years' levels,
        // higher than any training month, but the change from the last month it can.
        double lstmError = meanAbsoluteError(new Sequential(new Lstm(32), new Dense(1)),
                0.003f, options.epochs(), trainSet, testSet, true, scaler, co2, positions);
        double naiveError = new SeasonalNaive(SEASON, 1).meanAbsoluteError(co2, positions);
        System.out.printf(Locale.ROOT, "%d test months: dense test MAE %.3f ppm, LSTM %.3f ppm,"
                + " seasonal naive %.3f ppm%n", positions.length, denseError, lstmError, naiveError);
        Map<String, Double> errors = new LinkedHashMap<>();
        errors.put("dense", denseError);
        errors.put("lstm", lstmError);
        errors.put("seasonal_naive", naiveError);
        return errors;
    }

    /**
     * Fits the network on the training windows and returns its test MAE in ppm; {@code relative}
     * subtracts each window's last value from the window and from its target, and adds it back
     * to the forecast.
     */
    private static double meanAbsoluteError(Sequential network, float learningRate, int epochs, TensorDataset train,
            TensorDataset test, boolean relative, SeriesScaler scaler, float[] co2, int[] positions) {
        Model model = new Model(network);
        model.compile(parameters -> new Adam(parameters, learningRate), Losses.byName("mse"), Metrics.byName("mae"));
        model.fit(relative ? relativeToLast(train) : train, FitOptions.defaults().epochs(epochs).batchSize(32)
                .shuffle(true, 1).verbose(false));
        Tensor testWindows = test.features();
        Tensor predictions = relative
                ? model.predict(relativeToLast(test).features()).add(lastValues(testWindows))
                : model.predict(testWindows);
        float[] forecasts = scaler.inverse(predictions, 0).toFloatArray();
        double error = 0;
        for (int i = 0; i < positions.length; i++) {
            error += Math.abs(forecasts[i] - co2[positions[i]]) / positions.length;
        }
        return error;
    }

    /** The windows [n, steps, 1] and targets [n, 1] less each window's last value. */
    private static TensorDataset relativeToLast(TensorDataset windows) {
        Tensor last = lastValues(windows.features());
        return new TensorDataset(windows.features().sub(last.unsqueeze(1)), windows.targets().sub(last));
    }

    /** Each window's last value, [n, 1]. */
    private static Tensor lastValues(Tensor windows) {
        int steps = windows.shape().dim(1);
        return windows.slice(1, steps - 1, steps).squeeze(1);
    }
}
