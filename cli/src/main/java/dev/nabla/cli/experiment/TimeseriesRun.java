package dev.nabla.cli.experiment;

import dev.nabla.data.Split;
import dev.nabla.data.TensorDataset;
import dev.nabla.data.series.SeasonalNaive;
import dev.nabla.data.series.SeriesScaler;
import dev.nabla.data.series.TimeseriesDataset;
import dev.nabla.nn.Layer;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a forecasting experiment on a series ({@code data.timeseries}). The last
 * {@code test_split} of the steps are the test targets, each forecast from the window before it
 * (which may reach back into the training steps: those values are known at forecast time). The
 * training windows lie wholly before the test steps; {@code validation_split} takes the last of
 * them, in time order, to validate on. The scaling is fitted on the steps the training windows
 * (not the validation ones) cover. A window is {@code [window, columns]}, its target
 * {@code [1]}, both scaled; with a {@code season}, the seasonal-naive forecast's test MAE is
 * printed beside the model's, in the scaled units of the model's metrics and in the series' own.
 */
final class TimeseriesRun {

    private TimeseriesRun() {
    }

    /** The windows for training and testing, the scaler, and what the baseline needs. */
    private record Prepared(Split split, SeriesScaler scaler, float[] target, int[] testPositions) {
    }

    static Map<String, Double> run(Experiment experiment, PrintWriter out) throws IOException {
        TimeseriesSpec spec = experiment.data().timeseries();
        Prepared prepared = prepare(experiment);
        int[] sampleShape = sampleShape(spec);
        Layer network = ExperimentRun.build(experiment, sampleShape);
        out.printf(Locale.ROOT, "%s: %d steps; windows of %d steps, target '%s' %d step(s) after each; the last %d"
                        + " steps are forecast in the test%n", spec.file(), prepared.target().length, spec.window(),
                spec.target(), spec.horizon(), prepared.testPositions().length);
        Map<String, Double> test = ExperimentRun.trainAndTest(experiment, network, prepared.split(), sampleShape,
                null, TimeseriesModelInputs.trainingState(spec, prepared.scaler()), out);
        float targetScale = prepared.scaler().scale()[spec.columns().size()];
        if (test.containsKey("mae")) {
            out.printf(Locale.ROOT, "model: test mae %.4f in the series' units%n", test.get("mae") * targetScale);
        }
        if (spec.season() > 0) {
            double naive = new SeasonalNaive(spec.season(), spec.horizon()).meanAbsoluteError(prepared.target(),
                    prepared.testPositions());
            out.printf(Locale.ROOT, "baseline (seasonal naive, season %d): test mae %.4f in the series' units, %.4f"
                    + " scaled%n", spec.season(), naive, naive / targetScale);
        }
        out.flush();
        return test;
    }

    /** One window's shape, {@code [window, columns]}. */
    static int[] sampleShape(TimeseriesSpec spec) {
        return new int[] {spec.window(), spec.columns().size()};
    }

    private static Prepared prepare(Experiment experiment) throws IOException {
        TimeseriesSpec spec = experiment.data().timeseries();
        float[][] columns = spec.read(experiment.data().limit());
        int steps = columns[0].length;
        int testSteps = (int) Math.ceil(spec.testSplit() * steps);
        int context = spec.window() + spec.horizon() - 1;
        int trainSteps = steps - testSteps;
        if (trainSteps < context + 1) {
            throw spec.node().error("a window of " + spec.window() + " steps and a target " + spec.horizon()
                    + " step(s) after it need " + (context + 1) + " steps before the test, but " + spec.file()
                    + " has " + steps + " steps of which " + testSteps + " are held out (test_split "
                    + spec.testSplit() + "), leaving " + trainSteps + "; shorten the window or lower test_split");
        }
        Tensor raw = table(columns);
        int windows = (trainSteps - context - 1) / spec.stride() + 1;
        int trainingWindows = windows - (int) Math.floor(windows * (double) experiment.data().validationSplit());
        int fitSteps = (trainingWindows - 1) * spec.stride() + context + 1;
        SeriesScaler scaler = spec.scaling() ? SeriesScaler.fit(raw.slice(0, 0, fitSteps))
                : new SeriesScaler(new float[columns.length], filled(columns.length));
        Tensor scaled = scaler.transform(raw);
        int inputs = spec.columns().size();
        Tensor series = scaled.slice(1, 0, inputs).contiguous();
        Tensor target = scaled.slice(1, inputs, inputs + 1).contiguous();
        TensorDataset train = TimeseriesDataset.forecasting(series.slice(0, 0, trainSteps),
                target.slice(0, 0, trainSteps), spec.window(), spec.horizon(), spec.stride()).toTensorDataset();
        int testStart = trainSteps - context;
        TimeseriesDataset testWindows = TimeseriesDataset.forecasting(series.slice(0, testStart, steps),
                target.slice(0, testStart, steps), spec.window(), spec.horizon(), 1);
        int[] positions = Arrays.stream(testWindows.targetPositions()).map(p -> p + testStart).toArray();
        return new Prepared(new Split(train, testWindows.toTensorDataset()), scaler, columns[inputs], positions);
    }

    /** {@code [steps, columns]} from {@code values[column][step]}. */
    private static Tensor table(float[][] columns) {
        int steps = columns[0].length;
        float[] values = new float[steps * columns.length];
        for (int t = 0; t < steps; t++) {
            for (int j = 0; j < columns.length; j++) {
                values[t * columns.length + j] = columns[j][t];
            }
        }
        return Tensor.of(values, steps, columns.length);
    }

    private static float[] filled(int count) {
        float[] ones = new float[count];
        Arrays.fill(ones, 1f);
        return ones;
    }
}
