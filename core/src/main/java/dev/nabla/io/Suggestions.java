package dev.nabla.io;

import dev.nabla.tensor.Names;
import java.util.Collection;

/**
 * "Did you mean" for mistyped names: the known name closest to a wrong one, if close enough.
 * The layer registry uses it for types and arguments, the experiment files for their keys.
 */
public final class Suggestions {

    private Suggestions() {
    }

    /** {@code "; did you mean 'patience'?"} for {@code "patiance"}, or the empty string. */
    public static String didYouMean(String wrong, Collection<String> known) {
        String best = closest(wrong, known);
        return best == null ? "" : "; did you mean '" + best + "'?";
    }

    /**
     * The known name closest to {@code wrong}, ignoring case and underscores, when at most a third
     * of its letters differ (at least one); else null.
     */
    public static String closest(String wrong, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String w = Names.normalized(wrong);
        for (String candidate : known) {
            int d = distance(w, Names.normalized(candidate));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        int allowed = Math.max(1, w.length() / 3);
        return bestDistance <= allowed ? best : null;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
