package dev.nabla.onnx;

import static dev.nabla.onnx.OnnxWriter.attribute;

import dev.nabla.nn.Elu;
import dev.nabla.nn.Gelu;
import dev.nabla.nn.LeakyRelu;
import dev.nabla.nn.LogSoftmax;
import dev.nabla.nn.Prelu;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Relu6;
import dev.nabla.nn.Sigmoid;
import dev.nabla.nn.Silu;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Softplus;
import dev.nabla.nn.Tanh;
import dev.nabla.tensor.ActivationFunction;
import java.util.List;

/**
 * Activation layers and the activations fused into Dense and convolution layers, as ONNX
 * operators of opset 17: GELU and SiLU are written out from Erf, Tanh and Sigmoid.
 */
final class ActivationExporters {

    private ActivationExporters() {
    }

    static void registerAll() {
        LayerExporters.register(Relu.class, (layer, c) -> List.of(c.node("Relu", c.inputs())));
        LayerExporters.register(Sigmoid.class, (layer, c) -> List.of(c.node("Sigmoid", c.inputs())));
        LayerExporters.register(Tanh.class, (layer, c) -> List.of(c.node("Tanh", c.inputs())));
        LayerExporters.register(Silu.class, (layer, c) -> List.of(silu(c.writer(), c.input(), c.path())));
        LayerExporters.register(Gelu.class, (layer, c) -> List.of(layer.tanhApproximation()
                ? geluTanh(c.writer(), c.input(), c.path()) : gelu(c.writer(), c.input(), c.path())));
        LayerExporters.register(Elu.class, (layer, c) -> List.of(c.node("Elu", c.inputs(),
                attribute("alpha", layer.alpha()))));
        LayerExporters.register(LeakyRelu.class, (layer, c) -> List.of(c.node("LeakyRelu", c.inputs(),
                attribute("alpha", layer.slope()))));
        LayerExporters.register(Softmax.class, (layer, c) -> List.of(c.node("Softmax", c.inputs(),
                attribute("axis", (long) layer.axis()))));
        LayerExporters.register(LogSoftmax.class, (layer, c) -> List.of(c.node("LogSoftmax", c.inputs(),
                attribute("axis", (long) layer.axis()))));
        LayerExporters.register(Softplus.class, ActivationExporters::softplus);
        LayerExporters.register(Prelu.class, ActivationExporters::prelu);
        LayerExporters.register(Relu6.class, (layer, c) -> List.of(c.node("Clip", List.of(c.input(),
                c.writer().scalar(c.name("min"), 0f), c.writer().scalar(c.name("max"), 6f)))));
    }

    /** {@code function} applied to {@code input}: the input itself for linear. */
    static String apply(OnnxWriter writer, ActivationFunction function, String input, String base) {
        return switch (function) {
            case LINEAR -> input;
            case RELU -> writer.node("Relu", base, input);
            case SIGMOID -> writer.node("Sigmoid", base, input);
            case TANH -> writer.node("Tanh", base, input);
            case GELU -> gelu(writer, input, base);
            case SILU -> silu(writer, input, base);
            case ELU -> writer.node("Elu", base, List.of(input), attribute("alpha", 1f));
            case SOFTPLUS -> writer.node("Softplus", base, input);
        };
    }

    static String silu(OnnxWriter writer, String x, String base) {
        return writer.node("Mul", base, x, writer.node("Sigmoid", base, x));
    }

    /** {@code x/2 (1 + erf(x / sqrt 2))}. */
    static String gelu(OnnxWriter writer, String x, String base) {
        String scaled = writer.node("Div", base, x, writer.scalar(base + ".sqrt2", (float) Math.sqrt(2)));
        String onePlus = writer.node("Add", base, writer.node("Erf", base, scaled), writer.scalar(base + ".one", 1f));
        return writer.node("Mul", base, writer.node("Mul", base, x, onePlus), writer.scalar(base + ".half", 0.5f));
    }

    /** {@code x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}. */
    static String geluTanh(OnnxWriter writer, String x, String base) {
        String cube = writer.node("Mul", base, x, writer.node("Mul", base, x, x));
        String inner = writer.node("Add", base, x, writer.node("Mul", base, cube, writer.scalar(base + ".c", 0.044715f)));
        String tanh = writer.node("Tanh", base, writer.node("Mul", base, inner,
                writer.scalar(base + ".k", (float) Math.sqrt(2 / Math.PI))));
        String onePlus = writer.node("Add", base, tanh, writer.scalar(base + ".one", 1f));
        return writer.node("Mul", base, writer.node("Mul", base, x, onePlus), writer.scalar(base + ".half", 0.5f));
    }

    /** {@code softplus(beta x) / beta}, and {@code x} where {@code beta x > threshold}, as the layer computes. */
    private static List<String> softplus(Softplus layer, ExportContext c) {
        OnnxWriter w = c.writer();
        String base = c.path();
        String x = c.input();
        String beta = w.scalar(c.name("beta"), layer.beta());
        String betaX = w.node("Mul", base, x, beta);
        String smooth = w.node("Div", base, w.node("Softplus", base, betaX), beta);
        String linear = w.node("Greater", base, betaX, w.scalar(c.name("threshold"), layer.threshold()));
        return List.of(w.node("Where", base, linear, x, smooth));
    }

    /** PRelu with the slopes shaped to broadcast over the channel axis 1. */
    private static List<String> prelu(Prelu layer, ExportContext c) {
        String slope = c.writer().initializer(c.name("weight"), layer.weight().value());
        if (layer.slopes() > 1) {
            long[] dims = new long[c.inputShape().rank() - 1];
            java.util.Arrays.fill(dims, 1);
            dims[0] = layer.slopes();
            slope = c.writer().node("Reshape", c.path(), slope, c.writer().longs(c.name("slope_shape"), dims));
        }
        return List.of(c.node("PRelu", List.of(c.input(), slope)));
    }
}
