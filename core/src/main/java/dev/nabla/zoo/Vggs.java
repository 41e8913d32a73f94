package dev.nabla.zoo;

import static dev.nabla.zoo.Blocks.conv;
import static dev.nabla.zoo.Blocks.named;

import dev.nabla.nn.AdaptiveAvgPool2d;
import dev.nabla.nn.BatchNorm2d;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;

/**
 * VGG (Simonyan and Zisserman 2014) and AlexNet (Krizhevsky et al. 2012) as torchvision's
 * {@code vgg.py} and {@code alexnet.py} build them: {@code features} (convolutions with ReLU and
 * max pooling, numbered as torchvision numbers them), {@code avgpool} to a fixed size, and a
 * three-layer {@code classifier} with dropout.
 */
final class Vggs {

    /** Configurations A, B, D and E: output channels, 0 for a 2×2 max pooling. */
    static final int[] VGG11 = {64, 0, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0};
    static final int[] VGG13 = {64, 64, 0, 128, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0};
    static final int[] VGG16 = {64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0};
    static final int[] VGG19 = {64, 64, 0, 128, 128, 0, 256, 256, 256, 256, 0, 512, 512, 512, 512, 0,
        512, 512, 512, 512, 0};

    private Vggs() {
    }

    static Sequential vgg(int[] configuration, boolean batchNorm, ZooOptions options) {
        Sequential features = new Sequential();
        int in = options.inChannels();
        for (int out : configuration) {
            if (out == 0) {
                features.add(new MaxPool2d(2));
            } else {
                features.add(conv(in, out, 3, 1, 1, 1, true));
                if (batchNorm) {
                    features.add(new BatchNorm2d(out));
                }
                features.add(new Relu());
                in = out;
            }
        }
        return new Sequential(named("features", features), named("avgpool", new AdaptiveAvgPool2d(7)),
                named("flatten", new Flatten()), named("classifier", classifier(512 * 7 * 7, options.numClasses())));
    }

    static Sequential alexnet(ZooOptions options) {
        MaxPool2d.Config pool = MaxPool2d.Config.of(3).stride(2);
        Sequential features = new Sequential(conv(options.inChannels(), 64, 11, 4, 2, 1, true), new Relu(),
                new MaxPool2d(pool), conv(64, 192, 5, 1, 2, 1, true), new Relu(), new MaxPool2d(pool),
                conv(192, 384, 3, 1, 1, 1, true), new Relu(), conv(384, 256, 3, 1, 1, 1, true), new Relu(),
                conv(256, 256, 3, 1, 1, 1, true), new Relu(), new MaxPool2d(pool));
        Sequential classifier = new Sequential(new Dropout(0.5f), Dense.linear(256 * 6 * 6, 4096), new Relu(),
                new Dropout(0.5f), Dense.linear(4096, 4096), new Relu(), Dense.linear(4096, options.numClasses()));
        return new Sequential(named("features", features), named("avgpool", new AdaptiveAvgPool2d(6)),
                named("flatten", new Flatten()), named("classifier", classifier));
    }

    private static Sequential classifier(int in, int numClasses) {
        return new Sequential(Dense.linear(in, 4096), new Relu(), new Dropout(0.5f), Dense.linear(4096, 4096),
                new Relu(), new Dropout(0.5f), Dense.linear(4096, numClasses));
    }
}
