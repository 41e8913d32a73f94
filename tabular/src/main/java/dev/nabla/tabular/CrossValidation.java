package dev.nabla.tabular;

import dev.nabla.data.Fold;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cross-validation (scikit-learn's {@code cross_validate}): for each fold, a fresh model is
 * trained on the fold's training rows and measured on its test rows; the result holds every
 * metric per fold and as mean ± standard deviation.
 *
 * <pre>{@code
 * List<Fold> folds = new StratifiedKFold(5, new Generator(1)).split(labels);
 * CrossValidationResult result = CrossValidation.run(folds, (fold, train, test) -> {
 *     Preprocessing prep = newPreprocessing().fit(table.rows(train));
 *     Model model = newModel();
 *     model.fit(prep.dataset(table.rows(train)), options);
 *     return model.evaluate(prep.dataset(table.rows(test)), 256);
 * }, out);
 * System.out.print(result.table());
 * }</pre>
 *
 * <p>The folds come from core's {@code KFold} or {@code StratifiedKFold}; each fold's
 * validation rows are the rows it tests on.
 */
public final class CrossValidation {

    /** Trains a fresh model on one fold and returns its metrics on the fold's test rows by name. */
    @FunctionalInterface
    public interface FoldRun {

        /** Fold {@code fold} (from 0): train on rows {@code train}, measure on rows {@code test}. */
        Map<String, Double> run(int fold, int[] train, int[] test) throws Exception;
    }

    private CrossValidation() {
    }

    /**
     * Runs every fold in turn, printing a line per fold to {@code progress} (null for none).
     *
     * @throws IllegalArgumentException for no folds, or a fold whose rows overlap
     */
    public static CrossValidationResult run(List<Fold> folds, FoldRun run, PrintWriter progress) throws Exception {
        if (folds.isEmpty()) {
            throw new IllegalArgumentException("cross-validation needs at least one fold");
        }
        List<Map<String, Double>> results = new ArrayList<>();
        for (int k = 0; k < folds.size(); k++) {
            Fold fold = folds.get(k);
            checkDisjoint(k, fold);
            if (progress != null) {
                progress.printf("fold %d/%d: %d training and %d test rows%n", k + 1, folds.size(),
                        fold.train().length, fold.validation().length);
                progress.flush();
            }
            results.add(run.run(k, fold.train(), fold.validation()));
        }
        return new CrossValidationResult(results);
    }

    private static void checkDisjoint(int k, Fold fold) {
        Set<Integer> train = new HashSet<>();
        for (int row : fold.train()) {
            train.add(row);
        }
        for (int row : fold.validation()) {
            if (train.contains(row)) {
                throw new IllegalArgumentException("fold " + (k + 1) + ": row " + row
                        + " is both a training and a test row");
            }
        }
    }
}
