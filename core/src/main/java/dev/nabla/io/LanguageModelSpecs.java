package dev.nabla.io;

import static dev.nabla.io.LayerType.values;

import dev.nabla.nn.CausalTransformerBlock;
import dev.nabla.nn.RecurrentLanguageModel;
import dev.nabla.nn.TransformerLanguageModel;
import java.util.List;

/**
 * The registry entries of the language models: {@code TransformerLanguageModel} and
 * {@code RecurrentLanguageModel} from their configuration records ({@code vocabulary_size},
 * {@code context_length}, {@code d_model}, ...), and the GPT block on its own.
 */
final class LanguageModelSpecs {

    static final List<LayerType<?>> TYPES = List.of(
            LayerType.ofRecord(TransformerLanguageModel.class, TransformerLanguageModel.Config.class,
                    TransformerLanguageModel::new, TransformerLanguageModel::config).alias("GptLanguageModel"),
            LayerType.ofRecord(RecurrentLanguageModel.class, RecurrentLanguageModel.Config.class,
                    RecurrentLanguageModel::new, RecurrentLanguageModel::config),
            LayerType.of(CausalTransformerBlock.class, "d_model: int, num_heads|nhead: int, dim_feedforward: int,"
                    + " dropout: float, rotary: bool",
                    a -> new CausalTransformerBlock(a.integer("d_model"), a.integer("num_heads"),
                            a.integer("dim_feedforward", 0), a.number("dropout", 0f),
                            a.flag("rotary", false)),
                    b -> values("d_model", b.options().dModel(), "num_heads", b.options().nhead(), "dim_feedforward",
                            b.options().dimFeedforward(), "dropout", b.options().dropout() == 0f ? null
                                    : b.options().dropout(), "rotary", b.selfAttention().rotaryBase() != 0f ? true
                                    : null)));

    private LanguageModelSpecs() {
    }
}
