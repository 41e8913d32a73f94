package dev.nabla.examples;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@link DcganFashionMnist} conditioned on the 10 classes (AC-GAN): the generator takes the
 * one-hot label beside the noise, the discriminator ({@link dev.nabla.generative.Dcgan#auxiliaryDiscriminator})
 * also classifies, and the generator learns to make images it classifies as the label asked for. Writes into
 * {@code runs/cgan-fashion-mnist}; {@code ./nabla sample runs/cgan-fashion-mnist/last.nabla --label 7}
 * draws sneakers.
 */
public final class ConditionalGanFashionMnist {

    private ConditionalGanFashionMnist() {
    }

    public static void main(String[] args) throws IOException {
        DcganFashionMnist.run(ExampleOptions.parse(args, 10), 10, Path.of("runs", "cgan-fashion-mnist"));
    }
}
