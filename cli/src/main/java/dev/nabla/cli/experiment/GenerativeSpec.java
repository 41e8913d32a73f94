package dev.nabla.cli.experiment;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.generative.Autoencoder;
import dev.nabla.generative.Dcgan;
import dev.nabla.generative.FashionMnistNetworks;
import dev.nabla.generative.Gan;
import dev.nabla.generative.Vae;
import dev.nabla.generative.WassersteinGan;
import dev.nabla.loss.GradientPenalty;
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
 * @param kind           {@code gan}, {@code wgan-gp}, {@code vae} or {@code autoencoder}
 * @param latentSize     the noise or code size
 * @param classes        a GAN's classes to condition on (0: unconditional)
 * @param width          a GAN's channels ({@link Dcgan})
 * @param labelSmoothing a GAN's one-sided label smoothing
 * @param auxiliary      a conditional GAN's discriminator also classifies (AC-GAN)
 * @param penaltyWeight  a WGAN-GP's gradient penalty weight λ
 * @param criticSteps    a WGAN-GP's critic updates per generator update
 * @param beta           a VAE's KL weight
 * @param layers         {@code dense} or {@code convolutional} encoder and decoder (VAE, autoencoder)
 * @param hidden         the hidden units of dense encoders and decoders
 * @param noise          an autoencoder's denoising noise (standard deviation; 0: none)
 * @param anomalyClass   an autoencoder's class held out of training and scored as the anomaly (-1: none)
 * @param samples        the samples FID-FMNIST compares with as many test images
 */
public record GenerativeSpec(String kind, int latentSize, int classes, int width, float labelSmoothing,
                             boolean auxiliary, float penaltyWeight, int criticSteps, float beta,
                             String layers, int hidden, float noise, int anomalyClass, int samples, ConfigNode node) {

    /** The section's keys, in the reference's order. */
    public static final List<String> KEYS = List.of("kind", "latent_size", "classes", "width", "label_smoothing",
            "auxiliary_classifier", "penalty_weight", "critic_steps", "beta", "layers", "hidden", "noise",
            "anomaly_class", "samples");
    /** The values of {@code kind}. */
    public static final List<String> KINDS = List.of("gan", "wgan-gp", "vae", "autoencoder");
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
        for (String key : List.of("penalty_weight", "critic_steps", "label_smoothing", "auxiliary_classifier")) {
            String owner = key.startsWith("p") || key.startsWith("c") ? "wgan-gp" : "gan";
            if (map.has(key) && !kind.equals(owner)) {
                throw map.get(key).error("'" + key + "' is a setting of kind " + owner + ", not of " + kind);
            }
        }
        boolean auxiliary = map.bool("auxiliary_classifier", classes > 0);
        if (auxiliary && (classes == 0 || !kind.equals("gan"))) {
            throw map.get("auxiliary_classifier").error("an auxiliary classifier is for a conditional gan (classes > 0)");
        }
        float penaltyWeight = (float) map.number("penalty_weight", GradientPenalty.DEFAULT_WEIGHT);
        if (!(penaltyWeight >= 0)) {
            throw map.get("penalty_weight").error("expected a number of at least 0, got " + penaltyWeight);
        }
        return new GenerativeSpec(kind, map.integer("latent_size", 1, isGan(kind) ? 64 : 2), classes,
                map.integer("width", 1, 32), smoothing, auxiliary, penaltyWeight, map.integer("critic_steps", 1, 5),
                (float) map.number("beta", 1), layers,
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
            case "gan" -> (auxiliary ? Gan.withAuxiliaryClassifier(Dcgan.generator(latentSize, classes, width),
                    Dcgan.auxiliaryDiscriminator(classes, width), latentSize, classes)
                    : new Gan(Dcgan.generator(latentSize, classes, width), Dcgan.discriminator(classes, width),
                    latentSize, classes)).labelSmoothing(labelSmoothing).seed(seed);
            case "wgan-gp" -> new WassersteinGan(Dcgan.generator(latentSize, classes, width),
                    Dcgan.critic(classes, width), latentSize, classes, penaltyWeight, criticSteps).seed(seed);
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

    /** Whether {@code kind} is a GAN's: {@code gan} or {@code wgan-gp}. */
    static boolean isGan(String kind) {
        return kind.equals("gan") || kind.equals("wgan-gp");
    }

    /**
     * The names of the model's optimizers a file may set one by one under {@code training:
     * optimizer:} (a GAN's {@code generator} and {@code discriminator}); none for the others.
     */
    List<String> optimizerNames() {
        return isGan(kind) ? List.of(Gan.GENERATOR, Gan.DISCRIMINATOR) : List.of();
    }

    /** The section with its defaults filled in. */
    Map<String, Object> resolved() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", kind);
        out.put("latent_size", latentSize);
        if (isGan(kind)) {
            out.put("classes", classes);
            out.put("width", width);
        }
        if (kind.equals("gan")) {
            out.put("label_smoothing", Experiment.decimal(labelSmoothing));
            out.put("auxiliary_classifier", auxiliary);
        } else if (kind.equals("wgan-gp")) {
            out.put("penalty_weight", Experiment.decimal(penaltyWeight));
            out.put("critic_steps", criticSteps);
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
