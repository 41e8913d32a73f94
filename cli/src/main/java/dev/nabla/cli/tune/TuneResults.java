package dev.nabla.cli.tune;

import dev.nabla.io.JsonWriter;
import dev.nabla.tune.Direction;
import dev.nabla.tune.Parameter;
import dev.nabla.tune.SearchSpace;
import dev.nabla.tune.Study;
import dev.nabla.tune.StudyFile;
import dev.nabla.tune.Trial;
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
import java.util.Optional;
import java.util.stream.Collectors;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * What a study leaves behind: {@code results.csv} and {@code results.json} (one row per
 * trial: number, configuration, rung, epochs, status, objective, epochs used, seconds,
 * parameters), {@code best.yaml} (the experiment with the best configuration, ready for
 * {@code nabla train}), {@code study.png} (the objective by trial with the running best,
 * against each parameter, and a parallel-coordinates view of all of them), and
 * the table on the console.
 */
final class TuneResults {

    static final List<String> FILES = List.of("study.json", "results.csv", "results.json", "best.yaml", "study.png");

    private TuneResults() {
    }

    /** Writes the files into {@code directory} and prints the table and the best trial. */
    static Optional<Trial> write(Path directory, TuneSpec spec, List<Trial> trials, TrialRunner runner,
                                 String bestOutput, PrintWriter out) throws IOException {
        List<String> names = spec.space().names();
        List<String> header = new ArrayList<>(List.of("trial", "config", "rung", "epochs", "status", spec.metric(),
                "epochs_used", "seconds"));
        header.addAll(names);
        List<List<String>> rows = new ArrayList<>();
        for (Trial trial : trials) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(trial.number()), String.valueOf(trial.config()),
                    String.valueOf(trial.rung()), trial.epochs() == 0 ? "" : String.valueOf(trial.epochs()),
                    trial.status().name().toLowerCase(Locale.ROOT),
                    Double.isNaN(trial.objective()) ? "" : String.format(Locale.ROOT, "%.6g", trial.objective()),
                    String.valueOf(trial.epochsUsed()), String.format(Locale.ROOT, "%.1f", trial.seconds())));
            for (String name : names) {
                row.add(trial.parameters().containsKey(name) ? format(trial.parameters().get(name)) : "");
            }
            rows.add(row);
        }
        Files.writeString(directory.resolve("results.csv"), String.join(",", header) + "\n" + rows.stream()
                .map(r -> r.stream().map(TuneResults::csvCell).collect(Collectors.joining(",")) + "\n")
                .collect(Collectors.joining()));
        Files.writeString(directory.resolve("results.json"),
                JsonWriter.writeIndented(trials.stream().map(StudyFile::toMap).toList()));
        printTable(header, rows, out);
        chart(trials, spec, directory.resolve("study.png"));
        Optional<Trial> best = Study.best(trials, spec.direction());
        if (best.isPresent()) {
            Map<String, Object> experiment = runner.experiment(best.get().parameters(), best.get().epochs(),
                    Path.of(bestOutput));
            Files.writeString(directory.resolve("best.yaml"), "# The best configuration of " + directory
                    + " (trial " + best.get().number() + ", " + spec.metric() + " "
                    + String.format(Locale.ROOT, "%.6g", best.get().objective()) + ").\n"
                    + "# Relative data paths start from the tuned file's directory.\n"
                    + TrialRunner.yaml(experiment));
            out.printf(Locale.ROOT, "best: trial %d, %s %.6g, %s%n", best.get().number(), spec.metric(),
                    best.get().objective(), best.get().parameters());
        } else {
            out.println("no trial finished with an objective");
        }
        long failed = trials.stream().filter(t -> t.status() == Trial.Status.FAILED).count();
        int epochs = trials.stream().mapToInt(Trial::epochsUsed).sum();
        out.printf(Locale.ROOT, "%d trials (%d failed)%s%n", trials.size(), failed,
                epochs > 0 ? ", " + epochs + " training epochs in all" : "");
        out.println("wrote " + directory + ": " + String.join(", ", best.isPresent() ? FILES
                : FILES.stream().filter(f -> !f.equals("best.yaml")).toList()));
        out.flush();
        return best;
    }

    private static void printTable(List<String> header, List<List<String>> rows, PrintWriter out) {
        int[] widths = new int[header.size()];
        for (int c = 0; c < header.size(); c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                line.append(c == 0 ? "" : "  ").append(String.format("%-" + widths[c] + "s", row.get(c)));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /**
     * The objective of each scored trial with the running best against the trial number, then the
     * objective against each parameter (a log range on a log axis, a choice by its position).
     */
    private static void chart(List<Trial> trials, TuneSpec spec, Path file) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        List<Trial> scored = trials.stream().filter(Trial::scored).toList();
        if (scored.isEmpty()) {
            return;
        }
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<Double> best = new ArrayList<>();
        double running = Double.NaN;
        for (Trial trial : scored) {
            x.add((double) trial.number());
            y.add(trial.objective());
            if (Double.isNaN(running) || spec.direction().loss(trial.objective()) < spec.direction().loss(running)) {
                running = trial.objective();
            }
            best.add(running);
        }
        List<XYChart> charts = new ArrayList<>();
        XYChart byTrial = chart(spec.algorithm() + " search", "trial", spec.metric());
        byTrial.addSeries("trials", x, y).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        byTrial.addSeries(spec.direction() == Direction.MINIMIZE ? "lowest so far" : "highest so far", x, best)
                .setMarker(SeriesMarkers.NONE);
        charts.add(byTrial);
        for (SearchSpace.Entry entry : spec.space().entries()) {
            if (entry.parameter() instanceof Parameter.Fixed) {
                continue;
            }
            List<Double> values = new ArrayList<>();
            List<Double> objectives = new ArrayList<>();
            for (Trial trial : scored) {
                Object value = trial.parameters().get(entry.name());
                if (value != null) {
                    values.add(entry.parameter() instanceof Parameter.Choice choice
                            ? (double) choice.values().indexOf(value) : ((Number) value).doubleValue());
                    objectives.add(trial.objective());
                }
            }
            if (values.isEmpty()) {
                continue;
            }
            XYChart chart = chart(entry.name(), entry.parameter() instanceof Parameter.Choice choice
                    ? entry.name() + " " + choice.values() : entry.name(), spec.metric());
            chart.getStyler().setXAxisLogarithmic(entry.parameter() instanceof Parameter.FloatRange f && f.log()
                    || entry.parameter() instanceof Parameter.IntRange i && i.log());
            chart.addSeries("trials", values, objectives).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            charts.add(chart);
        }
        if (charts.size() > 1) {
            charts.add(ParallelCoordinates.chart(spec.space().entries(), scored, spec.metric(), spec.direction()));
        }
        int columns = Math.min(2, charts.size());
        while (charts.size() % columns != 0) {
            XYChart blank = chart("", "", "");
            blank.getStyler().setAxisTicksVisible(false);
            blank.getStyler().setPlotGridLinesVisible(false).setPlotBorderVisible(false).setLegendVisible(false);
            charts.add(blank);
        }
        try (OutputStream stream = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(charts, charts.size() / columns, columns, stream, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(560).height(380).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS)
                .setLegendLayout(Styler.LegendLayout.Horizontal).setChartBackgroundColor(Color.WHITE);
        return chart;
    }

    private static String format(Object value) {
        return value instanceof Double d ? String.format(Locale.ROOT, "%.6g", d) : String.valueOf(value);
    }

    private static String csvCell(String cell) {
        return cell.contains(",") || cell.contains("\"") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }
}
