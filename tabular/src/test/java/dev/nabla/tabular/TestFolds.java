package dev.nabla.tabular;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A stand-in for core's stratified k-fold while it is being written: each class's rows, in
 * order, dealt round-robin to the folds. Tests only.
 */
final class TestFolds {

    private TestFolds() {
    }

    static List<CrossValidation.Fold> stratified(int[] labels, int k) {
        List<List<Integer>> tests = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            tests.add(new ArrayList<>());
        }
        int[] next = new int[Arrays.stream(labels).max().orElse(0) + 1];
        for (int row = 0; row < labels.length; row++) {
            tests.get(next[labels[row]]++ % k).add(row);
        }
        List<CrossValidation.Fold> folds = new ArrayList<>();
        for (List<Integer> test : tests) {
            int[] testRows = test.stream().mapToInt(Integer::intValue).toArray();
            int[] trainRows = java.util.stream.IntStream.range(0, labels.length).filter(r -> !test.contains(r))
                    .toArray();
            folds.add(new CrossValidation.Fold(trainRows, testRows));
        }
        return folds;
    }
}
