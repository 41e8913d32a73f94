package dev.nabla.generative;

import dev.nabla.nn.Conv2d;
import dev.nabla.nn.ConvTranspose2d;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Reshape;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Sigmoid;
import dev.nabla.tensor.ConvolutionOptions;

/**
 * Encoders and decoders for 28 × 28 grey images (Fashion-MNIST), for {@link Autoencoder} and
 * {@link Vae}: dense ones (Flatten, Dense {@code hidden} ReLU, Dense {@code outputs}) and
 * convolutional ones (two 4 × 4 convolutions of stride 2, 16 and 32 filters: 28 → 14 → 7).
 */
public final class FashionMnistNetworks {

    private static final int PIXELS = 28 * 28;
    private static final ConvolutionOptions HALVE = ConvolutionOptions.defaults().stride(2).padding(1);

    private FashionMnistNetworks() {
    }

    /** Images {@code [N, 1, 28, 28]} → {@code [N, outputs]} (a VAE's encoder gives 2 × its latent size). */
    public static Sequential denseEncoder(int hidden, int outputs) {
        return new Sequential(new Flatten(), Dense.linear(PIXELS, hidden), new Relu(), Dense.linear(hidden, outputs));
    }

    /** Codes {@code [N, latentSize]} → images {@code [N, 1, 28, 28]}: probabilities, or logits (a VAE's) without {@code sigmoid}. */
    public static Sequential denseDecoder(int latentSize, int hidden, boolean sigmoid) {
        Sequential decoder = new Sequential(Dense.linear(latentSize, hidden), new Relu(), Dense.linear(hidden, PIXELS));
        if (sigmoid) {
            decoder.add(new Sigmoid());
        }
        decoder.add(new Reshape(1, 28, 28));
        return decoder;
    }

    /** Images {@code [N, 1, 28, 28]} → {@code [N, outputs]} through two strided convolutions and Dense. */
    public static Sequential convolutionalEncoder(int outputs) {
        return new Sequential(new Conv2d(Conv2d.Config.of(16, 4).inChannels(1).options(HALVE)), new Relu(),
                new Conv2d(Conv2d.Config.of(32, 4).inChannels(16).options(HALVE)), new Relu(),
                new Flatten(), Dense.linear(32 * 7 * 7, outputs));
    }

    /** Codes {@code [N, latentSize]} → images {@code [N, 1, 28, 28]} through Dense and two transposed convolutions. */
    public static Sequential convolutionalDecoder(int latentSize, boolean sigmoid) {
        Sequential decoder = new Sequential(Dense.linear(latentSize, 32 * 7 * 7), new Relu(), new Reshape(32, 7, 7),
                new ConvTranspose2d(ConvTranspose2d.Config.of(16, 4).inChannels(32).options(HALVE)), new Relu(),
                new ConvTranspose2d(ConvTranspose2d.Config.of(1, 4).inChannels(16).options(HALVE)));
        if (sigmoid) {
            decoder.add(new Sigmoid());
        }
        return decoder;
    }
}
