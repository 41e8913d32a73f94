package dev.nabla.cli.experiment;

import dev.nabla.data.Dataset;
import dev.nabla.train.LearningRateFinder;
import dev.nabla.train.Model;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/**
 * {@code nabla lr-find}: the experiment's data and model, prepared as {@code train} prepares them,
 * but instead of training, the learning-rate range test ({@link LearningRateFinder}) on the
 * training examples; writes its plot and prints the suggested rate. The experiment runs as
 * usual up to the point where training would start, with this search in scope
 * ({@link ExperimentRun} asks {@link #active()}), so every kind of experiment file is covered.
 *
 * @param start the sweep's first learning rate
 * @param end   its last
 * @param steps updates in the sweep
 * @param plot  the PNG to write
 */
public record LearningRateSearch(double start, double end, int steps, Path plot) {

    private static final ScopedValue<LearningRateSearch> ACTIVE = ScopedValue.newInstance();

    /** Runs {@code experiment} up to training, then this search; returns the suggestions by name. */
    public Map<String, Double> run(Experiment experiment, PrintWriter out) throws IOException {
        if (experiment.model().generative() != null) {
            throw new IllegalArgumentException("lr-find needs a model trained by one loss; a generative model (GAN, VAE)"
                    + " trains its own way");
        }
        return ScopedValue.where(ACTIVE, this).call(() -> ExperimentRun.run(experiment, out));
    }

    /** The search in scope, or null while training as usual. */
    static LearningRateSearch active() {
        return ACTIVE.isBound() ? ACTIVE.get() : null;
    }

    /** The sweep on {@code training}; writes the plot, prints the suggestion. */
    Map<String, Double> search(Model model, Dataset training, int batchSize, long seed, PrintWriter out)
            throws IOException {
        out.printf(Locale.ROOT, "learning-rate range test: %d updates from %.3g to %.3g, batches of %d%n", steps, start,
                end, batchSize);
        out.flush();
        LearningRateFinder.Result result = new LearningRateFinder(model).range(start, end).steps(steps)
                .batches(batchSize, seed).run(training);
        write(result, plot);
        out.printf(Locale.ROOT, "tried %d rates; the smoothed loss fell fastest at %.3g (suggested learning rate);"
                + " its lowest / 10: %.3g%n", result.learningRates().size(), result.suggestion(), result.minimumTenth());
        out.println("wrote " + plot);
        out.flush();
        return Map.of("suggested_learning_rate", result.suggestion(), "minimum_tenth", result.minimumTenth());
    }

    /** The loss and smoothed loss against the rate (log scale), with the suggestion marked. */
    public static void write(LearningRateFinder.Result result, Path file) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        XYChart chart = new XYChartBuilder().width(720).height(440).title("learning-rate range test")
                .xAxisTitle("learning rate").yAxisTitle("loss").build();
        chart.getStyler().setXAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.InsideNE)
                .setChartBackgroundColor(Color.WHITE).setMarkerSize(0);
        List<Double> rates = result.learningRates();
        List<Double> smoothed = result.smoothedLosses();
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double value : smoothed) {
            if (Double.isFinite(value)) {
                high = Math.max(high, value);
            }
        }
        for (double value : result.losses().subList(0, Math.max(1, result.losses().size() * 3 / 4))) {
            if (Double.isFinite(value)) {
                low = Math.min(low, value);
                high = Math.max(high, value);
            }
        }
        high = Math.min(high, smoothed.getFirst() * 1.5 + 1e-9);   // the divergence would flatten the rest
        chart.getStyler().setYAxisMin(low - 0.05 * (high - low)).setYAxisMax(high);
        List<Double> losses = new ArrayList<>();
        result.losses().forEach(loss -> losses.add(Double.isFinite(loss) ? loss : Double.NaN));
        chart.addSeries("loss", rates, losses).setLineColor(new Color(0xb0c4de));
        chart.addSeries("smoothed loss", rates, finite(smoothed)).setLineColor(new Color(0x1f77b4));
        XYSeries suggestion = chart.addSeries(String.format(Locale.ROOT, "suggested %.2g", result.suggestion()),
                List.of(result.suggestion(), result.suggestion()), List.of(low, high));
        suggestion.setLineColor(new Color(0xd62728));
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    private static List<Double> finite(List<Double> values) {
        return values.stream().map(v -> Double.isFinite(v) ? v : Double.NaN).toList();
    }
}
