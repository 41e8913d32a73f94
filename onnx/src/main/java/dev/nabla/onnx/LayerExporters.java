package dev.nabla.onnx;

import dev.nabla.nn.Layer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of {@link LayerExporter}s by layer class: every built-in layer with an ONNX
 * form is registered here, and a program adds its own layers with {@link #register}.
 * {@link dev.nabla.nn.Sequential} and {@link dev.nabla.nn.Graph} need no exporter: the
 * export walks into them.
 */
public final class LayerExporters {

    private static final Map<Class<?>, LayerExporter<?>> EXPORTERS = new ConcurrentHashMap<>();

    static {
        CoreLayerExporters.registerAll();
        ActivationExporters.registerAll();
        ShapeLayerExporters.registerAll();
        RecurrentExporters.registerAll();
        TransformerExporters.registerAll();
        SequenceExporters.registerAll();
        register(OnnxModel.class, ImportedModelExporter::export);
    }

    private LayerExporters() {
    }

    /** Makes layers of exactly this class exportable (subclasses register on their own). */
    public static <L extends Layer> void register(Class<L> type, LayerExporter<? super L> exporter) {
        EXPORTERS.put(type, exporter);
    }

    /** The exporter for a layer's class, or null. */
    @SuppressWarnings("unchecked")
    static <L extends Layer> LayerExporter<L> find(L layer) {
        return (LayerExporter<L>) EXPORTERS.get(layer.getClass());
    }

    /** Whether a layer class has an exporter. */
    public static boolean supports(Class<? extends Layer> type) {
        return EXPORTERS.containsKey(type);
    }
}
