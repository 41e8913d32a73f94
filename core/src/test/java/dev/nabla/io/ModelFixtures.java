package dev.nabla.io;

import dev.nabla.nn.AdaptiveAvgPool2d;
import dev.nabla.nn.Add;
import dev.nabla.nn.AvgPool1d;
import dev.nabla.nn.AvgPool2d;
import dev.nabla.nn.BatchNorm1d;
import dev.nabla.nn.BatchNorm2d;
import dev.nabla.nn.Concatenate;
import dev.nabla.nn.Conv1d;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.ConvTranspose2d;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Elu;
import dev.nabla.nn.Embedding;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Gelu;
import dev.nabla.nn.GlobalAvgPool;
import dev.nabla.nn.GlobalMaxPool;
import dev.nabla.nn.Graph;
import dev.nabla.nn.GraphNode;
import dev.nabla.nn.GroupNorm;
import dev.nabla.nn.Layer;
import dev.nabla.nn.LayerNorm;
import dev.nabla.nn.LeakyRelu;
import dev.nabla.nn.LogSoftmax;
import dev.nabla.nn.MaxPool1d;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Multiply;
import dev.nabla.nn.Parameter;
import dev.nabla.nn.Permute;
import dev.nabla.nn.Prelu;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Reshape;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Sigmoid;
import dev.nabla.nn.Silu;
import dev.nabla.nn.Softplus;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.SpatialDropout2d;
import dev.nabla.nn.Tanh;
import dev.nabla.nn.UpSampling2d;
import dev.nabla.nn.ZeroPadding2d;
import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.util.List;

/**
 * Small models that together use every built-in layer type, with random weights and
 * batch-norm statistics that moved away from their start, and inputs for them.
 */
final class ModelFixtures {

    private ModelFixtures() {
    }

    /** Images [2, 3, 8, 8] → 5 class probabilities. */
    static Sequential imageModel() {
        Sequential model = new Sequential(
                new Conv2d(Conv2d.Config.of(4, 3).inChannels(3).options(ConvolutionOptions.defaults().padding(1))),
                        new BatchNorm2d(), new Relu(),
                new MaxPool2d(2), new ZeroPadding2d(1), new AvgPool2d(2), new UpSampling2d(2),
                new ConvTranspose2d(ConvTranspose2d.Config.of(2, 3).options(ConvolutionOptions.defaults())),
                        new GroupNorm(2), new SpatialDropout2d(0.2f),
                new AdaptiveAvgPool2d(2), new LeakyRelu(0.1f), new Flatten(),
                new Sequential(new Dense(6), new LayerNorm(), new Gelu()), new Dropout(0.3f), Dense.linear(6, 5),
                new Softmax());
        return prepared(model, imageInput());
    }

    static Tensor imageInput() {
        return Tensor.uniform(new Generator(3), -1f, 1f, 2, 3, 8, 8);
    }

    /** Sequences [2, 3, 10] → 4 log-probabilities. */
    static Sequential sequenceModel() {
        Sequential model = new Sequential(new Conv1d(4, 3), new BatchNorm1d(4), new Elu(), new MaxPool1d(2),
                new AvgPool1d(2), new Permute(2, 1), new Reshape(4, 2), new Tanh(), new GlobalMaxPool(), new Silu(),
                new Softplus(2f, 1f), new Prelu(4, 0.2f), new Sigmoid(), new LogSoftmax());
        return prepared(model, sequenceInput());
    }

    static Tensor sequenceInput() {
        return Tensor.uniform(new Generator(4), -1f, 1f, 2, 3, 10);
    }

    /** Token ids [2, 5] → 3 scores. */
    static Sequential tokenModel() {
        Sequential model = new Sequential(new Embedding(Embedding.Config.of(10, 4).paddingIndex(0)), new Permute(2,
                1), new GlobalAvgPool(),
                new Dense(3));
        return prepared(model, tokenInput());
    }

    static Tensor tokenInput() {
        return Tensor.of(new float[] {1, 2, 3, 0, 9, 4, 4, 5, 0, 8}, 2, 5);
    }

    /** Token ids [2, 5] through every sequence layer → [2, 2]. */
    static Sequential recurrentModel() {
        return prepared(RecurrentLayerFixtures.model(), tokenInput());
    }

    /** Two inputs a and b [4] with a skip connection, a shared layer and a nested Sequential → [3]. */
    static Graph twoInputGraph() {
        Layer.manualSeed(5);
        GraphNode a = GraphNode.input("a", 4);
        GraphNode b = GraphNode.input("b", 4);
        Dense shared = new Dense(4);
        GraphNode hidden = new Relu().apply(shared.apply(a));
        GraphNode skip = new Add().apply(hidden, a);
        GraphNode gated = new Multiply().apply(skip, shared.apply(b));
        GraphNode joined = new Concatenate().apply(gated, b);
        GraphNode out = new Sequential(Dense.linear(8, 6), new Tanh(), Dense.linear(6, 3)).apply(joined);
        return prepared(new Graph(List.of(a, b), List.of(out)), null);
    }

    static List<Tensor> graphInputs() {
        return List.of(Tensor.uniform(new Generator(6), -1f, 1f, 3, 4), Tensor.uniform(new Generator(7), -1f, 1f, 3,
                4));
    }

    /** The model built by a first forward pass, its parameters random, its running statistics moved by two passes. */
    static <L extends Layer> L prepared(L model, Tensor input) {
        model.seed(11);
        if (input != null) {
            model.forward(input);
            model.forward(input);
        }
        Generator random = new Generator(12);
        try (NoGrad ignored = NoGrad.enter()) {
            for (Parameter p : model.parameters()) {
                p.value().assign(Tensor.uniform(random, -1f, 1f, p.shape().toArray()));
            }
        }
        return model;
    }
}
