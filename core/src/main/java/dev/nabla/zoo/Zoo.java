package dev.nabla.zoo;

import dev.nabla.io.PyTorchWeights;
import dev.nabla.nn.Sequential;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The model zoo: classic image classifiers built as torchvision builds them, with the same
 * parameter counts and the same {@code state_dict} names and shapes, so that a torchvision
 * checkpoint saved as safetensors loads unchanged ({@link #create(String, ZooOptions, Path)}).
 * Every architecture is a {@link Sequential} whose children are torchvision's top-level modules
 * ({@code conv1}, {@code layer1}, ..., {@code fc}; or {@code features}, {@code classifier}), so
 * {@link Transfer} can cut it at a named layer and replace its head. The models give logits
 * (no softmax), as torchvision's do. Beside torchvision's: LeNet-5 and the CIFAR ResNets of He et
 * al. ({@code resnet8}, {@code resnet20}, {@code resnet32}, {@code resnet56}; small images), whose
 * names follow torchvision's ResNets.
 *
 * <pre>{@code
 * Sequential resnet = Zoo.resnet18(ZooOptions.of(10));
 * Sequential small = Zoo.create("resnet18", ZooOptions.of(10).inChannels(1).forSmallImages());
 * Sequential pretrained = Zoo.create("resnet18", ZooOptions.imageNet(), Path.of("resnet18.safetensors"));
 * }</pre>
 *
 * <p>Weights start as each layer's default initialisation (PyTorch's), drawn from the default
 * generator ({@link dev.nabla.nn.Layer#manualSeed}), not torchvision's own schemes.
 */
public final class Zoo {

    private static final Map<String, Function<ZooOptions, Sequential>> ARCHITECTURES = new LinkedHashMap<>();

    static {
        ARCHITECTURES.put("lenet5", LeNet::lenet5);
        ARCHITECTURES.put("alexnet", Vggs::alexnet);
        ARCHITECTURES.put("vgg11", o -> Vggs.vgg(Vggs.VGG11, false, o));
        ARCHITECTURES.put("vgg13", o -> Vggs.vgg(Vggs.VGG13, false, o));
        ARCHITECTURES.put("vgg16", o -> Vggs.vgg(Vggs.VGG16, false, o));
        ARCHITECTURES.put("vgg19", o -> Vggs.vgg(Vggs.VGG19, false, o));
        ARCHITECTURES.put("vgg11_bn", o -> Vggs.vgg(Vggs.VGG11, true, o));
        ARCHITECTURES.put("vgg13_bn", o -> Vggs.vgg(Vggs.VGG13, true, o));
        ARCHITECTURES.put("vgg16_bn", o -> Vggs.vgg(Vggs.VGG16, true, o));
        ARCHITECTURES.put("vgg19_bn", o -> Vggs.vgg(Vggs.VGG19, true, o));
        ARCHITECTURES.put("resnet18", o -> ResNets.resnet(new int[] {2, 2, 2, 2}, false, o));
        ARCHITECTURES.put("resnet34", o -> ResNets.resnet(new int[] {3, 4, 6, 3}, false, o));
        ARCHITECTURES.put("resnet50", o -> ResNets.resnet(new int[] {3, 4, 6, 3}, true, o));
        ARCHITECTURES.put("resnet101", o -> ResNets.resnet(new int[] {3, 4, 23, 3}, true, o));
        ARCHITECTURES.put("resnet152", o -> ResNets.resnet(new int[] {3, 8, 36, 3}, true, o));
        ARCHITECTURES.put("resnet8", o -> ResNets.cifarResnet(8, o));
        ARCHITECTURES.put("resnet20", o -> ResNets.cifarResnet(20, o));
        ARCHITECTURES.put("resnet32", o -> ResNets.cifarResnet(32, o));
        ARCHITECTURES.put("resnet56", o -> ResNets.cifarResnet(56, o));
        ARCHITECTURES.put("densenet121", o -> DenseNets.densenet(new int[] {6, 12, 24, 16}, o));
        ARCHITECTURES.put("densenet169", o -> DenseNets.densenet(new int[] {6, 12, 32, 32}, o));
        ARCHITECTURES.put("densenet201", o -> DenseNets.densenet(new int[] {6, 12, 48, 32}, o));
        ARCHITECTURES.put("mobilenet_v2", MobileNets::mobilenetV2);
    }

    private Zoo() {
    }

    /** The architectures' names, torchvision's ({@code resnet18}, {@code vgg16_bn}, {@code mobilenet_v2}). */
    public static List<String> names() {
        return List.copyOf(ARCHITECTURES.keySet());
    }

    /**
     * The named architecture (case and underscores ignored: {@code ResNet18}, {@code mobilenetv2}).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Sequential create(String name, ZooOptions options) {
        String key = key(name);
        for (Map.Entry<String, Function<ZooOptions, Sequential>> e : ARCHITECTURES.entrySet()) {
            if (key(e.getKey()).equals(key)) {
                return e.getValue().apply(options);
            }
        }
        throw new IllegalArgumentException("Zoo: unknown architecture '" + name + "'; known: "
                + String.join(", ", ARCHITECTURES.keySet()));
    }

    /**
     * The named architecture with the weights of a safetensors file holding a PyTorch
     * {@code state_dict} (strictly: every key present, none extra, every shape equal).
     *
     * @throws IOException if the file cannot be read or is malformed
     * @throws IllegalArgumentException naming the file and every key that does not fit
     */
    public static Sequential create(String name, ZooOptions options, Path weights) throws IOException {
        Sequential model = create(name, options);
        PyTorchWeights.load(model, weights, true);
        return model;
    }

    private static String key(String name) {
        return name.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }

    /** LeNet-5 ({@link LeNet}). */
    public static Sequential lenet5(ZooOptions options) {
        return create("lenet5", options);
    }

    /** AlexNet, torchvision's {@code alexnet}. */
    public static Sequential alexnet(ZooOptions options) {
        return create("alexnet", options);
    }

    /** VGG with 11, 13, 16 or 19 weight layers, with batch norm or without (torchvision's {@code vgg16_bn}). */
    public static Sequential vgg(int depth, boolean batchNorm, ZooOptions options) {
        return create("vgg" + depth + (batchNorm ? "_bn" : ""), options);
    }

    /** ResNet-18. */
    public static Sequential resnet18(ZooOptions options) {
        return create("resnet18", options);
    }

    /** ResNet-34. */
    public static Sequential resnet34(ZooOptions options) {
        return create("resnet34", options);
    }

    /** ResNet-50. */
    public static Sequential resnet50(ZooOptions options) {
        return create("resnet50", options);
    }

    /** ResNet-101. */
    public static Sequential resnet101(ZooOptions options) {
        return create("resnet101", options);
    }

    /** ResNet-152. */
    public static Sequential resnet152(ZooOptions options) {
        return create("resnet152", options);
    }

    /** A CIFAR ResNet of depth 8, 20, 32 or 56 (He et al. 2015, section 4.2), for 28×28 and 32×32 images. */
    public static Sequential cifarResnet(int depth, ZooOptions options) {
        return create("resnet" + depth, options);
    }

    /** DenseNet with 121, 169 or 201 layers. */
    public static Sequential densenet(int depth, ZooOptions options) {
        return create("densenet" + depth, options);
    }

    /** MobileNetV2 at width 1.0. */
    public static Sequential mobilenetV2(ZooOptions options) {
        return create("mobilenet_v2", options);
    }
}
