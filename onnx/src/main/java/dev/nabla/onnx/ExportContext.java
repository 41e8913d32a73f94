package dev.nabla.onnx;

import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import java.util.List;

/**
 * What an exporter knows about one layer call: the layer's dotted path (the base of the names
 * it makes, e.g. {@code block1.conv}), the ONNX names of its inputs, and its inputs' and
 * outputs' values for a sample batch of one, from which it reads shapes.
 *
 * @param path     the layer's path in the model, used for node and initializer names
 * @param inputs   the ONNX value names of the layer's inputs
 * @param samples  the layer's inputs for the sample batch of one
 * @param outputs  the layer's outputs for that sample
 * @param writer   where nodes and initializers go
 */
public record ExportContext(String path, List<String> inputs, List<Tensor> samples, List<Tensor> outputs,
                            OnnxWriter writer) {

    /** The one input's name. */
    public String input() {
        return inputs.get(0);
    }

    /** The first input's shape for a batch of one. */
    public Shape inputShape() {
        return samples.get(0).shape();
    }

    /** The first output's shape for a batch of one. */
    public Shape outputShape() {
        return outputs.get(0).shape();
    }

    /** A name base under this layer's path: {@code name("weight")} gives {@code block1.conv.weight}. */
    public String name(String suffix) {
        return path.isEmpty() ? suffix : path + "." + suffix;
    }

    /** The writer's one-output node, named after this layer. */
    public String node(String opType, List<String> nodeInputs,
            dev.nabla.onnx.proto.OnnxProtos.AttributeProto... attributes) {
        return writer.node(opType, path.isEmpty() ? opType.toLowerCase(java.util.Locale.ROOT) : path, nodeInputs,
                attributes);
    }
}
