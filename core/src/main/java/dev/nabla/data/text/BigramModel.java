package dev.nabla.data.text;

/**
 * The baseline of a language model: the probability of each token given only the one before
 * it, counted in the training stream with add-{@code k} (Lidstone) smoothing,
 * {@code P(b | a) = (count(a, b) + k) / (count(a) + k · V)}. A model that reads further back
 * (a recurrent network) should need fewer bits per token on held-out text.
 *
 * <pre>{@code
 * BigramModel bigrams = BigramModel.fit(trainIds, vocabulary.size(), 0.1);
 * double bits = bigrams.bitsPerToken(validationIds);
 * }</pre>
 */
public final class BigramModel {

    private final double[][] counts;
    private final double[] totals;
    private final double smoothing;

    private BigramModel(double[][] counts, double[] totals, double smoothing) {
        this.counts = counts;
        this.totals = totals;
        this.smoothing = smoothing;
    }

    /**
     * Counts the pairs of consecutive ids of {@code ids}, each in {@code [0, vocabularySize)}.
     *
     * @param smoothing the {@code k} added to every pair's count; above 0 so no pair has probability 0
     */
    public static BigramModel fit(int[] ids, int vocabularySize, double smoothing) {
        if (vocabularySize < 1 || !(smoothing > 0)) {
            throw new IllegalArgumentException("BigramModel: the vocabulary needs at least 1 token and the smoothing"
                    + " must be above 0, got " + vocabularySize + " and " + smoothing);
        }
        if (ids.length < 2) {
            throw new IllegalArgumentException("BigramModel: a stream of " + ids.length + " id(s) holds no pair");
        }
        double[][] counts = new double[vocabularySize][vocabularySize];
        double[] totals = new double[vocabularySize];
        for (int i = 0; i + 1 < ids.length; i++) {
            check(ids, i, vocabularySize);
            check(ids, i + 1, vocabularySize);
            counts[ids[i]][ids[i + 1]]++;
            totals[ids[i]]++;
        }
        return new BigramModel(counts, totals, smoothing);
    }

    /** {@code P(next | previous)}. */
    public double probability(int previous, int next) {
        return (counts[previous][next] + smoothing) / (totals[previous] + smoothing * counts.length);
    }

    /** The mean of {@code −log2 P(ids[i + 1] | ids[i])} over the stream's pairs: bits per token. */
    public double bitsPerToken(int[] ids) {
        if (ids.length < 2) {
            throw new IllegalArgumentException("BigramModel: a stream of " + ids.length + " id(s) holds no pair");
        }
        double bits = 0;
        for (int i = 0; i + 1 < ids.length; i++) {
            check(ids, i, counts.length);
            check(ids, i + 1, counts.length);
            bits -= Math.log(probability(ids[i], ids[i + 1])) / Math.log(2);
        }
        return bits / (ids.length - 1);
    }

    private static void check(int[] ids, int position, int vocabularySize) {
        if (ids[position] < 0 || ids[position] >= vocabularySize) {
            throw new IllegalArgumentException("BigramModel: id " + ids[position] + " at position " + position
                    + " is outside the vocabulary of " + vocabularySize);
        }
    }
}
