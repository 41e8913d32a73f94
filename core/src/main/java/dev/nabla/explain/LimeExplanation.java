package dev.nabla.explain;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What LIME found: one weight per feature (a tabular column, or an image's segment) of the
 * surrogate linear model fitted around the instance, its intercept and its weighted R²
 * ({@code score}, how well a line describes the model there; lime's {@code score}).
 *
 * @param names the features' names ({@code x0, x1, ...} unless given; {@code segment 3} for images)
 */
public record LimeExplanation(List<String> names, double[] weights, double intercept, double score) {

    /** One feature's weight. */
    public record Feature(int index, String name, double weight) {
    }

    /** The {@code k} features of largest absolute weight, largest first (lime's {@code as_list}). */
    public List<Feature> top(int k) {
        return IntStream.range(0, weights.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -Math.abs(weights[i])).thenComparing(i -> i))
                .limit(k).map(i -> new Feature(i, names.get(i), weights[i])).toList();
    }
}
