package dev.nabla.data.text;

import java.util.Arrays;
import java.util.List;

/**
 * Source and target texts in pairs, for sequence-to-sequence tasks (a translation corpus's
 * sentence pairs): pair i is {@code sources.get(i)} → {@code targets.get(i)}.
 *
 * <pre>{@code
 * SequencePairs pairs = NumberWords.pairs(1000, 999_999, 1);   // "three hundred twelve" → "312", ...
 * SequencePairs test = pairs.slice(900, 1000);
 * }</pre>
 *
 * @param sources the source texts
 * @param targets the target texts, as many as the sources
 */
public record SequencePairs(List<String> sources, List<String> targets) {

    /** Checks that every source has a target and no text is null; copies the lists. */
    public SequencePairs {
        if (sources == null || targets == null || sources.size() != targets.size()) {
            throw new IllegalArgumentException("SequencePairs: give as many targets as sources, got "
                    + (sources == null ? "no" : sources.size()) + " sources and "
                    + (targets == null ? "no" : targets.size()) + " targets");
        }
        sources = List.copyOf(sources);
        targets = List.copyOf(targets);
    }

    /** The number of pairs. */
    public int size() {
        return sources.size();
    }

    /** Pairs {@code from} (included) to {@code to} (excluded). */
    public SequencePairs slice(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IndexOutOfBoundsException("SequencePairs.slice: [" + from + ", " + to + ") is not within the "
                    + size() + " pairs");
        }
        return new SequencePairs(sources.subList(from, to), targets.subList(from, to));
    }

    /** The pairs at these indices, in this order. */
    public SequencePairs subset(int... indices) {
        return new SequencePairs(Arrays.stream(indices).mapToObj(sources::get).toList(),
                Arrays.stream(indices).mapToObj(targets::get).toList());
    }
}
