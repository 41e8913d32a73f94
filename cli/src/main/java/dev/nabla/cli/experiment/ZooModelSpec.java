package dev.nabla.cli.experiment;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.io.PyTorchWeights;
import dev.nabla.nn.Inference;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.StateDictReport;
import dev.nabla.tensor.Tensor;
import dev.nabla.zoo.Pretrained;
import dev.nabla.zoo.Transfer;
import dev.nabla.zoo.Zoo;
import dev.nabla.zoo.ZooOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@code model} section that names an architecture of the zoo ({@link Zoo}) instead of listing
 * layers:
 *
 * <pre>
 * model:
 *   zoo: resnet18            # any of Zoo.names()
 *   num_classes: 10          # the head's outputs (logits), default 1000
 *   small_images: true       # the small-image stem; default: true for images under 64 pixels
 *   weights: resnet18.safetensors   # a PyTorch state_dict, relative to the experiment file
 *   pretrained: fashion-mnist       # or Nabla's own weights for this architecture (Pretrained)
 *   strict: false            # load what fits and report the rest (default true)
 *   head: [{type: dense, units: 5}] # replaces the last layer (fc / classifier)
 *   freeze: [conv1, bn1, layer1]    # dotted names of layers to freeze
 *   freeze_up_to: layer3     # or: every top-level layer up to and including this one
 * </pre>
 *
 * The input channels are the data's. Weights load before the head is replaced, so a checkpoint
 * for another number of classes loads strictly when a head follows.
 */
final class ZooModelSpec {

    static final List<String> KEYS = List.of("zoo", "num_classes", "small_images", "weights", "pretrained", "strict",
            "head", "freeze", "freeze_up_to");

    private final ConfigMap map;
    private final Path base;

    private ZooModelSpec(ConfigMap map, Path base) {
        this.map = map;
        this.base = base;
    }

    static ZooModelSpec parse(ConfigMap map) {
        String name = map.require("zoo").asString();
        if (!Zoo.names().contains(name) && Zoo.names().stream().noneMatch(n -> same(n, name))) {
            throw map.get("zoo").error("unknown architecture '" + name + "'; the zoo has " + String.join(", ",
                    Zoo.names()));
        }
        if (map.has("num_classes")) {
            map.get("num_classes").asInt(1);
        }
        if (map.has("head")) {
            ModelSpec.checkLayers(map.get("head"));
        }
        if (map.has("pretrained")) {
            if (map.has("weights")) {
                throw map.get("pretrained").error("give either 'weights' (a file) or 'pretrained' (Nabla's own), not both");
            }
            String weights = name + "-" + map.get("pretrained").asString();
            if (!Pretrained.names().contains(weights)) {
                throw map.get("pretrained").error("Nabla ships no weights '" + weights + "'; it ships "
                        + String.join(", ", Pretrained.names()));
            }
        }
        return new ZooModelSpec(map, null);
    }

    private static boolean same(String known, String given) {
        return known.replace("_", "").equalsIgnoreCase(given.replace("_", "").replace("-", ""));
    }

    ZooModelSpec withBase(Path directory) {
        return new ZooModelSpec(map, directory);
    }

    Layer build(int[] sampleShape) {
        if (sampleShape == null || sampleShape.length != 3) {
            throw map.get("zoo").error("the zoo's models take images [channels, height, width], got samples of shape "
                    + (sampleShape == null ? "unknown" : Arrays.toString(sampleShape)));
        }
        boolean small = map.has("small_images") ? map.get("small_images").asBoolean()
                : Math.min(sampleShape[1], sampleShape[2]) < 64;
        int classes = map.has("num_classes") ? map.get("num_classes").asInt(1) : 1000;
        Sequential model = Zoo.create(map.get("zoo").asString(),
                new ZooOptions(classes, sampleShape[0], small));
        if (map.has("weights") || map.has("pretrained")) {
            load(model);
        }
        if (map.has("head")) {
            model = withHead(model, sampleShape);
        }
        for (ConfigNode name : map.has("freeze") ? map.get("freeze").asListOrOne() : List.<ConfigNode>of()) {
            try {
                Transfer.freeze(model, name.asString());
            } catch (IllegalArgumentException e) {
                throw name.error(e.getMessage());
            }
        }
        if (map.has("freeze_up_to")) {
            try {
                Transfer.freezeUpTo(model, map.get("freeze_up_to").asString());
            } catch (IllegalArgumentException e) {
                throw map.get("freeze_up_to").error(e.getMessage());
            }
        }
        return model;
    }

    private void load(Sequential model) {
        boolean pretrained = map.has("pretrained");
        ConfigNode weights = map.get(pretrained ? "pretrained" : "weights");
        Path file = Path.of(weights.asString());
        if (base != null && !file.isAbsolute()) {
            file = base.resolve(file).normalize();
        }
        boolean strict = !map.has("strict") || map.get("strict").asBoolean();
        try {
            String name = map.get("zoo").asString() + "-" + weights.asString();
            StateDictReport report = pretrained ? Pretrained.loadInto(model, name, strict)
                    : PyTorchWeights.load(model, file, strict);
            if (!report.isClean()) {
                System.err.println("WARNING: " + (pretrained ? name : file) + " did not fit every layer: " + report);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw weights.error("cannot load the weights: " + e.getMessage()
                    + (strict ? "; write strict: false to load what fits and see the rest" : ""));
        }
    }

    /** The model without its last layer, followed by the {@code head} layers as a child named {@code head}. */
    private Sequential withHead(Sequential model, int[] sampleShape) {
        List<String> names = new ArrayList<>(model.children().keySet());
        String cut = names.get(names.size() - 2);
        Sequential body = Transfer.upTo(model, cut);
        Tensor features;
        int[] dims = new int[sampleShape.length + 1];
        dims[0] = 1;
        System.arraycopy(sampleShape, 0, dims, 1, sampleShape.length);
        try (Inference ignored = Inference.enter()) {
            features = body.forward(Tensor.zeros(dims));
        }
        int[] featureShape = Arrays.copyOfRange(features.shape().toArray(), 1, features.rank());
        Layer head = ModelSpec.sequentialOf(map.get("head")).build(featureShape);
        return Transfer.withHead(model, cut, head.named("head"));
    }
}
