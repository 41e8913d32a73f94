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
 * @param masks    for each input, the ONNX name of the padding mask {@code [N, T]} (1 real, 0 padding)
 *                 that travels with it ({@link dev.nabla.nn.Masks}), or null
 * @param outputMasks for each output, the mask the exporter made for it ({@link #setOutputMask}); an
 *                 output whose sample carries a mask and that the exporter gave none takes its input's
 */
public record ExportContext(String path, List<String> inputs, List<Tensor> samples, List<Tensor> outputs,
                            OnnxWriter writer, List<String> masks, String[] outputMasks) {

    /** A context whose inputs carry no masks. */
    public ExportContext(String path, List<String> inputs, List<Tensor> samples, List<Tensor> outputs,
            OnnxWriter writer) {
        this(path, inputs, samples, outputs, writer, java.util.Collections.nCopies(inputs.size(), null),
                new String[outputs.size()]);
    }

    /** The ONNX name of input {@code i}'s padding mask {@code [N, T]}, or null when it has none. */
    public String mask(int i) {
        return i < masks.size() ? masks.get(i) : null;
    }

    /** Says that output {@code i} carries the padding mask {@code name} (a float {@code [N, T]}). */
    public void setOutputMask(int i, String name) {
        outputMasks[i] = name;
    }

    /** The same layer call with another path, inputs and samples (for a child layer exported inside this one). */
    public ExportContext child(String childName, List<String> childInputs, List<Tensor> childSamples,
            List<String> childMasks) {
        return new ExportContext(name(childName), childInputs, childSamples, List.of(), writer,
                childMasks, new String[1]);
    }

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
