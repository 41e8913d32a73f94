package dev.nabla.examples;

import dev.nabla.data.FashionMnist;
import dev.nabla.data.Split;
import dev.nabla.generative.Dcgan;
import dev.nabla.generative.Gan;
import dev.nabla.generative.SampleGrid;
import dev.nabla.nn.Layer;
import dev.nabla.train.FitOptions;
import dev.nabla.train.ModelCheckpoint;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A DCGAN on Fashion-MNIST, the Java twin of {@code examples/dcgan-fashion-mnist.yaml}: noise of
 * 64 values, generator and discriminator of width 32 ({@link Dcgan}), one-sided label smoothing
 * 0.1, Adam 2e-4 (β₁ 0.5) for each, batches of 64. Writes a grid of 64 samples from fixed noise
 * after every epoch and the checkpoint {@code last.nabla} into {@code runs/dcgan-fashion-mnist}.
 * {@link ConditionalGanFashionMnist} is the same conditioned on the class.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp core/target/classes:examples/target/classes \
 *      dev.nabla.examples.DcganFashionMnist [--epochs 10] [--limit N]
 * </pre>
 */
public final class DcganFashionMnist {

    static final int LATENT_SIZE = 64;
    static final int WIDTH = 32;

    private DcganFashionMnist() {
    }

    public static void main(String[] args) throws IOException {
        run(ExampleOptions.parse(args, 10), 0, Path.of("runs", "dcgan-fashion-mnist"));
    }

    /** Trains a GAN (conditioned on {@code classes} classes, or none with 0), writing into {@code output}. */
    static Gan run(ExampleOptions options, int classes, Path output) throws IOException {
        Split data = FashionMnist.load();
        Layer.manualSeed(1);
        Gan gan = (classes == 0 ? new Gan(Dcgan.generator(LATENT_SIZE, 0, WIDTH), Dcgan.discriminator(0, WIDTH),
                LATENT_SIZE, 0) : Gan.withAuxiliaryClassifier(Dcgan.generator(LATENT_SIZE, classes, WIDTH),
                Dcgan.auxiliaryDiscriminator(classes, WIDTH), LATENT_SIZE, classes)).labelSmoothing(0.1f);
        gan.fit(options.limit(data.train()), FitOptions.defaults().epochs(options.epochs()).batchSize(64)
                .shuffle(true, 1).callbacks(new SampleGrid(gan, output, 64, 7),
                        new ModelCheckpoint(output.resolve("last.nabla"))));
        return gan;
    }
}
