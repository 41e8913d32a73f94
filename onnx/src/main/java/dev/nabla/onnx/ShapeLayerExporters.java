package dev.nabla.onnx;

import static dev.nabla.onnx.OnnxWriter.attribute;

import dev.nabla.nn.Add;
import dev.nabla.nn.Concatenate;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Multiply;
import dev.nabla.nn.Permute;
import dev.nabla.nn.Reshape;
import dev.nabla.nn.SpatialDropout2d;
import dev.nabla.nn.ZeroPadding2d;
import java.util.List;

/** Layers that move, join or look up values: dropout (the identity at inference), reshapes, merges. */
final class ShapeLayerExporters {

    private ShapeLayerExporters() {
    }

    static void registerAll() {
        LayerExporters.register(Dropout.class, (layer, c) -> List.of(c.node("Identity", c.inputs())));
        LayerExporters.register(SpatialDropout2d.class, (layer, c) -> List.of(c.node("Identity", c.inputs())));
        LayerExporters.register(Flatten.class, (layer, c) -> List.of(reshapeToOutput(c)));
        LayerExporters.register(Reshape.class, (layer, c) -> List.of(reshapeToOutput(c)));
        LayerExporters.register(Permute.class, ShapeLayerExporters::permute);
        LayerExporters.register(ZeroPadding2d.class, ShapeLayerExporters::zeroPadding);
        LayerExporters.register(Add.class, (layer, c) -> List.of(chain("Add", c)));
        LayerExporters.register(Multiply.class, (layer, c) -> List.of(chain("Mul", c)));
        LayerExporters.register(Concatenate.class, (layer, c) -> List.of(c.node("Concat", c.inputs(),
                attribute("axis", (long) layer.axis()))));
    }

    /** Reshape to the output's sample shape, the batch dimension copied (0) so that any batch size runs. */
    static String reshapeToOutput(ExportContext c) {
        int[] dims = c.outputShape().toArray();
        long[] target = new long[dims.length];
        for (int i = 1; i < dims.length; i++) {
            target[i] = dims[i];
        }
        return c.node("Reshape", List.of(c.input(), c.writer().longs(c.name("shape"), target)));
    }

    private static List<String> permute(Permute layer, ExportContext c) {
        int[] axes = layer.axes();
        long[] perm = new long[axes.length + 1];
        for (int i = 0; i < axes.length; i++) {
            perm[i + 1] = axes[i];
        }
        return List.of(c.node("Transpose", c.inputs(), attribute("perm", perm)));
    }

    private static List<String> zeroPadding(ZeroPadding2d layer, ExportContext c) {
        int[] p = layer.padding(); // top, bottom, left, right
        long[] pads = {0, 0, p[0], p[2], 0, 0, p[1], p[3]};
        return List.of(c.node("Pad", List.of(c.input(), c.writer().longs(c.name("pads"), pads))));
    }

    private static String chain(String opType, ExportContext c) {
        String sum = c.inputs().get(0);
        for (int i = 1; i < c.inputs().size(); i++) {
            sum = c.node(opType, List.of(sum, c.inputs().get(i)));
        }
        return sum;
    }
}
