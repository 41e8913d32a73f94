package dev.nabla.optim;

import dev.nabla.nn.Parameter;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks a saved optimizer state against an optimizer and reads it, collecting every mismatch. */
final class OptimizerStateLoader {

    record Loaded(List<ParameterState> states, float[] learningRates, float[] weightDecays,
                  Map<String, Float> hyperparameters) {
    }

    private static final Pattern PARAMETER_KEY = Pattern.compile("(\\d+)\\.([a-z_0-9]+)");
    private static final Pattern GROUP_KEY = Pattern.compile("groups\\.(\\d+)\\.(size|learning_rate|weight_decay)");
    private static final String HYPERPARAMETER = "hyperparameters.";

    private final String optimizer;
    private final List<Parameter> parameters;
    private final List<ParameterGroup> groups;
    private final List<String> bufferNames;
    private final Set<String> hyperparameterNames;
    private final List<String> errors = new ArrayList<>();

    OptimizerStateLoader(String optimizer, List<Parameter> parameters, List<ParameterGroup> groups,
                         List<String> bufferNames, Set<String> hyperparameterNames) {
        this.optimizer = optimizer;
        this.parameters = parameters;
        this.groups = groups;
        this.bufferNames = bufferNames;
        this.hyperparameterNames = hyperparameterNames;
    }

    Loaded read(Map<String, Tensor> state) {
        checkGroups(state);
        if (!errors.isEmpty()) {
            throw failure();
        }
        Loaded loaded = new Loaded(new ArrayList<>(), new float[groups.size()], new float[groups.size()],
                new LinkedHashMap<>());
        parameters.forEach(p -> loaded.states().add(null));
        state.forEach((key, value) -> readEntry(key, value, loaded));
        for (int g = 0; g < groups.size(); g++) {
            loaded.learningRates()[g] = scalar(state, "groups." + g + ".learning_rate");
            loaded.weightDecays()[g] = scalar(state, "groups." + g + ".weight_decay");
        }
        for (int i = 0; i < parameters.size(); i++) {
            ParameterState s = loaded.states().get(i);
            if (s != null && s.step() == 0 && !state.containsKey(i + ".step")) {
                errors.add("parameter " + i + " has buffers but no '" + i + ".step'");
            }
        }
        if (!errors.isEmpty()) {
            throw failure();
        }
        return loaded;
    }

    private void checkGroups(Map<String, Tensor> state) {
        int[] saved = state.keySet().stream().map(GROUP_KEY::matcher).filter(m -> m.matches()
                        && m.group(2).equals("size")).mapToInt(m -> Integer.parseInt(m.group(1))).sorted().toArray();
        int[] savedSizes = new int[saved.length];
        for (int g = 0; g < saved.length; g++) {
            savedSizes[g] = saved[g] == g ? (int) scalar(state, "groups." + g + ".size") : -1;
        }
        int[] ownSizes = groups.stream().mapToInt(g -> g.parameters().size()).toArray();
        if (!Arrays.equals(savedSizes, ownSizes)) {
            errors.add("the state has " + saved.length + " parameter group(s) of sizes " + Arrays.toString(savedSizes)
                    + ", this optimizer has " + ownSizes.length + " of sizes " + Arrays.toString(ownSizes)
                    + " (parameter counts per group must match)");
        }
    }

    private void readEntry(String key, Tensor value, Loaded loaded) {
        Matcher m = PARAMETER_KEY.matcher(key);
        if (m.matches()) {
            readParameterEntry(key, Integer.parseInt(m.group(1)), m.group(2), value, loaded);
        } else if (key.startsWith(HYPERPARAMETER)) {
            String name = key.substring(HYPERPARAMETER.length());
            if (hyperparameterNames.contains(name)) {
                loaded.hyperparameters().put(name, scalarValue(key, value));
            } else {
                errors.add("unexpected hyperparameter '" + name + "' (this optimizer has " + hyperparameterNames + ")");
            }
        } else if (!GROUP_KEY.matcher(key).matches()) {
            errors.add("unexpected key '" + key + "'");
        }
    }

    private void readParameterEntry(String key, int index, String name, Tensor value, Loaded loaded) {
        if (index >= parameters.size()) {
            errors.add("'" + key + "' names parameter " + index + ", but this optimizer has "
                    + parameters.size() + " parameters");
            return;
        }
        ParameterState s = loaded.states().get(index);
        if (s == null) {
            s = new ParameterState();
            loaded.states().set(index, s);
        }
        if (name.equals("step")) {
            s.setStep((int) scalarValue(key, value));
        } else if (!bufferNames.contains(name)) {
            errors.add("unexpected buffer '" + key + "' (this optimizer keeps " + bufferNames + ")");
        } else if (!value.shape().equals(parameters.get(index).shape())) {
            errors.add("'" + key + "' has shape " + value.shape() + ", but parameter " + index + " has shape "
                    + parameters.get(index).shape());
        } else {
            s.put(name, value.toFloatArray());
        }
    }

    private float scalar(Map<String, Tensor> state, String key) {
        Tensor t = state.get(key);
        if (t == null) {
            errors.add("missing '" + key + "'");
            return Float.NaN;
        }
        return scalarValue(key, t);
    }

    private float scalarValue(String key, Tensor t) {
        if (t.size() != 1) {
            errors.add("'" + key + "' should hold one number, has shape " + t.shape());
            return Float.NaN;
        }
        return t.item();
    }

    private IllegalArgumentException failure() {
        return new IllegalArgumentException(optimizer + ".loadState: the state does not fit this optimizer: "
                + String.join("; ", errors));
    }
}
