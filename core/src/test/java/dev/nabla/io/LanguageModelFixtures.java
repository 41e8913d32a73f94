package dev.nabla.io;

import dev.nabla.nn.CausalTransformerBlock;
import dev.nabla.nn.Layer;
import dev.nabla.nn.RecurrentLanguageModel;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.TransformerLanguageModel;
import java.util.List;

/** The language models in the settings the spec and model-file tests go through. */
final class LanguageModelFixtures {

    private LanguageModelFixtures() {
    }

    /** Every language-model layer type, with settings away from their defaults. */
    static List<Layer> everyType() {
        return List.of(new TransformerLanguageModel(TransformerLanguageModel.Config.of(10, 5, 8, 2, 2)),
                new TransformerLanguageModel(TransformerLanguageModel.Config.of(10, 6, 8, 2, 1).dimFeedforward(12)
                        .dropout(0.1f).positions(TransformerLanguageModel.Positions.ROTARY).tieWeights(true)),
                new RecurrentLanguageModel(RecurrentLanguageModel.Config.of(10, 4, 6, 2)),
                new RecurrentLanguageModel(RecurrentLanguageModel.Config.of(10, 4, 6, 1).dropout(0.2f)
                        .cell(RecurrentLanguageModel.CellType.GRU)),
                new CausalTransformerBlock(8, 2, 16, 0f, false), new CausalTransformerBlock(8, 4, 8, 0.1f, true));
    }

    /** Token ids [2, 5] (ModelFixtures.tokenInput) through each language model, as a sequence of one. */
    static List<Layer> models() {
        return List.of(
                ModelFixtures.prepared(new Sequential(new TransformerLanguageModel(
                        TransformerLanguageModel.Config.of(10, 5, 8, 2, 2).positions(
                                TransformerLanguageModel.Positions.ROTARY))), ModelFixtures.tokenInput()),
                ModelFixtures.prepared(new Sequential(new RecurrentLanguageModel(
                        RecurrentLanguageModel.Config.of(10, 4, 6, 2))), ModelFixtures.tokenInput()));
    }
}
