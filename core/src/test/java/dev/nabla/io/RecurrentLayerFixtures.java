package dev.nabla.io;

import dev.nabla.nn.Bidirectional;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Embedding;
import dev.nabla.nn.Gru;
import dev.nabla.nn.GruCell;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Lstm;
import dev.nabla.nn.LstmCell;
import dev.nabla.nn.Masking;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.SimpleRnn;
import dev.nabla.nn.SimpleRnnCell;
import dev.nabla.nn.TimeDistributed;
import java.util.List;

/** The sequence layers in the settings the spec and model-file tests go through. */
final class RecurrentLayerFixtures {

    private RecurrentLayerFixtures() {
    }

    /** Every sequence layer type, built and unbuilt, with its settings away from their defaults. */
    static List<Layer> everyType() {
        Gru built = new Gru(2);
        built.build(1, 1, 3);
        return List.of(
                new SimpleRnn(4), new SimpleRnn(5, "relu").numLayers(2).returnSequences(true).build(1, 1, 3),
                new Lstm(6).bidirectional(true).dropout(0.25f).batchFirst(false).returnState(true),
                new Lstm(3).useBias(false).build(1, 1, 2), new Gru(4).returnSequences(true),
                new LstmCell(3), new GruCell(4, false).build(1, 3), new SimpleRnnCell(2, "relu", true),
                new Bidirectional(new Lstm(3).returnSequences(true), "sum"), new Bidirectional(built),
                new TimeDistributed(new Dense(3)), new Masking(), new Masking(-1f),
                new Embedding(10, 4).maskZero(true));
    }

    /** Token ids [2, 5] (0 is padding) through every sequence layer → [2, 2]. */
    static Sequential model() {
        return new Sequential(new Embedding(10, 4).maskZero(true),
                new Bidirectional(new Lstm(3).returnSequences(true), "ave"), new TimeDistributed(new Dense(4)),
                new Masking(), new Gru(3).numLayers(2).returnSequences(true), new SimpleRnn(3),
                new LstmCell(3), new GruCell(3), new SimpleRnnCell(2));
    }
}
