package dev.nabla.zoo;

import static dev.nabla.zoo.Blocks.conv;
import static dev.nabla.zoo.Blocks.named;

import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;

/**
 * LeNet-5 (LeCun et al. 1998) with today's ReLU and max pooling: two 5×5 convolutions of 6 and
 * 16 channels, each followed by 2×2 pooling, then dense layers of 120 and 84 units and the head
 * {@code fc3}; 61,706 parameters for 10 classes. It takes 32×32 images, or 28×28 with the
 * small-image option (the first convolution pads by 2). torchvision has no LeNet: the names are
 * those of the PyTorch tutorial's ({@code conv1}, {@code fc1}, ...).
 */
final class LeNet {

    private LeNet() {
    }

    static Sequential lenet5(ZooOptions options) {
        return new Sequential(named("conv1", conv(options.inChannels(), 6, 5, 1, options.smallImages() ? 2 : 0, 1,
                true)), named("relu1", new Relu()), named("pool1", new MaxPool2d(2)),
                named("conv2", conv(6, 16, 5, 1, 0, 1, true)), named("relu2", new Relu()),
                named("pool2", new MaxPool2d(2)), named("flatten", new Flatten()),
                named("fc1", Dense.linear(16 * 5 * 5, 120)), named("relu3", new Relu()),
                named("fc2", Dense.linear(120, 84)), named("relu4", new Relu()),
                named("fc3", Dense.linear(84, options.numClasses())));
    }
}
