package dev.nabla.zoo;

/**
 * What every architecture of the zoo takes: the number of classes of its head, the channels of
 * its input images, and whether to use the small-image stem (for 28×28 or 32×32 images).
 *
 * <pre>{@code
 * ZooOptions.of(10);                              // 10 classes, RGB, torchvision's stem
 * ZooOptions.of(10).inChannels(1).forSmallImages();  // Fashion-MNIST
 * }</pre>
 *
 * @param numClasses  the outputs of the last layer (torchvision's {@code num_classes}), logits
 * @param inChannels  the channels of the input images (3 for RGB; torchvision's models take 3)
 * @param smallImages whether the stem keeps small images large enough for the network: the
 *                    ResNet and DenseNet stem becomes a 3×3 stride-1 convolution without the
 *                    max pooling (the CIFAR variant of He et al.); LeNet takes 28×28 rather
 *                    than 32×32. The state-dict names stay torchvision's; the stem's
 *                    weight shape differs.
 */
public record ZooOptions(int numClasses, int inChannels, boolean smallImages) {

    /** Checks the sizes. */
    public ZooOptions {
        if (numClasses < 1) {
            throw new IllegalArgumentException("ZooOptions: numClasses must be at least 1, got " + numClasses);
        }
        if (inChannels < 1) {
            throw new IllegalArgumentException("ZooOptions: inChannels must be at least 1, got " + inChannels);
        }
    }

    /** {@code numClasses} classes, 3 input channels, torchvision's stem. */
    public static ZooOptions of(int numClasses) {
        return new ZooOptions(numClasses, 3, false);
    }

    /** torchvision's defaults: 1000 classes (ImageNet), 3 input channels. */
    public static ZooOptions imageNet() {
        return of(1000);
    }

    /** The same with another number of input channels. */
    public ZooOptions inChannels(int channels) {
        return new ZooOptions(numClasses, channels, smallImages);
    }

    /** The same with the small-image stem. */
    public ZooOptions forSmallImages() {
        return new ZooOptions(numClasses, inChannels, true);
    }
}
