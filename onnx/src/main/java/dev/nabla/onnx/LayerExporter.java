package dev.nabla.onnx;

import dev.nabla.nn.Layer;
import java.util.List;

/**
 * How one kind of layer is written as ONNX nodes. An exporter reads the layer's settings and
 * parameters, writes nodes and initializers through the context's {@link OnnxWriter}, and
 * returns the names of the layer's outputs, one for each output of {@link Layer#forwardAll}.
 * Register one for your own layer with {@link LayerExporters#register}.
 *
 * @param <L> the layer class
 */
@FunctionalInterface
public interface LayerExporter<L extends Layer> {

    /** Writes the nodes computing {@code layer} from the context's inputs; the output names. */
    List<String> export(L layer, ExportContext context);
}
