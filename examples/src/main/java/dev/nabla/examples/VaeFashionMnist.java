package dev.nabla.examples;

import dev.nabla.data.FashionMnist;
import dev.nabla.data.Split;
import dev.nabla.data.TensorDataset;
import dev.nabla.generative.FashionMnistNetworks;
import dev.nabla.generative.LatentScatter;
import dev.nabla.generative.SampleGrid;
import dev.nabla.generative.Vae;
import dev.nabla.nn.Layer;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.FitOptions;
import dev.nabla.train.ModelCheckpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * A VAE on Fashion-MNIST, the Java twin of {@code examples/vae-fashion-mnist.yaml}: dense encoder
 * and decoder of 256 hidden units, a 2-d code, β 1. Writes prior samples after every epoch,
 * {@code interpolation.png}, {@code latent.png} and {@code last.nabla} into {@code
 * runs/vae-fashion-mnist}, and prints the test set's negative ELBO in nats.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp core/target/classes:examples/target/classes \
 *      dev.nabla.examples.VaeFashionMnist [--epochs 10] [--limit N]
 * </pre>
 */
public final class VaeFashionMnist {

    private VaeFashionMnist() {
    }

    public static void main(String[] args) throws IOException {
        run(ExampleOptions.parse(args, 10), Path.of("runs", "vae-fashion-mnist"));
    }

    /** Trains and tests the VAE, writing into {@code output}; returns the test loss terms. */
    static Map<String, Double> run(ExampleOptions options, Path output) throws IOException {
        Split data = FashionMnist.load();
        Layer.manualSeed(1);
        Vae vae = new Vae(FashionMnistNetworks.denseEncoder(256, 4), FashionMnistNetworks.denseDecoder(2, 256, false),
                2, 1f, 1, 28, 28);
        vae.fit(options.limit(data.train()), FitOptions.defaults().epochs(options.epochs()).batchSize(128)
                .shuffle(true, 1).callbacks(new SampleGrid(vae, output, 64, 7),
                        new ModelCheckpoint(output.resolve("last.nabla"))));
        TensorDataset test = options.limit(data.test());
        Map<String, Double> metrics = vae.evaluate(test, 500);
        System.out.printf(Locale.ROOT, "test negative ELBO %.2f nats (reconstruction %.2f, KL %.2f)%n",
                metrics.get("negative_elbo"), metrics.get("reconstruction"), metrics.get("kl"));
        Tensor images = test.features();
        SampleGrid.write(vae.interpolate(images.slice(0, 0, 1), images.slice(0, 1, 2), 10), 10,
                output.resolve("interpolation.png"));
        LatentScatter.write(vae.encode(images), test.targets(), FashionMnist.CLASS_NAMES,
                output.resolve("latent.png"));
        return metrics;
    }
}
