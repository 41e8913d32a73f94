package dev.nabla.cli.bench;

import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Lstm;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.PositionalEmbedding;
import dev.nabla.nn.Reshape;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.TransformerEncoder;
import dev.nabla.nn.TransformerOptions;
import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.ConvolutionOptions;
import java.util.Locale;

/**
 * The benchmark models of {@code shared/bench/WORKLOADS.md}, with explicit sizes (built at
 * once, as PyTorch's modules are) and logits out: {@code [N, 1, 28, 28] → [N, 10]}.
 * {@code bench/torch_bench.py} defines the same networks in PyTorch.
 */
public enum Workload {

    /**
     * Flatten → Dense(784→128) → ReLU → Dropout(0.2) → Dense(128→10), with the ReLU as the
     * first Dense's activation (Keras's {@code Dense(128, activation="relu")}): the same
     * function and weights as a separate ReLU layer, computed in one pass with the bias.
     */
    MLP {
        @Override
        public Sequential network(long seed) {
            Layer.manualSeed(seed);
            return new Sequential(
                    new Flatten(),
                    new Dense(Dense.Config.of(128).inFeatures(28 * 28).activation(ActivationFunction.RELU)),
                    new Dropout(0.2f),
                    Dense.linear(128, 10));
        }
    },

    /**
     * Conv2d(1→32, 3×3) → ReLU → MaxPool(2) → Conv2d(32→64, 3×3) → ReLU → MaxPool(2) →
     * Flatten → Dense(1600→128) → ReLU → Dropout(0.5) → Dense(128→10); no padding, so
     * 28 → 26 → 13 → 11 → 5. Each ReLU is its layer's activation (Keras's
     * {@code Conv2D(32, 3, activation="relu")}): the same function and weights as separate ReLU
     * layers, applied in the pass that adds the bias.
     */
    CNN {
        @Override
        public Sequential network(long seed) {
            Layer.manualSeed(seed);
            ConvolutionOptions valid = ConvolutionOptions.defaults();
            return new Sequential(
                    new Conv2d(Conv2d.Config.of(32, 3).inChannels(1).options(valid)
                            .activation(ActivationFunction.RELU)),
                    new MaxPool2d(2),                                                            // [N, 32, 13, 13]
                    new Conv2d(Conv2d.Config.of(64, 3).inChannels(32).options(valid)
                            .activation(ActivationFunction.RELU)),
                    new MaxPool2d(2),                                                            // [N, 64, 5, 5]
                    new Flatten(),
                    new Dense(Dense.Config.of(128).inFeatures(64 * 5 * 5).activation(ActivationFunction.RELU)),
                    new Dropout(0.5f),
                    Dense.linear(128, 10));
        }
    },

    /**
     * Each image as 28 steps of 28 features → LSTM(28→128), one layer → the last hidden state →
     * Dense(128→10).
     */
    LSTM {
        @Override
        public Sequential network(long seed) {
            Layer.manualSeed(seed);
            Lstm lstm = new Lstm(128);
            lstm.build(1, 28, 28);
            return new Sequential(new Reshape(28, 28), lstm, Dense.linear(128, 10));
        }
    },

    /**
     * Each image as 28 tokens of 28 features → Dense(28→64) + a learned positional embedding
     * [28, 64] → 2 post-norm Transformer encoder layers (d_model 64, 4 heads, feed-forward 128,
     * ReLU, dropout 0.1) → the mean over the tokens → Dense(64→10).
     */
    TRANSFORMER {
        @Override
        public Sequential network(long seed) {
            Layer.manualSeed(seed);
            PositionalEmbedding positions = new PositionalEmbedding(28);
            positions.build(1, 28, 64);
            TransformerOptions options = TransformerOptions.of(64, 4).dimFeedforward(128).dropout(0.1f);
            return new Sequential(
                    new Reshape(28, 28),
                    Dense.linear(28, 64),
                    positions,
                    new TransformerEncoder(options, 2, false),
                    new TokenMean(),
                    Dense.linear(64, 10));
        }
    };

    /** The batch size of every training workload. */
    public static final int BATCH_SIZE = 128;

    /** A freshly initialised network, its weights drawn from {@code seed}. */
    public abstract Sequential network(long seed);

    /** The name used on the command line and in output lines: {@code mlp}, {@code cnn}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
