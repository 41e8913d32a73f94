package dev.nabla.zoo;

import static dev.nabla.zoo.Blocks.conv;
import static dev.nabla.zoo.Blocks.named;
import static dev.nabla.zoo.Blocks.norm;

import dev.nabla.nn.AdaptiveAvgPool2d;
import dev.nabla.nn.AvgPool2d;
import dev.nabla.nn.Dense;
import dev.nabla.nn.DenseBlock;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Layer;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import java.util.ArrayList;
import java.util.List;

/**
 * DenseNet-BC (Huang et al. 2016) as torchvision's {@code densenet.py} builds it: growth rate
 * 32, 64 initial features, bottleneck width 4 × growth, transitions halving the channels and
 * the image; {@code features} then {@code classifier}.
 */
final class DenseNets {

    private static final int GROWTH = 32;
    private static final int INITIAL_FEATURES = 64;
    private static final int BOTTLENECK = 4;

    private DenseNets() {
    }

    static Sequential densenet(int[] blocks, ZooOptions options) {
        Sequential features = new Sequential();
        if (options.smallImages()) {
            features.add(named("conv0", conv(options.inChannels(), INITIAL_FEATURES, 3, 1, 1)));
        } else {
            features.add(named("conv0", conv(options.inChannels(), INITIAL_FEATURES, 7, 2, 3)));
        }
        features.add(named("norm0", norm(INITIAL_FEATURES)));
        features.add(named("relu0", new Relu()));
        if (!options.smallImages()) {
            features.add(named("pool0", new MaxPool2d(MaxPool2d.Config.of(3).stride(2).padding(1))));
        }
        int channels = INITIAL_FEATURES;
        for (int b = 0; b < blocks.length; b++) {
            List<Layer> layers = new ArrayList<>();
            for (int i = 0; i < blocks[b]; i++) {
                layers.add(denseLayer(channels + i * GROWTH));
            }
            features.add(named("denseblock" + (b + 1), new DenseBlock(layers)));
            channels += blocks[b] * GROWTH;
            if (b < blocks.length - 1) {
                features.add(named("transition" + (b + 1), new Sequential(named("norm", norm(channels)),
                        named("relu", new Relu()), named("conv", conv(channels, channels / 2, 1, 1, 0)),
                        named("pool", new AvgPool2d(2)))));
                channels /= 2;
            }
        }
        features.add(named("norm5", norm(channels)));
        return new Sequential(named("features", features), named("relu", new Relu()),
                named("avgpool", new AdaptiveAvgPool2d(1)), named("flatten", new Flatten()),
                named("classifier", Dense.linear(channels, options.numClasses())));
    }

    private static Layer denseLayer(int in) {
        int width = BOTTLENECK * GROWTH;
        return new Sequential(named("norm1", norm(in)), named("relu1", new Relu()),
                named("conv1", conv(in, width, 1, 1, 0)), named("norm2", norm(width)), named("relu2", new Relu()),
                named("conv2", conv(width, GROWTH, 3, 1, 1)));
    }
}
