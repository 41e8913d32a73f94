package dev.nabla.cli.tune;

import dev.nabla.tune.Direction;
import dev.nabla.tune.Parameter;
import dev.nabla.tune.SearchSpace;
import dev.nabla.tune.Trial;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The parallel-coordinates view of a study: one vertical axis per searched parameter and a
 * last one for the objective, every trial a line across them. Each axis runs from 0 (the low
 * end of its range, or the first choice) to 1 (the high end, or the last choice), the unit
 * coordinates the model-based searches use (log ranges on a log scale); the objective axis spans the trials' own objectives. Lines run
 * from grey (the worst trials) to blue (the best), the best trial in red on top; a parameter a
 * trial does not have (a conditional one) leaves a gap in its line. Each axis carries the last
 * part of its key path (the table and results.csv have the whole paths).
 */
final class ParallelCoordinates {

    private static final Color WORST = new Color(205, 205, 205);
    private static final Color GOOD = new Color(40, 90, 200);
    private static final Color BEST = new Color(215, 40, 40);

    private ParallelCoordinates() {
    }

    /** Where {@code value} sits on the axis of {@code parameter}, in [0, 1]; NaN when absent. */
    static double position(Parameter parameter, Object value) {
        if (value == null) {
            return Double.NaN;
        }
        return switch (parameter) {
            case Parameter.FloatRange range -> unit(range, value);
            case Parameter.IntRange range -> unit(range, value);
            case Parameter.Choice choice -> choice.values().size() == 1 ? 0.5
                    : (double) choice.values().indexOf(value) / (choice.values().size() - 1);
            case Parameter.Fixed fixed -> 0.5;
        };
    }

    /** A range's own unit coordinate, as the model-based searches see it. */
    private static double unit(Parameter range, Object value) {
        double[] unit = new double[1];
        range.encode(value, unit, 0);
        return unit[0];
    }

    /** The chart of the scored trials over the entries that are searched (fixed ones left out). */
    static XYChart chart(List<SearchSpace.Entry> entries, List<Trial> scored, String metric, Direction direction) {
        List<SearchSpace.Entry> axes = entries.stream()
                .filter(entry -> !(entry.parameter() instanceof Parameter.Fixed)).toList();
        List<String> names = new ArrayList<>(axes.stream().map(SearchSpace.Entry::name).toList());
        names.add(metric);
        XYChart chart = new XYChartBuilder().width(560).height(380).title("parallel coordinates (best in red)")
                .xAxisTitle("each searched parameter, then the objective").yAxisTitle("position in range").build();
        XYStyler styler = chart.getStyler();
        styler.setLegendVisible(false);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setXAxisMin(-0.35);
        styler.setXAxisMax(names.size() - 0.65);
        styler.setYAxisMin(-0.07);
        styler.setYAxisMax(1.07);
                styler.setXAxisTicksVisible(false);
        for (int axis = 0; axis < names.size(); axis++) {
            String name = names.get(axis);
            // The key path's last part names the axis: "learning_rate" for training.optimizer.learning_rate.
            String label = name.substring(name.lastIndexOf('.') + 1);
            chart.addAnnotation(new AnnotationText(label, axis, axis % 2 == 0 ? 1.035 : -0.035, false));
        }
        double lowest = scored.stream().mapToDouble(Trial::objective).min().orElse(0);
        double highest = scored.stream().mapToDouble(Trial::objective).max().orElse(0);
        List<Trial> order = new ArrayList<>(scored);
        // Worst first, so the best lines are drawn over the others.
        order.sort(Comparator.comparingDouble((Trial trial) -> direction.loss(trial.objective())).reversed());
        for (int i = 0; i < order.size(); i++) {
            Trial trial = order.get(i);
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int axis = 0; axis < axes.size(); axis++) {
                SearchSpace.Entry entry = axes.get(axis);
                x.add((double) axis);
                y.add(position(entry.parameter(), trial.parameters().get(entry.name())));
            }
            x.add((double) axes.size());
            y.add(highest > lowest ? (trial.objective() - lowest) / (highest - lowest) : 0.5);
            XYSeries series = chart.addSeries("trial " + trial.number(), x, y);
            boolean best = i == order.size() - 1;
            double goodness = order.size() == 1 ? 1 : (double) i / (order.size() - 1);
            Color colour = best ? BEST : blend(WORST, GOOD, goodness);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setMarkerColor(colour);
            series.setLineColor(colour);
            series.setLineStyle(new BasicStroke(best ? 2.5f : 1.2f));
        }
        return chart;
    }

    private static Color blend(Color from, Color to, double share) {
        return new Color((int) Math.round(from.getRed() + share * (to.getRed() - from.getRed())),
                (int) Math.round(from.getGreen() + share * (to.getGreen() - from.getGreen())),
                (int) Math.round(from.getBlue() + share * (to.getBlue() - from.getBlue())));
    }
}
