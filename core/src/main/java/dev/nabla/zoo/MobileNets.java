package dev.nabla.zoo;

import static dev.nabla.zoo.Blocks.named;

import dev.nabla.nn.AdaptiveAvgPool2d;
import dev.nabla.nn.BatchNorm2d;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Relu6;
import dev.nabla.nn.Residual;
import dev.nabla.nn.Sequential;
import dev.nabla.tensor.ActivationFunction;
import java.util.List;

/**
 * MobileNetV2 (Sandler et al. 2018) as torchvision's {@code mobilenetv2.py} builds it at width
 * 1.0: a stride-2 stem, inverted residual blocks (1×1 expansion, 3×3 depthwise, 1×1 linear
 * projection, with the identity added where the shape stays), a 1×1 convolution to 1280
 * channels, then dropout 0.2 and a linear {@code classifier}.
 */
final class MobileNets {

    /** Expansion t, output channels c, repeats n, first stride s, as in the paper's table 2. */
    private static final int[][] SETTINGS = {
        {1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
    private static final int LAST_CHANNELS = 1280;

    private MobileNets() {
    }

    static Sequential mobilenetV2(ZooOptions options) {
        Sequential features = new Sequential();
        int in = 32;
        features.add(convNormRelu6(options.inChannels(), in, 3, options.smallImages() ? 1 : 2, 1));
        for (int[] setting : SETTINGS) {
            for (int i = 0; i < setting[2]; i++) {
                int stride = i == 0 ? setting[3] : 1;
                features.add(invertedResidual(in, setting[1], stride, setting[0]));
                in = setting[1];
            }
        }
        features.add(convNormRelu6(in, LAST_CHANNELS, 1, 1, 1));
        return new Sequential(named("features", features), named("avgpool", new AdaptiveAvgPool2d(1)),
                named("flatten", new Flatten()), named("classifier",
                        new Sequential(new Dropout(0.2f), Dense.linear(LAST_CHANNELS, options.numClasses()))));
    }

    /** torchvision's {@code Conv2dNormActivation}: convolution, batch norm, ReLU6, numbered 0 to 2. */
    private static Sequential convNormRelu6(int in, int out, int k, int stride, int groups) {
        return new Sequential(Blocks.conv(in, out, k, stride, (k - 1) / 2, groups, false), new BatchNorm2d(out),
                new Relu6());
    }

    private static Layer invertedResidual(int in, int out, int stride, int expansion) {
        int hidden = in * expansion;
        Sequential conv = new Sequential();
        if (expansion != 1) {
            conv.add(convNormRelu6(in, hidden, 1, 1, 1));
        }
        conv.add(convNormRelu6(hidden, hidden, 3, stride, hidden));
        conv.add(Blocks.conv(hidden, out, 1, 1, 0));
        conv.add(new BatchNorm2d(out));
        Layer path = named("conv", conv);
        return stride == 1 && in == out ? new Residual(List.of(path), null, ActivationFunction.LINEAR)
                : new Sequential(path);
    }
}
