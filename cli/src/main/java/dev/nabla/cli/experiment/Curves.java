package dev.nabla.cli.experiment;

import dev.nabla.train.History;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Draws a run's curves into one PNG with XChart: a chart per quantity (loss, then each
 * metric), each with its training and {@code val_} curves over the epochs, and the learning
 * rate's when it changed during the run.
 */
public final class Curves {

    private static final int WIDTH = 560;
    private static final int HEIGHT = 380;
    private static final String LEARNING_RATE = "learning_rate";

    private Curves() {
    }

    /** Writes the charts of {@code history} to {@code file}. */
    public static void write(History history, Path file) throws IOException {
        // Drawing needs no screen; without this, AWT may look for one where DISPLAY is set.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        List<Double> epochs = history.epochs().stream().map(e -> e + 1.0).toList();
        Map<String, List<Double>> values = history.values();
        List<XYChart> charts = new ArrayList<>();
        for (String key : values.keySet()) {
            String quantity = key.startsWith("val_") ? key.substring(4) : key;
            if (key.startsWith("val_") && values.containsKey(quantity)
                    || key.equals(LEARNING_RATE) && values.get(key).stream().distinct().count() < 2) {
                continue;
            }
            XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(quantity)
                    .xAxisTitle("epoch").yAxisTitle(quantity).build();
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS)
                    .setLegendLayout(Styler.LegendLayout.Horizontal).setChartBackgroundColor(Color.WHITE);
            if (values.containsKey(quantity)) {
                chart.addSeries(key.equals(LEARNING_RATE) ? "learning rate" : "training", epochs, values.get(quantity));
            }
            if (values.containsKey("val_" + quantity)) {
                chart.addSeries("validation", epochs, values.get("val_" + quantity));
            }
            charts.add(chart);
        }
        if (charts.isEmpty()) {
            return;
        }
        if (charts.size() > 1 && charts.size() % 2 == 1) {
            // XChart fills every cell of the grid: an odd count gets a blank last cell.
            XYChart blank = new XYChartBuilder().width(WIDTH).height(HEIGHT).build();
            blank.getStyler().setAxisTicksVisible(false);
            blank.getStyler().setPlotGridLinesVisible(false);
            blank.getStyler().setChartBackgroundColor(Color.WHITE).setPlotBackgroundColor(Color.WHITE)
                    .setPlotBorderVisible(false).setLegendVisible(false);
            charts.add(blank);
        }
        int columns = Math.min(2, charts.size());
        int rows = (charts.size() + columns - 1) / columns;
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(charts, rows, columns, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
