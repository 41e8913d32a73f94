package dev.nabla.data;

import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Class labels, one whole number per example: what stratified splits, resamplers and class weights read. */
final class ClassLabels {

    /** The examples of one class, at ascending positions. */
    record Group(int label, int[] members) {
    }

    private ClassLabels() {
    }

    /**
     * The labels as ints. {@code labels} holds one whole number per example, shape {@code [N]}
     * or {@code [N, 1]}, of any dtype; {@code who} names the caller in the error messages.
     */
    static int[] of(Tensor labels, String who) {
        if (labels == null) {
            throw new IllegalArgumentException(who + ": the labels are null");
        }
        if (labels.rank() != 1 && !(labels.rank() == 2 && labels.dim(1) == 1)) {
            throw new IllegalArgumentException(who + ": need one class label per example, shape [N], got shape "
                    + labels.shape() + (labels.rank() == 2 ? "; for one-hot targets pass targets.argmax(1, false)" : ""));
        }
        float[] values = labels.toFloatArray();
        int[] classes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] != Math.rint(values[i]) || Math.abs(values[i]) > 1 << 24) {
                throw new IllegalArgumentException(who + ": label " + values[i] + " of example " + i
                        + " is not a class index; labels are whole numbers such as 0, 1, 2");
            }
            classes[i] = (int) values[i];
        }
        return classes;
    }

    /** The classes present, in order of first appearance (as scikit-learn's StratifiedKFold encodes them). */
    static List<Group> groups(int[] labels) {
        Map<Integer, List<Integer>> members = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i++) {
            members.computeIfAbsent(labels[i], label -> new ArrayList<>()).add(i);
        }
        return members.entrySet().stream()
                .map(e -> new Group(e.getKey(), e.getValue().stream().mapToInt(Integer::intValue).toArray()))
                .toList();
    }

    /** How many examples each group holds. */
    static int[] counts(List<Group> groups) {
        return groups.stream().mapToInt(g -> g.members().length).toArray();
    }
}
