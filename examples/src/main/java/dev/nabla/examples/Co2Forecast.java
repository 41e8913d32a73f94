package dev.nabla.examples;

import dev.nabla.data.series.SeasonalNaive;
import dev.nabla.data.series.SeriesScaler;
import dev.nabla.data.series.TimeseriesDataset;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Layer;
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
 * training months only, a small dense network on the flattened window. It prints the test MAE
 * in parts per million next to the seasonal-naive forecast's (the same month a year before).
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

    /** Trains and tests; returns the test MAE of the model and of the seasonal-naive forecast, in ppm. */
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

        Layer.manualSeed(1);
        Model model = new Model(new Sequential(new Flatten(), new Dense(32), new Relu(), new Dense(1)));
        model.compile(parameters -> new Adam(parameters, 0.001f), Losses.byName("mse"), Metrics.byName("mae"));
        model.fit(train.toTensorDataset(), FitOptions.defaults().epochs(options.epochs()).batchSize(32)
                .shuffle(true, 1).verbose(false));
        Tensor testSet = test.toTensorDataset().features();
        float[] forecasts = scaler.inverse(model.predict(testSet), 0).toFloatArray();
        int[] positions = Arrays.stream(test.targetPositions()).map(p -> p + testStart).toArray();
        double modelError = 0;
        for (int i = 0; i < positions.length; i++) {
            modelError += Math.abs(forecasts[i] - co2[positions[i]]) / positions.length;
        }
        double naiveError = new SeasonalNaive(SEASON, 1).meanAbsoluteError(co2, positions);
        System.out.printf(Locale.ROOT, "%d test months: model test MAE %.3f ppm, seasonal naive %.3f ppm%n",
                positions.length, modelError, naiveError);
        Map<String, Double> errors = new LinkedHashMap<>();
        errors.put("model", modelError);
        errors.put("seasonal_naive", naiveError);
        return errors;
    }
}
