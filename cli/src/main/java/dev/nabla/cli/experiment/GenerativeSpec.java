package dev.nabla.cli.experiment;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.generative.Autoencoder;
import dev.nabla.generative.Dcgan;
import dev.nabla.generative.FashionMnistNetworks;
import dev.nabla.generative.Gan;
import dev.nabla.generative.Vae;
import dev.nabla.nn.Layer;
import dev.nabla.train.Model;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code model: generative:} section: a GAN, a VAE or an autoencoder of Nabla's own networks
 * for 28 × 28 grey images (see {@code docs/generative.md}).
 *
 * @param kind           {@code gan}, {@code vae} or {@code autoencoder}
 * @param latentSize     the noise or code size
 * @param classes        a GAN's classes to condition on (0: unconditional)
 * @param width          a GAN's channels ({@link Dcgan})
 * @param labelSmoothing a GAN's one-sided label smoothing
 * @param beta           a VAE's KL weight
 * @param layers         {@code dense} or {@code convolutional} encoder and decoder (VAE, autoencoder)
 * @param hidden         the hidden units of dense encoders and decoders
 * @param noise          an autoencoder's denoising noise (standard deviation; 0: none)
 * @param anomalyClass   an autoencoder's class held out of training and scored as the anomaly (-1: none)
 * @param samples        the samples FID-FMNIST compares with as many test images
 */
public record GenerativeSpec(String kind, int latentSize, int classes, int width, float labelSmoothing, float beta,
                             String layers, int hidden, float noise, int anomalyClass, int samples, ConfigNode node) {

    static final List<String> KEYS = List.of("kind", "latent_size", "classes", "width", "label_smoothing", "beta",
            "layers", "hidden", "noise", "anomaly_class", "samples");
    private static final List<String> KINDS = List.of("gan", "vae", "autoencoder");
    private static final int[] IMAGE = {1, 28, 28};

    static GenerativeSpec parse(ConfigNode node) {
        ConfigMap map = node.asMap().allowOnly(KEYS);
        String kind = map.require("kind").asString();
        if (!KINDS.contains(kind)) {
            throw map.get("kind").error("unknown kind '" + kind + "'; use one of " + String.join(", ", KINDS));
        }
        String layers = map.string("layers", "dense");
        if (!layers.equals("dense") && !layers.equals("convolutional")) {
            throw map.get("layers").error("unknown layers '" + layers + "'; use dense or convolutional");
        }
        int classes = map.integer("classes", 0, 0);
        if (classes == 1) {
            throw map.get("classes").error("a conditional GAN needs at least 2 classes; 0 makes it unconditional");
        }
        float smoothing = (float) map.number("label_smoothing", 0);
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw map.get("label_smoothing").error("expected a number in [0, 1), got " + smoothing);
        }
        return new GenerativeSpec(kind, map.integer("latent_size", 1, kind.equals("gan") ? 64 : 2), classes,
                map.integer("width", 1, 32), smoothing, (float) map.number("beta", 1), layers,
                map.integer("hidden", 1, 256), (float) map.number("noise", 0),
                map.has("anomaly_class") ? map.get("anomaly_class").asInt(0) : -1,
                map.integer("samples", 2, 10000), node);
    }

    /**
     * The model for samples of {@code sampleShape}, seeded.
     *
     * @throws dev.nabla.cli.config.ConfigException unless the samples are 28 × 28 grey images
     */
    public Model create(int[] sampleShape, long seed) {
        if (sampleShape != null && !Arrays.equals(sampleShape, IMAGE)) {
            throw node.error("the generative models take 28 x 28 grey images [1, 28, 28] (Fashion-MNIST, MNIST);"
                    + " the data's samples are " + Arrays.toString(sampleShape));
        }
        Layer.manualSeed(seed);
        boolean dense = layers.equals("dense");
        return switch (kind) {
            case "gan" -> new Gan(Dcgan.generator(latentSize, classes, width), Dcgan.discriminator(classes, width),
                    latentSize, classes).labelSmoothing(labelSmoothing).seed(seed);
            case "vae" -> new Vae(dense ? FashionMnistNetworks.denseEncoder(hidden, 2 * latentSize)
                    : FashionMnistNetworks.convolutionalEncoder(2 * latentSize),
                    dense ? FashionMnistNetworks.denseDecoder(latentSize, hidden, false)
                            : FashionMnistNetworks.convolutionalDecoder(latentSize, false),
                    latentSize, beta, IMAGE).seed(seed);
            default -> new Autoencoder(dense ? FashionMnistNetworks.denseEncoder(hidden, latentSize)
                    : FashionMnistNetworks.convolutionalEncoder(latentSize),
                    dense ? FashionMnistNetworks.denseDecoder(latentSize, hidden, true)
                            : FashionMnistNetworks.convolutionalDecoder(latentSize, true), IMAGE)
                    .denoising(noise).seed(seed);
        };
    }

    /** The section with its defaults filled in. */
    Map<String, Object> resolved() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", kind);
        out.put("latent_size", latentSize);
        if (kind.equals("gan")) {
            out.put("classes", classes);
            out.put("width", width);
            out.put("label_smoothing", Experiment.decimal(labelSmoothing));
        } else {
            out.put("layers", layers);
            out.put("hidden", hidden);
        }
        if (kind.equals("vae")) {
            out.put("beta", Experiment.decimal(beta));
        }
        if (kind.equals("autoencoder")) {
            out.put("noise", Experiment.decimal(noise));
            out.put("anomaly_class", anomalyClass);
        } else {
            out.put("samples", samples);
        }
        return out;
    }
}
