package dev.nabla.optim;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an optimizer remembers about one parameter: how many updates it has had and named
 * buffers of the parameter's size ({@code momentum_buffer}, {@code exp_avg}, ...), as
 * PyTorch's {@code optimizer.state[p]}.
 */
public final class ParameterState {

    private int step;
    private final Map<String, float[]> buffers = new LinkedHashMap<>();

    /** The number of updates so far, counting the current one during {@code update}. */
    public int step() {
        return step;
    }

    /** Whether the buffer exists yet. */
    public boolean has(String name) {
        return buffers.containsKey(name);
    }

    /** The buffer, created filled with {@code initial} on first use. */
    public float[] buffer(String name, int size, float initial) {
        return buffers.computeIfAbsent(name, k -> {
            float[] b = new float[size];
            Arrays.fill(b, initial);
            return b;
        });
    }

    /** The buffer, created as zeros on first use. */
    public float[] buffer(String name, int size) {
        return buffer(name, size, 0f);
    }

    /** Stores a buffer (taken, not copied). */
    public void put(String name, float[] values) {
        buffers.put(name, values);
    }

    /** Every buffer by name (live arrays). */
    public Map<String, float[]> buffers() {
        return Collections.unmodifiableMap(buffers);
    }

    void setStep(int value) {
        step = value;
    }

    void countStep() {
        step++;
    }
}
