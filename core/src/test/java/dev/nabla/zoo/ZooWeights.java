package dev.nabla.zoo;

import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weights both this test and generate_zoo.py compute from a counter-based hash, bit for bit the
 * same, so a whole ResNet's fixture is ten logits instead of tens of megabytes of weights.
 */
final class ZooWeights {

    record Entry(String name, int[] shape) {
    }

    private ZooWeights() {
    }

    /** Values in [-1, 1) from a hash of (tensor index, element index), as {@code uniform} in generate_zoo.py. */
    static float[] uniform(int index, int count) {
        int base = (int) ((index * 0x85EBCA77L + 0x165667B1L) & 0xFFFFFFFFL);
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            int h = i * 0x9E3779B1 + base;
            h ^= h >>> 15;
            h *= 0x2C1B3C6D;
            h ^= h >>> 12;
            h *= 0x297A2D39;
            h ^= h >>> 15;
            float u = (h >>> 8) * 0x1p-24f;
            out[i] = u * 2f - 1f;
        }
        return out;
    }

    /** The state dict of generate_zoo.py's {@code value}: the entries in order, each from its index. */
    static Map<String, Tensor> stateDict(List<Entry> entries) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            int count = Arrays.stream(e.shape()).reduce(1, (a, b) -> a * b);
            float[] u = uniform(i, count);
            if (e.name().endsWith("num_batches_tracked")) {
                Arrays.fill(u, 0f);
            } else if (e.shape().length >= 2) {
                float scale = (float) (1 / Math.sqrt(count / e.shape()[0]));
                for (int j = 0; j < count; j++) {
                    u[j] *= scale;
                }
            } else {
                float offset = e.name().endsWith("running_var") || e.name().endsWith("weight") ? 1f : 0f;
                float factor = e.name().endsWith("running_var") ? 0.5f : e.name().endsWith("weight") ? 0.25f : 0.1f;
                for (int j = 0; j < count; j++) {
                    u[j] = offset + u[j] * factor;
                }
            }
            state.put(e.name(), Tensor.of(u, e.shape()));
        }
        return state;
    }
}
