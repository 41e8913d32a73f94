package dev.nabla.zoo;

import dev.nabla.io.PyTorchWeights;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.StateDictReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Weights Nabla trained itself and ships inside its jar (ImageNet weights cannot be downloaded
 * here): {@code resnet8-fashion-mnist} and {@code lenet5-fashion-mnist}, each the zoo's
 * architecture for 28×28 grey images and 10 classes, trained on Fashion-MNIST's 60,000 training
 * images by the experiment files in {@code examples/pretrained/}. docs/zoo.md is their model
 * card: recipe, test accuracy, intended use.
 *
 * <pre>{@code
 * Sequential resnet = Pretrained.load("resnet8-fashion-mnist");
 * }</pre>
 */
public final class Pretrained {

    private static final List<String> NAMES = List.of("resnet8-fashion-mnist", "lenet5-fashion-mnist");

    private Pretrained() {
    }

    /** The names of the shipped weights, {@code ARCHITECTURE-DATASET}. */
    public static List<String> names() {
        return NAMES;
    }

    /** The architecture with the named weights: 1 input channel, small images, 10 classes. */
    public static Sequential load(String name) throws IOException {
        Sequential model = Zoo.create(architecture(name), ZooOptions.of(10).inChannels(1).forSmallImages());
        loadInto(model, name, true);
        return model;
    }

    /**
     * Loads the named weights into a model by name (PyTorch's state-dict names); with
     * {@code strict} false, what fits is loaded and the rest reported (a model with another
     * number of classes or input channels).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones, or, when
     *     strict, for weights that do not fit
     */
    public static StateDictReport loadInto(Layer model, String name, boolean strict) throws IOException {
        architecture(name);
        Path file = Files.createTempFile("nabla-" + name, ".safetensors");
        try (InputStream in = Pretrained.class.getResourceAsStream("pretrained/" + name + ".safetensors")) {
            if (in == null) {
                throw new IOException("the jar lacks the weights " + name + ".safetensors under dev/nabla/zoo/pretrained");
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return PyTorchWeights.load(model, file, strict);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The architecture of the named weights: {@code resnet8} for {@code resnet8-fashion-mnist}. */
    public static String architecture(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("Pretrained: no weights named '" + name + "'; Nabla ships "
                    + String.join(", ", NAMES));
        }
        return name.substring(0, name.indexOf('-'));
    }
}
