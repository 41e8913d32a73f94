package dev.nabla.nn;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * How a sequence is read off a model one token at a time: greedy (the most probable token at each
 * step) or beam search (the {@code width} most probable prefixes kept at each step, Hugging Face's
 * {@code num_beams}: a source is done once {@code width} hypotheses have ended and no live
 * prefix scores better than the worst of them). Hypotheses are ranked by their summed log-probability divided by
 * {@code length^lengthPenalty} (Hugging Face's {@code length_penalty}, 1 by default; 0 ranks by
 * the sum, which favours short sequences). Beam width 1 gives exactly the greedy sequence.
 *
 * <pre>{@code
 * List<Decoding.Hypothesis> best = Decoding.beam(4).decode(scores, sources, START, END, 20);
 * }</pre>
 */
public final class Decoding {

    /** The model's side of decoding. */
    @FunctionalInterface
    public interface NextTokenScores {

        /**
         * Log-probabilities {@code [rows, vocabulary]} of the token after each prefix of
         * {@code prefixes [rows, length]} (INT32 ids, the start token first); row i continues
         * source {@code sources[i]}.
         */
        Tensor logProbabilities(int[] sources, Tensor prefixes);
    }

    /**
     * A decoded sequence.
     *
     * @param tokens         the tokens after the start token, the end token last if one was reached
     * @param logProbability the sum of the tokens' log-probabilities
     * @param score          the log-probability divided by {@code tokens.length^lengthPenalty}, which ranks hypotheses
     */
    public record Hypothesis(int[] tokens, float logProbability, float score) {

        /** The tokens before the end token. */
        public int[] withoutEnd(int end) {
            int n = tokens.length;
            return n > 0 && tokens[n - 1] == end ? Arrays.copyOf(tokens, n - 1) : tokens.clone();
        }
    }

    private final int beamWidth;
    private final float lengthPenalty;

    private Decoding(int beamWidth, float lengthPenalty) {
        if (!Float.isFinite(lengthPenalty)) {
            throw new IllegalArgumentException("Decoding: the length penalty must be finite, got " + lengthPenalty);
        }
        this.beamWidth = beamWidth;
        this.lengthPenalty = lengthPenalty;
    }

    /** The most probable token at each step. */
    public static Decoding greedy() {
        return new Decoding(0, 1f);
    }

    /** Beam search keeping {@code width} prefixes (at least 1). */
    public static Decoding beam(int width) {
        if (width < 1) {
            throw new IllegalArgumentException("Decoding.beam: the width must be at least 1, got " + width);
        }
        return new Decoding(width, 1f);
    }

    /** The same decoding ranking hypotheses by {@code logProbability / length^alpha}. */
    public Decoding lengthPenalty(float alpha) {
        return new Decoding(beamWidth, alpha);
    }

    /** The beam width, or 0 for greedy decoding. */
    public int beamWidth() {
        return beamWidth;
    }

    /** The exponent of the length normalisation. */
    public float lengthPenalty() {
        return lengthPenalty;
    }

    /**
     * The best hypothesis for each of {@code sources} sources, at most {@code maxLength} tokens
     * each (the end token included), starting after {@code start} and stopping at {@code end}.
     */
    public List<Hypothesis> decode(NextTokenScores scores, int sources, int start, int end, int maxLength) {
        if (sources < 1 || maxLength < 1) {
            throw new IllegalArgumentException("Decoding: give at least one source and a maximum length of at least 1,"
                    + " got " + sources + " and " + maxLength);
        }
        if (beamWidth == 0) {
            return greedy(scores, sources, start, end, maxLength);
        }
        List<Hypothesis> best = new ArrayList<>();
        for (int source = 0; source < sources; source++) {
            best.add(beam(scores, source, start, end, maxLength));
        }
        return best;
    }

    private List<Hypothesis> greedy(NextTokenScores scores, int sources, int start, int end, int maxLength) {
        List<Prefix> rows = new ArrayList<>();
        for (int s = 0; s < sources; s++) {
            rows.add(new Prefix(s, new int[] {start}, 0f));
        }
        Prefix[] done = new Prefix[sources];
        for (int step = 0; step < maxLength && !rows.isEmpty(); step++) {
            float[][] logP = step(scores, rows);
            List<Prefix> next = new ArrayList<>();
            for (int r = 0; r < rows.size(); r++) {
                int token = 0;
                for (int v = 1; v < logP[r].length; v++) {
                    token = logP[r][v] > logP[r][token] ? v : token;
                }
                Prefix longer = rows.get(r).then(token, logP[r][token]);
                if (token == end || step == maxLength - 1) {
                    done[longer.source] = longer;
                } else {
                    next.add(longer);
                }
            }
            rows = next;
        }
        return Arrays.stream(done).map(this::hypothesis).toList();
    }

    private Hypothesis beam(NextTokenScores scores, int source, int start, int end, int maxLength) {
        List<Prefix> live = List.of(new Prefix(source, new int[] {start}, 0f));
        List<Hypothesis> finished = new ArrayList<>();
        for (int step = 0; step < maxLength && !live.isEmpty() && !done(finished, live); step++) {
            float[][] logP = step(scores, live);
            List<Prefix> candidates = new ArrayList<>();
            for (int b = 0; b < live.size(); b++) {
                for (int v = 0; v < logP[b].length; v++) {
                    candidates.add(live.get(b).then(v, logP[b][v]));
                }
            }
            // Stable: among equal scores the earlier beam, then the lower token, as greedy's argmax.
            candidates.sort(Comparator.comparingDouble((Prefix p) -> -p.logProbability));
            List<Prefix> next = new ArrayList<>();
            for (int rank = 0, kept = 0; rank < candidates.size() && kept < beamWidth; rank++) {
                Prefix candidate = candidates.get(rank);
                if (candidate.last() == end) {
                    if (rank < beamWidth) {
                        keepBest(finished, hypothesis(candidate));
                    }
                    continue;
                }
                kept++;
                if (step == maxLength - 1) {
                    keepBest(finished, hypothesis(candidate));    // out of steps: the unfinished beams compete too
                } else {
                    next.add(candidate);
                }
            }
            live = next;
        }
        return finished.stream().max(Comparator.comparingDouble(Hypothesis::score)).orElseThrow();
    }

    /** Adds a hypothesis, keeping the {@code beamWidth} best. */
    private void keepBest(List<Hypothesis> finished, Hypothesis hypothesis) {
        finished.add(hypothesis);
        if (finished.size() > beamWidth) {
            finished.remove(finished.stream().min(Comparator.comparingDouble(Hypothesis::score)).orElseThrow());
        }
    }

    /**
     * Whether {@code beamWidth} hypotheses have ended and no live prefix scores better, at its
     * length, than the worst of them (Hugging Face's heuristic with {@code early_stopping=False}).
     */
    private boolean done(List<Hypothesis> finished, List<Prefix> live) {
        if (finished.size() < beamWidth) {
            return false;
        }
        double worst = finished.stream().mapToDouble(Hypothesis::score).min().orElseThrow();
        double best = live.stream().mapToDouble(p -> hypothesis(p).score()).max().orElseThrow();
        return best <= worst;
    }

    private static float[][] step(NextTokenScores scores, List<Prefix> rows) {
        int length = rows.get(0).tokens.length;
        float[] ids = new float[rows.size() * length];
        int[] sources = new int[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            sources[r] = rows.get(r).source;
            for (int t = 0; t < length; t++) {
                ids[r * length + t] = rows.get(r).tokens[t];
            }
        }
        Tensor logP = scores.logProbabilities(sources, Tensor.of(ids, rows.size(), length).to(DType.INT32));
        if (logP.rank() != 2 || logP.dim(0) != rows.size()) {
            throw new IllegalStateException("Decoding: the model gave log-probabilities of shape " + logP.shape()
                    + " for " + rows.size() + " prefixes; expected [" + rows.size() + ", vocabulary]");
        }
        float[] flat = logP.toFloatArray();
        int vocabulary = logP.dim(1);
        float[][] out = new float[rows.size()][];
        for (int r = 0; r < out.length; r++) {
            out[r] = Arrays.copyOfRange(flat, r * vocabulary, (r + 1) * vocabulary);
        }
        return out;
    }

    private Hypothesis hypothesis(Prefix prefix) {
        int[] tokens = Arrays.copyOfRange(prefix.tokens, 1, prefix.tokens.length);
        float score = (float) (prefix.logProbability / Math.pow(tokens.length, lengthPenalty));
        return new Hypothesis(tokens, prefix.logProbability, score);
    }

    /** A prefix of one source's sequence, the start token first. */
    private record Prefix(int source, int[] tokens, float logProbability) {

        Prefix then(int token, float logP) {
            int[] longer = Arrays.copyOf(tokens, tokens.length + 1);
            longer[tokens.length] = token;
            return new Prefix(source, longer, logProbability + logP);
        }

        int last() {
            return tokens[tokens.length - 1];
        }
    }

    @Override
    public String toString() {
        return (beamWidth == 0 ? "greedy" : "beam(" + beamWidth + ")")
                + (lengthPenalty == 1f ? "" : ", length penalty " + lengthPenalty);
    }
}
