package dev.nabla.nn;

import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What {@link Layer#loadStateDict} found: keys missing, keys unexpected, shapes that differ. */
public record StateDictReport(List<String> missingKeys, List<String> unexpectedKeys, List<String> shapeMismatches) {

    static StateDictReport compare(Map<String, Tensor> own, Map<String, Tensor> given) {
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        own.forEach((key, target) -> {
            Tensor source = given.get(key);
            if (source == null) {
                missing.add(key);
            } else if (!source.shape().equals(target.shape())) {
                mismatched.add(key + ": expected " + target.shape() + ", got " + source.shape());
            }
        });
        List<String> unexpected = given.keySet().stream().filter(k -> !own.containsKey(k)).toList();
        return new StateDictReport(List.copyOf(missing), List.copyOf(unexpected), List.copyOf(mismatched));
    }

    /** {@link Layer#loadStateDict}: compares, refuses a mismatch when strict, copies what matches. */
    static StateDictReport load(Layer layer, Map<String, Tensor> state, boolean strict) {
        if (!isFullyBuilt(layer)) {
            throw new IllegalStateException(layer.path() + ": cannot load a state dict before every layer is built;"
                    + " give input sizes to the constructors, call build(inputShape), or run one forward pass");
        }
        Map<String, Tensor> own = layer.stateDict();
        StateDictReport report = compare(own, state);
        if (strict && !report.isClean()) {
            throw new IllegalArgumentException(layer.path() + ": state dict does not match: " + report);
        }
        try (NoGrad ignored = NoGrad.enter()) {
            own.forEach((key, target) -> {
                Tensor source = state.get(key);
                if (source != null && source.shape().equals(target.shape())) {
                    target.assign(source);
                }
            });
        }
        return report;
    }

    private static boolean isFullyBuilt(Layer layer) {
        return layer.isBuilt() && layer.children().values().stream().allMatch(StateDictReport::isFullyBuilt);
    }

    /** Whether every key matched with the right shape. */
    public boolean isClean() {
        return missingKeys.isEmpty() && unexpectedKeys.isEmpty() && shapeMismatches.isEmpty();
    }

    @Override
    public String toString() {
        return "missing keys " + missingKeys + ", unexpected keys " + unexpectedKeys
                + ", shape mismatches " + shapeMismatches;
    }
}
