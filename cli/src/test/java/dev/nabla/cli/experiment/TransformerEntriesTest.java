package dev.nabla.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.cli.config.YamlFile;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Summary;
import dev.nabla.nn.TransformerEncoder;
import dev.nabla.nn.TransformerEncoderLayer;
import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every attention, Transformer and position layer type in experiment files: built from a
 * {@code sequential} list and a {@code graph} (the decoders take [target, memory]), listed by the
 * summary, with the Transformer layers' {@code activation} reaching their feed-forward block.
 */
class TransformerEntriesTest {

    @TempDir
    Path directory;

    private Experiment parse(String text) {
        return Experiment.parse(YamlFile.parse(text, "x.yaml"), directory.resolve("run"), Experiment.Overrides.NONE);
    }

    @Test
    void tokenLayersAttentionAndEncodersBuildFromASequentialList() {
        Experiment experiment = parse("""
                data: digits
                model:
                  sequential:
                    - {type: token_and_position_embedding, vocabulary_size: 12, sequence_length: 6, embedding_dim: 8,
                       mask_zero: true}
                    - {type: sinusoidal_positional_encoding, max_length: 6}
                    - {type: rotary_embedding}
                    - {type: MultiheadAttention, embed_dim: 8, num_heads: 2, dropout: 0.1}
                    - {type: multi_head_attention, num_heads: 4, key_dim: 2, num_key_value_heads: 2, rotary_base: 500,
                       use_causal_mask: true}
                    - {type: transformer_encoder_layer, d_model: 8, nhead: 2, dim_feedforward: 16, activation: gelu,
                       norm_first: true, layer_norm_eps: 1.0e-6}
                    - {type: transformer_encoder, d_model: 8, nhead: 2, dim_feedforward: 16, num_layers: 2, norm: true}
                    - {type: positional_embedding, max_length: 6}
                training: {loss: mean_squared_error, epochs: 1}
                """);
        Layer model = experiment.model().build(new int[] {6});
        TransformerEncoderLayer encoderLayer = model.children().values().stream()
                .filter(TransformerEncoderLayer.class::isInstance).map(TransformerEncoderLayer.class::cast).findFirst()
                .orElseThrow();
        TransformerEncoder encoder = model.children().values().stream().filter(TransformerEncoder.class::isInstance)
                .map(TransformerEncoder.class::cast).findFirst().orElseThrow();
        assertEquals(ActivationFunction.GELU, encoderLayer.options().activation());
        assertTrue(encoderLayer.options().normFirst());
        assertEquals(2, encoder.numLayers());
        assertEquals(8, model.children().size(), "no activation layer added after the encoder layer");
        model.eval();
        Tensor y = model.forward(Tensor.of(new float[] {3, 4, 5, 0, 0, 0, 1, 2, 3, 4, 5, 6}, 2, 6));
        assertArrayEquals(new int[] {2, 6, 8}, y.shape().toArray());
        String summary = Summary.of(model, 6);
        for (String type : List.of("TokenAndPositionEmbedding", "SinusoidalPositionalEncoding", "RotaryEmbedding",
                "MultiHeadAttention", "TransformerEncoderLayer", "TransformerEncoder", "PositionalEmbedding")) {
            assertTrue(summary.contains("(" + type + ")"), type + " in\n" + summary);
        }
    }

    @Test
    void patchesAndDecodersBuildInAGraph() {
        Experiment experiment = parse("""
                data: digits
                model:
                  graph:
                    inputs: [image]
                    layers:
                      - {name: patches, type: patch_embedding, patch_size: 4, embed_dim: 8, class_token: true}
                      - {name: decoded, type: transformer_decoder_layer, d_model: 8, nhead: 2, dim_feedforward: 16,
                         inputs: [patches, patches]}
                      - {name: stacked, type: transformer_decoder, d_model: 8, nhead: 2, dim_feedforward: 16,
                         num_layers: 1, norm_first: true, inputs: [decoded, patches]}
                      - {name: whole, type: transformer, d_model: 8, nhead: 2, dim_feedforward: 16,
                         num_encoder_layers: 1, num_decoder_layers: 1, activation: gelu, inputs: [patches, stacked]}
                      - {type: flatten}
                      - {name: probabilities, type: dense, units: 10, activation: softmax}
                    outputs: [probabilities]
                training: {loss: sparse_categorical_crossentropy, metrics: [accuracy]}
                """);
        Layer model = experiment.model().build(experiment.sampleShape());
        String summary = Summary.of(model);
        for (String type : List.of("PatchEmbedding", "TransformerDecoderLayer", "TransformerDecoder",
                "Transformer")) {
            assertTrue(summary.contains("(" + type + ")"), type + " in\n" + summary);
        }
    }

    @Test
    void aSimpleRnnsActivationIsItsOwnNonlinearityNotALayerAfterIt() {
        Experiment experiment = parse("""
                data: digits
                model:
                  sequential:
                    - {type: reshape, shape: [8, 8]}
                    - {type: simple_rnn, units: 5, activation: relu}
                    - {type: dense, units: 10, activation: softmax}
                training:
                  loss: sparse_categorical_crossentropy
                """);
        Layer model = experiment.model().build(new int[] {64});
        dev.nabla.nn.SimpleRnn rnn = (dev.nabla.nn.SimpleRnn) model.children().values().stream()
                .filter(dev.nabla.nn.SimpleRnn.class::isInstance).findFirst().orElseThrow();
        assertEquals("relu", rnn.activation());
        assertEquals(4, model.children().size(), "no activation layer added after the RNN: " + model.children());
    }
}
