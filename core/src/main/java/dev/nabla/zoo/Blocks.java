package dev.nabla.zoo;

import dev.nabla.nn.BatchNorm2d;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Sequential;
import dev.nabla.tensor.ConvolutionOptions;

/** The pieces the architectures share, each built at once with torchvision's sizes. */
final class Blocks {

    private Blocks() {
    }

    /** A convolution {@code in → out} of kernel {@code k}, built at once. */
    static Conv2d conv(int in, int out, int k, int stride, int padding, int groups, boolean bias) {
        ConvolutionOptions options = ConvolutionOptions.defaults().stride(stride).padding(padding).groups(groups);
        return new Conv2d(Conv2d.Config.of(out, k).inChannels(in).options(options).useBias(bias));
    }

    /** A convolution without bias (followed by batch norm), groups 1. */
    static Conv2d conv(int in, int out, int k, int stride, int padding) {
        return conv(in, out, k, stride, padding, 1, false);
    }

    /** A batch norm over {@code channels}, PyTorch's defaults. */
    static BatchNorm2d norm(int channels) {
        return new BatchNorm2d(channels);
    }

    /** A layer under a name, for state-dict keys. */
    static <L extends Layer> L named(String name, L layer) {
        return layer.named(name);
    }

    /** A {@link Sequential} of these layers, each under its position. */
    static Sequential sequence(Layer... layers) {
        return new Sequential(layers);
    }
}
