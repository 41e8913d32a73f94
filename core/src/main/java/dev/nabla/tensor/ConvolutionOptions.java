package dev.nabla.tensor;

/**
 * How a convolution slides its kernel over the input: stride, padding, dilation, groups and,
 * for transposed convolutions, output padding. The keyword arguments of PyTorch's
 * {@code torch.nn.functional.conv2d} and {@code conv_transpose2d}, as an immutable value:
 *
 * <pre>{@code
 * Convolution.conv2d(x, w, b, ConvolutionOptions.defaults().stride(2).padding(1));
 * Convolution.conv2d(x, w, b, ConvolutionOptions.defaults().paddingSame().dilation(2));
 * Convolution.conv2d(x, w, null, ConvolutionOptions.defaults().groups(channels));   // depthwise
 * }</pre>
 *
 * <p>Every value has a height and a width part; the one-argument forms set both.
 * {@link Convolution#conv1d} uses one value for its single spatial dimension, so there the
 * two parts must agree (set them with the one-argument forms).
 *
 * @param strideHeight        step between kernel positions down the rows (≥ 1)
 * @param strideWidth         step between kernel positions along a row (≥ 1)
 * @param paddingHeight       zeros added above and below the input (≥ 0)
 * @param paddingWidth        zeros added left and right of the input (≥ 0)
 * @param samePadding         PyTorch's {@code padding='same'}: as much padding as keeps the output
 *                            size equal to the input size (stride 1 only); when the total is odd,
 *                            the extra row or column goes at the bottom or right
 * @param dilationHeight      spacing between kernel rows (≥ 1; 1 is a plain kernel)
 * @param dilationWidth       spacing between kernel columns (≥ 1)
 * @param groups              input and output channels are split into this many independent groups
 *                            (≥ 1; the number of input channels gives a depthwise convolution)
 * @param outputPaddingHeight transposed convolution only: rows added at the bottom of the output,
 *                            to pick one of the output sizes a strided convolution maps to the same size
 * @param outputPaddingWidth  transposed convolution only: columns added at the right of the output
 */
public record ConvolutionOptions(int strideHeight, int strideWidth, int paddingHeight, int paddingWidth,
                                 boolean samePadding, int dilationHeight, int dilationWidth, int groups,
                                 int outputPaddingHeight, int outputPaddingWidth) {

    private static final ConvolutionOptions DEFAULTS = new ConvolutionOptions(1, 1, 0, 0, false, 1, 1, 1, 0, 0);

    /** Checks every value; explicit padding and {@code samePadding} exclude each other. */
    public ConvolutionOptions {
        if (strideHeight < 1 || strideWidth < 1) {
            throw invalid("stride", strideHeight, strideWidth, "at least 1");
        }
        if (paddingHeight < 0 || paddingWidth < 0) {
            throw invalid("padding", paddingHeight, paddingWidth, "at least 0");
        }
        if (dilationHeight < 1 || dilationWidth < 1) {
            throw invalid("dilation", dilationHeight, dilationWidth, "at least 1");
        }
        if (outputPaddingHeight < 0 || outputPaddingWidth < 0) {
            throw invalid("outputPadding", outputPaddingHeight, outputPaddingWidth, "at least 0");
        }
        if (groups < 1) {
            throw new IllegalArgumentException("ConvolutionOptions: groups must be at least 1, got " + groups);
        }
        if (samePadding && (paddingHeight != 0 || paddingWidth != 0)) {
            throw new IllegalArgumentException("ConvolutionOptions: padding 'same' and explicit padding ("
                    + paddingHeight + ", " + paddingWidth + ") exclude each other");
        }
    }

    /** Stride 1, no padding, no dilation, one group, no output padding: PyTorch's defaults. */
    public static ConvolutionOptions defaults() {
        return DEFAULTS;
    }

    /** The same stride along both dimensions. */
    public ConvolutionOptions stride(int stride) {
        return stride(stride, stride);
    }

    /** Separate strides down the rows and along a row. */
    public ConvolutionOptions stride(int height, int width) {
        return new ConvolutionOptions(height, width, paddingHeight, paddingWidth, samePadding, dilationHeight,
                dilationWidth, groups, outputPaddingHeight, outputPaddingWidth);
    }

    /** The same zero padding on all four sides; replaces {@link #paddingSame()}. */
    public ConvolutionOptions padding(int padding) {
        return padding(padding, padding);
    }

    /** Zero padding above and below (height) and left and right (width); replaces {@link #paddingSame()}. */
    public ConvolutionOptions padding(int height, int width) {
        return new ConvolutionOptions(strideHeight, strideWidth, height, width, false, dilationHeight,
                dilationWidth, groups, outputPaddingHeight, outputPaddingWidth);
    }

    /** PyTorch's {@code padding='same'}: output size equals input size (stride 1 only). */
    public ConvolutionOptions paddingSame() {
        return new ConvolutionOptions(strideHeight, strideWidth, 0, 0, true, dilationHeight,
                dilationWidth, groups, outputPaddingHeight, outputPaddingWidth);
    }

    /** The same dilation along both dimensions. */
    public ConvolutionOptions dilation(int dilation) {
        return dilation(dilation, dilation);
    }

    /** Separate dilations down the rows and along a row. */
    public ConvolutionOptions dilation(int height, int width) {
        return new ConvolutionOptions(strideHeight, strideWidth, paddingHeight, paddingWidth, samePadding, height,
                width, groups, outputPaddingHeight, outputPaddingWidth);
    }

    /** Splits the channels into this many independent groups. */
    public ConvolutionOptions groups(int count) {
        return new ConvolutionOptions(strideHeight, strideWidth, paddingHeight, paddingWidth, samePadding,
                dilationHeight, dilationWidth, count, outputPaddingHeight, outputPaddingWidth);
    }

    /** The same output padding along both dimensions (transposed convolution only). */
    public ConvolutionOptions outputPadding(int outputPadding) {
        return outputPadding(outputPadding, outputPadding);
    }

    /** Separate output paddings at the bottom and at the right (transposed convolution only). */
    public ConvolutionOptions outputPadding(int height, int width) {
        return new ConvolutionOptions(strideHeight, strideWidth, paddingHeight, paddingWidth, samePadding,
                dilationHeight, dilationWidth, groups, height, width);
    }

    @Override
    public String toString() {
        return "ConvolutionOptions[stride (" + strideHeight + ", " + strideWidth + "), padding "
                + (samePadding ? "'same'" : "(" + paddingHeight + ", " + paddingWidth + ")")
                + ", dilation (" + dilationHeight + ", " + dilationWidth + "), groups " + groups
                + ", outputPadding (" + outputPaddingHeight + ", " + outputPaddingWidth + ")]";
    }

    private static IllegalArgumentException invalid(String name, int height, int width, String rule) {
        return new IllegalArgumentException("ConvolutionOptions: " + name + " (" + height + ", " + width
                + ") must be " + rule);
    }
}
