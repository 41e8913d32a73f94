package dev.nabla.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.nn.Layer;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Model files written before layers owned their configuration records still load and compute the same outputs. */
class LegacyModelFileTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/models");

    @ParameterizedTest
    @ValueSource(strings = {"image", "sequence", "token", "graph", "options"})
    void aModelFileWrittenByMainBeforeTheConfigurationRecordsLoadsAndGivesTheRecordedOutputs(String name)
            throws IOException {
        Map<String, Tensor> recorded = Safetensors.read(FIXTURES.resolve("outputs.safetensors")).tensors();
        List<Tensor> inputs = new ArrayList<>();
        for (int i = 0; recorded.containsKey(name + ".input" + i); i++) {
            inputs.add(recorded.get(name + ".input" + i));
        }
        Layer model = ModelFile.load(FIXTURES.resolve(name + ".nabla")).model();
        model.eval();
        Tensor output;
        try (NoGrad ignored = NoGrad.enter()) {
            output = model.forward(inputs);
        }
        Tensor expected = recorded.get(name + ".output");
        assertEquals(expected.shape(), output.shape());
        assertArrayEquals(expected.toFloatArray(), output.toFloatArray(), 1e-6f, name);
    }
}
