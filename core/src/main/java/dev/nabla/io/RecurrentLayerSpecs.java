package dev.nabla.io;

import static dev.nabla.io.LayerType.known;
import static dev.nabla.io.LayerType.values;

import dev.nabla.nn.Bidirectional;
import dev.nabla.nn.Gru;
import dev.nabla.nn.GruCell;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Lstm;
import dev.nabla.nn.LstmCell;
import dev.nabla.nn.Masking;
import dev.nabla.nn.RecurrentCell;
import dev.nabla.nn.RecurrentLayer;
import dev.nabla.nn.SimpleRnn;
import dev.nabla.nn.SimpleRnnCell;
import dev.nabla.nn.TimeDistributed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The registry entries of the sequence layers: Keras's argument names with PyTorch's as aliases
 * ({@code units|hidden_size}, {@code use_bias|bias}), and PyTorch's stacking and direction
 * arguments ({@code num_layers}, {@code bidirectional}, {@code dropout}, {@code batch_first}).
 * A built layer is described with its {@code input_size}, so that it is created built and its
 * weights load. The wrappers hold the wrapped layer's spec under {@code layer}.
 */
final class RecurrentLayerSpecs {

    private static final String LAYER = "units|hidden_size: int, input_size: int, num_layers: int,"
            + " bidirectional: bool, dropout: float, batch_first: bool, return_sequences: bool, return_state: bool,"
            + " use_bias|bias: bool";
    private static final String CELL = "units|hidden_size: int, input_size: int, use_bias|bias: bool";

    static final List<LayerType<?>> TYPES = List.of(
            LayerType.of(SimpleRnn.class, LAYER + ", activation|nonlinearity: string",
                    a -> layer(a, new SimpleRnn(a.integer("units"), a.choice("activation", "tanh", "tanh", "relu"))),
                    r -> withActivation(describe(r), r.activation()))
                    .alias("SimpleRNN", "RNN"),
            LayerType.of(Lstm.class, LAYER, a -> layer(a, new Lstm(a.integer("units"))), RecurrentLayerSpecs::describe).alias("LSTM"),
            LayerType.of(Gru.class, LAYER, a -> layer(a, new Gru(a.integer("units"))), RecurrentLayerSpecs::describe).alias("GRU"),
            LayerType.of(SimpleRnnCell.class, CELL + ", activation|nonlinearity: string",
                    a -> cell(a, new SimpleRnnCell(a.integer("units"), a.choice("activation", "tanh", "tanh", "relu"),
                            a.flag("use_bias", true))),
                    c -> withActivation(describe(c), c.activation()))
                    .alias("SimpleRNNCell", "RNNCell"),
            LayerType.of(LstmCell.class, CELL,
                    a -> cell(a, new LstmCell(a.integer("units"), a.flag("use_bias", true))),
                    RecurrentLayerSpecs::describe).alias("LSTMCell"),
            LayerType.of(GruCell.class, CELL,
                    a -> cell(a, new GruCell(a.integer("units"), a.flag("use_bias", true))),
                    RecurrentLayerSpecs::describe).alias("GRUCell"),
            LayerType.of(Bidirectional.class, "layer: map, merge_mode: string",
                    a -> new Bidirectional(recurrent(a), a.choice("merge_mode", "concat", "concat", "sum", "mul", "ave")),
                    b -> values("layer", LayerSpecs.describe(b.forwardLayer()).toMap(), "merge_mode",
                            b.mergeMode() == Bidirectional.MergeMode.CONCAT ? null
                                    : b.mergeMode().name().toLowerCase(Locale.ROOT))),
            LayerType.of(TimeDistributed.class, "layer: map", a -> new TimeDistributed(wrapped(a)),
                    t -> values("layer", LayerSpecs.describe(t.layer()).toMap())),
            LayerType.of(Masking.class, "mask_value: float", a -> new Masking(a.number("mask_value", 0f)),
                    m -> values("mask_value", m.maskValue() == 0f ? null : m.maskValue())));

    private RecurrentLayerSpecs() {
    }

    private static <L extends RecurrentLayer> L layer(Arguments a, L layer) {
        layer.numLayers(a.integer("num_layers", 1)).bidirectional(a.flag("bidirectional", false))
                .dropout(a.number("dropout", 0f)).batchFirst(a.flag("batch_first", true))
                .returnSequences(a.flag("return_sequences", false)).returnState(a.flag("return_state", false))
                .useBias(a.flag("use_bias", true));
        if (a.has("input_size")) {
            layer.build(1, 1, a.integer("input_size"));
        }
        return layer;
    }

    private static Map<String, Object> describe(RecurrentLayer r) {
        return values("units", r.units(), "input_size", known(r.inputSize()),
                "num_layers", r.numLayers() == 1 ? null : r.numLayers(), "bidirectional", r.isBidirectional() ? true : null,
                "dropout", r.dropoutRate() == 0f ? null : r.dropoutRate(), "batch_first", r.isBatchFirst() ? null : false,
                "return_sequences", r.returnsSequences() ? true : null, "return_state", r.returnsState() ? true : null,
                "use_bias", r.hasBias() ? null : false);
    }

    private static <C extends RecurrentCell> C cell(Arguments a, C cell) {
        if (a.has("input_size")) {
            cell.build(1, a.integer("input_size"));
        }
        return cell;
    }

    private static Map<String, Object> describe(RecurrentCell c) {
        return values("units", c.units(), "input_size", known(c.inputSize()), "use_bias", c.hasBias() ? null : false);
    }

    private static Map<String, Object> withActivation(Map<String, Object> described, String activation) {
        Map<String, Object> out = new LinkedHashMap<>(described);
        if (!activation.equals("tanh")) {
            out.put("activation", activation);
        }
        return out;
    }

    private static Layer wrapped(Arguments a) {
        if (!(a.raw("layer") instanceof Map<?, ?> spec)) {
            throw new LayerSpecException("layer", a.layer() + ": argument 'layer' must be a layer spec (an object such"
                    + " as {type: lstm, units: 64}), got " + Arguments.show(a.raw("layer")));
        }
        try {
            return LayerSpecs.create(LayerSpec.of(spec));
        } catch (LayerSpecException e) {
            throw e.within("layer");
        }
    }

    private static RecurrentLayer recurrent(Arguments a) {
        if (!(wrapped(a) instanceof RecurrentLayer layer)) {
            throw new LayerSpecException("layer", a.layer() + ": wraps a recurrent layer (SimpleRNN, LSTM or GRU),"
                    + " got " + a.raw("layer"));
        }
        return layer;
    }
}
