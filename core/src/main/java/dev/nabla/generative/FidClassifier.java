package dev.nabla.generative;

import dev.nabla.io.ModelFile;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Inference;
import dev.nabla.nn.Layer;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The Fashion-MNIST classifier whose penultimate features FID-FMNIST compares ({@link
 * FrechetDistance}): two 3 × 3 convolutions (16 and 32 filters, ReLU, 2 × 2 max pooling), Dense
 * 64 ReLU (the features), Dense 10 (logits). Its weights ship with Nabla ({@code
 * fid-fmnist-classifier.nabla}, trained once with Nabla by {@code
 * dev.nabla.examples.FidClassifierTraining}; see {@code docs/generative.md}), so every FID-FMNIST
 * is measured with the same network. Images are {@code [N, 1, 28, 28]} in [0, 1].
 */
public final class FidClassifier {

    /** The resource holding the shipped weights. */
    public static final String RESOURCE = "fid-fmnist-classifier.nabla";
    /** The size of the features. */
    public static final int FEATURES = 64;
    private static final int FEATURE_LAYERS = 9;   // up to and with the ReLU after Dense 64

    private final Sequential network;

    /** The classifier of these trained layers (as {@link #network()} makes them). */
    public FidClassifier(Sequential network) {
        this.network = network;
    }

    /** The untrained network: {@code [N, 1, 28, 28] → [N, 10]} logits, features after its eighth layer. */
    public static Sequential untrained() {
        ConvolutionOptions same = ConvolutionOptions.defaults().paddingSame();
        return new Sequential(
                new Conv2d(Conv2d.Config.of(16, 3).inChannels(1).options(same)), new Relu(), new MaxPool2d(2),
                new Conv2d(Conv2d.Config.of(32, 3).inChannels(16).options(same)), new Relu(), new MaxPool2d(2),
                new Flatten(), Dense.linear(32 * 7 * 7, FEATURES), new Relu(), Dense.linear(FEATURES, 10));
    }

    /** The classifier with the weights shipped with Nabla. */
    public static FidClassifier shipped() {
        try (InputStream in = FidClassifier.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("FidClassifier: the resource " + RESOURCE + " is missing from the"
                        + " class path; it ships in nabla-core beside dev.nabla.generative.FidClassifier");
            }
            Path file = Files.createTempFile("fid-fmnist", ".nabla");
            try {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                Layer loaded = ModelFile.load(file).model();
                return new FidClassifier((Sequential) loaded);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("FidClassifier: cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** The penultimate features of {@code images [N, 1, 28, 28]}: {@code [N, 64]}, computed in batches of 500. */
    public Tensor features(Tensor images) {
        return inBatches(images, true);
    }

    /** The class each image is most likely of: {@code [N]} labels. */
    public Tensor labels(Tensor images) {
        return inBatches(images, false).argmax(1, false);
    }

    private Tensor inBatches(Tensor images, boolean features) {
        if (images.rank() != 4 || images.dim(1) != 1 || images.dim(2) != 28 || images.dim(3) != 28) {
            throw new IllegalArgumentException("FidClassifier: need Fashion-MNIST images [N, 1, 28, 28], got shape "
                    + images.shape());
        }
        int n = images.dim(0);
        Tensor[] parts = new Tensor[(n + 499) / 500];
        try (Inference ignored = Inference.enter(); NoGrad ignoredToo = NoGrad.enter()) {
            for (int b = 0; b < parts.length; b++) {
                Tensor x = images.slice(0, b * 500, Math.min(n, b * 500 + 500));
                int end = features ? FEATURE_LAYERS : network.size();
                for (int layer = 0; layer < end; layer++) {
                    x = network.get(layer).forward(x);
                }
                parts[b] = x;
            }
        }
        return Tensor.concat(0, parts);
    }

    /** The network. */
    public Sequential network() {
        return network;
    }
}
