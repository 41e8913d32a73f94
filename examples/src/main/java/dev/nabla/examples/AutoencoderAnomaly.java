package dev.nabla.examples;

import dev.nabla.data.FashionMnist;
import dev.nabla.data.Split;
import dev.nabla.data.TensorDataset;
import dev.nabla.generative.Autoencoder;
import dev.nabla.generative.FashionMnistNetworks;
import dev.nabla.nn.Layer;
import dev.nabla.train.FitOptions;
import java.io.IOException;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Anomaly detection on Fashion-MNIST, the Java twin of {@code examples/autoencoder-anomaly.yaml}:
 * a denoising convolutional autoencoder (16-value code, noise 0.1) trained on every class but
 * bags (8); the reconstruction error then scores test bags against the other test
 * images, and the ROC AUC of that score is printed.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp core/target/classes:examples/target/classes \
 *      dev.nabla.examples.AutoencoderAnomaly [--epochs 5] [--limit N]
 * </pre>
 */
public final class AutoencoderAnomaly {

    static final int ANOMALY = 8;

    private AutoencoderAnomaly() {
    }

    public static void main(String[] args) throws IOException {
        run(ExampleOptions.parse(args, 5));
    }

    /** Trains on the normal classes and returns the ROC AUC of telling bags apart. */
    static double run(ExampleOptions options) throws IOException {
        Split data = FashionMnist.load();
        Layer.manualSeed(1);
        Autoencoder autoencoder = new Autoencoder(FashionMnistNetworks.convolutionalEncoder(16),
                FashionMnistNetworks.convolutionalDecoder(16, true), 1, 28, 28).denoising(0.1f);
        autoencoder.fit(withLabel(options.limit(data.train()), false), FitOptions.defaults()
                .epochs(options.epochs()).batchSize(128).shuffle(true, 1));
        TensorDataset test = options.limit(data.test());
        double auc = autoencoder.anomalyAuc(withLabel(test, false).features(), withLabel(test, true).features());
        System.out.printf(Locale.ROOT, "ROC AUC of bags by reconstruction error: %.4f%n", auc);
        return auc;
    }

    private static TensorDataset withLabel(TensorDataset data, boolean anomaly) {
        float[] labels = data.targets().toFloatArray();
        return data.subset(IntStream.range(0, labels.length).filter(i -> (labels[i] == ANOMALY) == anomaly).toArray());
    }
}
