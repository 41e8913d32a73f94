package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.GradCheck;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The checks every layer passes (ARCHITECTURE.md, "Layer contract"): it builds, gives the
 * right output shape, its gradients match finite differences (input and parameters, in
 * evaluation mode so dropout is off), one gradient step lowers a loss, and a state-dict
 * round trip into a fresh layer gives identical outputs.
 */
final class LayerContract {

    private LayerContract() {
    }

    static void check(Supplier<Layer> factory, int[] inputShape, int[] outputShape) {
        check(factory, Tensor.uniform(new Generator(11), -1f, 1f, inputShape), outputShape);
    }

    /** The contract on a given input: for layers with kinks (max pooling), one free of near-ties. */
    static void check(Supplier<Layer> factory, Tensor x, int[] outputShape) {
        check(factory, List.of(x), outputShape);
    }

    /**
     * The contract for layers with several inputs (merge layers) or given inputs. Inputs of
     * dtype INT32 (indices) are fed as they are and not differentiated.
     */
    static void check(Supplier<Layer> factory, List<Tensor> inputs, int[] outputShape) {
        Layer layer = factory.get().seed(7);
        Tensor y = layer.forward(inputs);
        assertEquals(Shape.of(outputShape), y.shape(), layer + " output shape");
        gradientsMatch(layer, inputs);
        stepLowersLoss(layer, inputs);
        stateDictRoundTrip(factory, layer, inputs);
    }

    static void gradientsMatch(Layer layer, List<Tensor> inputs) {
        layer.eval();
        List<Tensor> leaves = new ArrayList<>();
        for (Tensor x : inputs) {
            if (x.dtype() != DType.INT32) {
                leaves.add(Tensor.of(x.toFloatArray(), x.shape().toArray()).requiresGrad(true));
            }
        }
        layer.trainableParameters().forEach(p -> leaves.add(p.value()));
        if (!leaves.isEmpty()) {
            GradCheck.assertGradients(in -> layer.forward(substitute(inputs, in)), leaves.toArray(Tensor[]::new));
        }
        layer.train();
    }

    /** The inputs with each float one replaced, in order, by the next of {@code leaves}. */
    private static List<Tensor> substitute(List<Tensor> inputs, Tensor[] leaves) {
        List<Tensor> out = new ArrayList<>();
        int next = 0;
        for (Tensor x : inputs) {
            out.add(x.dtype() == DType.INT32 ? x : leaves[next++]);
        }
        return out;
    }

    static void stepLowersLoss(Layer layer, List<Tensor> input) {
        if (layer.trainableParameters().isEmpty()) {
            return;
        }
        layer.eval();
        Tensor target = Tensor.uniform(new Generator(5), -1f, 1f, layer.forward(input).shape().toArray());
        float before = loss(layer, input, target).item();
        loss(layer, input, target).backward();
        try (NoGrad ignored = NoGrad.enter()) {
            for (Parameter p : layer.trainableParameters()) {
                p.value().assign(p.value().sub(p.grad().mul(0.01f)));
                p.zeroGrad();
            }
        }
        float after = loss(layer, input, target).item();
        assertTrue(after < before, layer + ": loss went from " + before + " to " + after + " after one step");
        layer.train();
    }

    private static Tensor loss(Layer layer, List<Tensor> input, Tensor target) {
        return layer.forward(input).sub(target).pow(2f).mean();
    }

    static void stateDictRoundTrip(Supplier<Layer> factory, Layer trained, List<Tensor> input) {
        trained.eval();
        Map<String, Tensor> saved = new LinkedHashMap<>();
        trained.stateDict().forEach((k, v) -> saved.put(k, Tensor.of(v.toFloatArray(), v.shape().toArray())));
        Layer fresh = factory.get().seed(99);
        fresh.forward(input);
        fresh.eval();
        assertTrue(fresh.loadStateDict(saved, true).isClean());
        assertArrayEquals(trained.forward(input).toFloatArray(), fresh.forward(input).toFloatArray(), 0f,
                "outputs after loading the state dict");
        trained.train();
    }
}
