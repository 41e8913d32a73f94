package dev.nabla.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class WorkloadTest {

    @Test
    void networksMapImagesToTenLogits() {
        Tensor images = BenchData.random(4, 0, 1).train().features();

        for (Workload workload : Workload.values()) {
            assertEquals(Shape.of(4, 10), workload.network(1).forward(images).shape(), workload.id());
        }
    }

    @Test
    void parameterCountsAreThoseOfThePyTorchModels() {
        // sum(p.numel() for p in model.parameters()) of bench/torch_bench.py's networks
        assertEquals(101_770, Workload.MLP.network(1).parameterCount());
        assertEquals(225_034, Workload.CNN.network(1).parameterCount());
        assertEquals(82_186, Workload.LSTM.network(1).parameterCount());
        assertEquals(71_242, Workload.TRANSFORMER.network(1).parameterCount());
    }

    @Test
    void theSameSeedGivesTheSameWeights() {
        assertEquals(Workload.CNN.network(7).stateDict().toString(), Workload.CNN.network(7).stateDict().toString());
    }
}
