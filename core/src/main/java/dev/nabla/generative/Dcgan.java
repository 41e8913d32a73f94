package dev.nabla.generative;

import dev.nabla.nn.BatchNorm1d;
import dev.nabla.nn.BatchNorm2d;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.ConvTranspose2d;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.LeakyRelu;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Reshape;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Tanh;
import dev.nabla.tensor.ConvolutionOptions;

/**
 * The networks of a DCGAN (Radford et al. 2015) for 28 × 28 grey images such as Fashion-MNIST:
 * transposed convolutions that double the size, batch norm and ReLU in the generator; strided
 * convolutions, batch norm and LeakyReLU (slope 0.2) in the discriminator; no pooling. A
 * conditional GAN's generator takes {@code classes} more inputs (the one-hot label) and its
 * discriminator {@code classes} more channels (label planes): {@link Gan} appends them.
 */
public final class Dcgan {

    private static final ConvolutionOptions DOUBLE = ConvolutionOptions.defaults().stride(2).padding(1);

    private Dcgan() {
    }

    /**
     * Noise {@code [N, latentSize + classes]} → images {@code [N, 1, 28, 28]} in [-1, 1]: Dense to
     * {@code 2·width × 7 × 7}, then two 4 × 4 transposed convolutions of stride 2 (7 → 14 → 28).
     */
    public static Sequential generator(int latentSize, int classes, int width) {
        int features = 2 * width * 7 * 7;
        return new Sequential(Dense.linear(latentSize + classes, features), new BatchNorm1d(features), new Relu(),
                new Reshape(2 * width, 7, 7),
                new ConvTranspose2d(ConvTranspose2d.Config.of(width, 4).inChannels(2 * width).options(DOUBLE)),
                new BatchNorm2d(width), new Relu(),
                new ConvTranspose2d(ConvTranspose2d.Config.of(1, 4).inChannels(width).options(DOUBLE)), new Tanh());
    }

    /**
     * Images {@code [N, 1 + classes, 28, 28]} → a logit {@code [N, 1]}: two 4 × 4 convolutions of
     * stride 2 (28 → 14 → 7), the second batch-normalised, LeakyReLU after each, then Dense.
     */
    public static Sequential discriminator(int classes, int width) {
        return convolutions(1 + classes, width, true, 1);
    }

    /**
     * An auxiliary classifier's discriminator (AC-GAN, see {@link Gan#withAuxiliaryClassifier}):
     * images {@code [N, 1, 28, 28]} alone → a real-or-fake logit and {@code classes} class logits
     * {@code [N, 1 + classes]}, through the layers of {@link #discriminator}.
     */
    public static Sequential auxiliaryDiscriminator(int classes, int width) {
        if (classes < 2) {
            throw new IllegalArgumentException("Dcgan: an auxiliary classifier needs at least 2 classes, got " + classes);
        }
        return convolutions(1, width, true, 1 + classes);
    }

    /**
     * A WGAN-GP critic: {@link #discriminator(int, int)} without batch norm (the gradient
     * penalty is per image, and batch norm mixes the images of a batch), one score {@code [N, 1]}.
     */
    public static Sequential critic(int classes, int width) {
        return convolutions(1 + classes, width, false, 1);
    }

    private static Sequential convolutions(int channels, int width, boolean batchNorm, int outputs) {
        Sequential layers = new Sequential(
                new Conv2d(Conv2d.Config.of(width, 4).inChannels(channels).options(DOUBLE)), new LeakyRelu(0.2f),
                new Conv2d(Conv2d.Config.of(2 * width, 4).inChannels(width).options(DOUBLE)));
        if (batchNorm) {
            layers.add(new BatchNorm2d(2 * width));
        }
        layers.add(new LeakyRelu(0.2f));
        layers.add(new Flatten());
        layers.add(Dense.linear(2 * width * 7 * 7, outputs));
        return layers;
    }
}
