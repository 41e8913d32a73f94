package dev.nabla.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.nabla.nn.Inference;
import dev.nabla.nn.Layer;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs an exported file in ONNX Runtime and compares its outputs with the Nabla model's. */
final class OnnxRuntimeCheck {

    /** The largest relative difference accepted (the acceptance criterion: 1e-5). */
    static final double RELATIVE = 1e-5;

    private OnnxRuntimeCheck() {
    }

    /** ONNX Runtime's outputs for the given named inputs, as tensors. */
    static List<Tensor> run(Path file, Map<String, Tensor> inputs) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions())) {
            Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> input : inputs.entrySet()) {
                long[] shape = Arrays.stream(input.getValue().shape().toArray()).asLongStream().toArray();
                feeds.put(input.getKey(), OnnxTensor.createTensor(env,
                        FloatBuffer.wrap(input.getValue().toFloatArray()), shape));
            }
            try (OrtSession.Result result = session.run(feeds)) {
                List<Tensor> outputs = new ArrayList<>();
                for (int i = 0; i < result.size(); i++) {
                    OnnxTensor out = (OnnxTensor) result.get(i);
                    FloatBuffer buffer = out.getFloatBuffer();
                    float[] data = new float[buffer.remaining()];
                    buffer.get(data);
                    outputs.add(Tensor.of(data, Arrays.stream(out.getInfo().getShape()).mapToInt(d -> (int) d)
                            .toArray()));
                }
                return outputs;
            } finally {
                feeds.values().forEach(OnnxTensor::close);
            }
        }
    }

    /** Exports the single-input model and checks ONNX Runtime against it at batch sizes 1 and 7 through one file. */
    static double assertSameOutputs(Layer model, int[] sampleShape, Path file, Generator generator) throws Exception {
        Onnx.export(model, sampleShape, file);
        double worst = 0;
        for (int batch : new int[] {1, 7}) {
            int[] dims = new int[sampleShape.length + 1];
            dims[0] = batch;
            System.arraycopy(sampleShape, 0, dims, 1, sampleShape.length);
            Tensor x = Tensor.randn(generator, dims);
            worst = Math.max(worst, compare(model, Map.of("input", x), file));
        }
        return worst;
    }

    /** Compares every output for these inputs; the largest relative difference. */
    static double compare(Layer model, Map<String, Tensor> inputs, Path file) throws Exception {
        List<Tensor> expected;
        try (Inference ignored = Inference.enter()) {
            expected = model.forwardAll(new ArrayList<>(inputs.values()));
        }
        List<Tensor> actual = run(file, inputs);
        double worst = 0;
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).shape().toArray(), actual.get(i).shape().toArray(), "output " + i);
            worst = Math.max(worst, relativeDifference(expected.get(i), actual.get(i)));
        }
        assertTrue(worst <= RELATIVE, "ONNX Runtime differs from Nabla by " + worst + " (relative)");
        return worst;
    }

    /** The largest |a - b| over the largest |a| of the output (element-wise ratios explode near zero). */
    static double relativeDifference(Tensor expected, Tensor actual) {
        float[] a = expected.toFloatArray();
        float[] b = actual.toFloatArray();
        double scale = 1e-12;
        double difference = 0;
        for (int i = 0; i < a.length; i++) {
            scale = Math.max(scale, Math.abs(a[i]));
            difference = Math.max(difference, Math.abs(a[i] - b[i]));
        }
        return difference / scale;
    }
}
