package dev.nabla.zoo;

import static dev.nabla.zoo.Blocks.conv;
import static dev.nabla.zoo.Blocks.named;
import static dev.nabla.zoo.Blocks.norm;

import dev.nabla.nn.AdaptiveAvgPool2d;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Layer;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Residual;
import dev.nabla.nn.Sequential;
import dev.nabla.tensor.ActivationFunction;
import java.util.ArrayList;
import java.util.List;

/**
 * ResNet (He et al. 2015) as torchvision's {@code resnet.py} builds it: a 7×7 stride-2 stem
 * and max pooling (or the small-image stem), four stages of basic blocks (18, 34) or
 * bottleneck blocks (50, 101, 152) with the stride-2 downsampling in each later stage's first
 * block (in the 3×3 convolution, torchvision's "ResNet V1.5"), global average pooling and a
 * linear head {@code fc}.
 */
final class ResNets {

    private ResNets() {
    }

    static Sequential resnet(int[] blocks, boolean bottleneck, ZooOptions options) {
        int expansion = bottleneck ? 4 : 1;
        Sequential model = new Sequential();
        if (options.smallImages()) {
            model.add(named("conv1", conv(options.inChannels(), 64, 3, 1, 1)));
        } else {
            model.add(named("conv1", conv(options.inChannels(), 64, 7, 2, 3)));
        }
        model.add(named("bn1", norm(64)));
        model.add(named("relu", new Relu()));
        if (!options.smallImages()) {
            model.add(named("maxpool", new MaxPool2d(MaxPool2d.Config.of(3).stride(2).padding(1))));
        }
        int inPlanes = 64;
        for (int stage = 0; stage < 4; stage++) {
            int planes = 64 << stage;
            Sequential layer = new Sequential();
            for (int b = 0; b < blocks[stage]; b++) {
                int stride = stage > 0 && b == 0 ? 2 : 1;
                layer.add(bottleneck ? bottleneck(inPlanes, planes, stride) : basic(inPlanes, planes, stride));
                inPlanes = planes * expansion;
            }
            model.add(named("layer" + (stage + 1), layer));
        }
        model.add(named("avgpool", new AdaptiveAvgPool2d(1)));
        model.add(named("flatten", new Flatten()));
        model.add(named("fc", Dense.linear(512 * expansion, options.numClasses())));
        return model;
    }

    /**
     * The CIFAR ResNets of He et al. (2015, section 4.2): depth 6n + 2, a 3×3 stem of 16
     * channels without pooling, three stages of n basic blocks with 16, 32 and 64 channels (the
     * later two halving the image), global average pooling and {@code fc}; shortcuts that change
     * the shape are 1×1 convolutions with batch norm (the paper's option B), named as
     * torchvision names its ResNets' layers. Made for 28×28 and 32×32 images.
     */
    static Sequential cifarResnet(int depth, ZooOptions options) {
        int blocks = (depth - 2) / 6;
        Sequential model = new Sequential(named("conv1", conv(options.inChannels(), 16, 3, 1, 1)),
                named("bn1", norm(16)), named("relu", new Relu()));
        int inPlanes = 16;
        for (int stage = 0; stage < 3; stage++) {
            int planes = 16 << stage;
            Sequential layer = new Sequential();
            for (int b = 0; b < blocks; b++) {
                layer.add(basic(inPlanes, planes, stage > 0 && b == 0 ? 2 : 1));
                inPlanes = planes;
            }
            model.add(named("layer" + (stage + 1), layer));
        }
        model.add(named("avgpool", new AdaptiveAvgPool2d(1)));
        model.add(named("flatten", new Flatten()));
        model.add(named("fc", Dense.linear(64, options.numClasses())));
        return model;
    }

    private static Layer basic(int in, int planes, int stride) {
        List<Layer> path = List.of(named("conv1", conv(in, planes, 3, stride, 1)), named("bn1", norm(planes)),
                named("relu", new Relu()), named("conv2", conv(planes, planes, 3, 1, 1)), named("bn2", norm(planes)));
        return new Residual(path, downsample(in, planes, stride), ActivationFunction.RELU);
    }

    private static Layer bottleneck(int in, int planes, int stride) {
        List<Layer> path = new ArrayList<>(List.of(named("conv1", conv(in, planes, 1, 1, 0)),
                named("bn1", norm(planes)), named("relu1", new Relu()),
                named("conv2", conv(planes, planes, 3, stride, 1)), named("bn2", norm(planes)),
                named("relu2", new Relu()),
                named("conv3", conv(planes, planes * 4, 1, 1, 0)), named("bn3", norm(planes * 4))));
        return new Residual(path, downsample(in, planes * 4, stride), ActivationFunction.RELU);
    }

    /** torchvision's {@code downsample}: a 1×1 convolution and batch norm where the shape changes, else none. */
    private static Layer downsample(int in, int out, int stride) {
        if (stride == 1 && in == out) {
            return null;
        }
        return named("downsample", Blocks.sequence(conv(in, out, 1, stride, 0), norm(out)));
    }
}
