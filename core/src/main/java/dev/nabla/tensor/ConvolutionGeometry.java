package dev.nabla.tensor;

/**
 * The sizes of one convolution as the im2col + GEMM code sees it, after the shapes and
 * options have been checked. A 1-d convolution is a 2-d one with height 1; a transposed
 * convolution is described by the convolution it is the adjoint of (its output is that
 * convolution's input). Padding may be asymmetric (PyTorch's {@code padding='same'}): only the
 * top and left amounts are stored, the output size implies the rest.
 */
record ConvolutionGeometry(int batch, int inChannels, int outChannels, int groups,
                           int inHeight, int inWidth, int kernelHeight, int kernelWidth,
                           int strideHeight, int strideWidth, int padTop, int padLeft,
                           int dilationHeight, int dilationWidth, int outHeight, int outWidth) {

    int inChannelsPerGroup() {
        return inChannels / groups;
    }

    int outChannelsPerGroup() {
        return outChannels / groups;
    }

    /** Rows of one group's column matrix: input channels per group × kernel positions. */
    int columnRows() {
        return inChannelsPerGroup() * kernelHeight * kernelWidth;
    }

    int inPlane() {
        return inHeight * inWidth;
    }

    int outPlane() {
        return outHeight * outWidth;
    }

    /** Checks a convolution's operands ({@code spatialRank} 1 or 2) and sizes it. */
    static ConvolutionGeometry forward(String op, Tensor input, Tensor weight, Tensor bias,
                                       ConvolutionOptions options, int spatialRank) {
        Operands t = Operands.check(op, input, weight, spatialRank, false);
        int groups = options.groups();
        int outChannels = weight.dim(0);
        checkGroups(op, t, groups, t.channels, outChannels);
        int expected = weight.dim(1) * groups;
        if (t.channels != expected) {
            throw t.error("has " + t.channels + " channels but weight " + weight.shape() + " expects "
                    + expected + " (groups " + groups + ")");
        }
        checkBias(op, weight, bias, outChannels);
        if (options.outputPaddingHeight() != 0 || options.outputPaddingWidth() != 0) {
            throw new IllegalArgumentException(op + ": output padding applies only to transposed convolutions,"
                    + " got " + options);
        }
        if (options.samePadding() && (options.strideHeight() != 1 || options.strideWidth() != 1)) {
            throw new IllegalArgumentException(op + ": padding 'same' needs stride 1, got stride ("
                    + options.strideHeight() + ", " + options.strideWidth() + ")");
        }
        // A 1-d convolution is a 2-d one over a single row, with a neutral height part.
        boolean oneDimensional = spatialRank == 1;
        int kernelHeight = oneDimensional ? 1 : weight.dim(2);
        int strideHeight = oneDimensional ? 1 : options.strideHeight();
        int dilationHeight = oneDimensional ? 1 : options.dilationHeight();
        int paddingHeight = oneDimensional ? 0 : options.paddingHeight();
        int kernelWidth = weight.dim(-1);
        int spanHeight = dilationHeight * (kernelHeight - 1) + 1;
        int spanWidth = options.dilationWidth() * (kernelWidth - 1) + 1;
        int padTop = options.samePadding() ? (spanHeight - 1) / 2 : paddingHeight;
        int padLeft = options.samePadding() ? (spanWidth - 1) / 2 : options.paddingWidth();
        int outHeight = options.samePadding() ? t.height : slidingCount(t.height, padTop, spanHeight, strideHeight);
        int outWidth = options.samePadding() ? t.width : slidingCount(t.width, padLeft, spanWidth,
                options.strideWidth());
        if (outHeight <= 0 || outWidth <= 0) {
            throw t.error("is too small for weight " + weight.shape() + " with " + describe(options, spatialRank)
                    + ": the output size would be " + size(outHeight, outWidth, spatialRank));
        }
        return new ConvolutionGeometry(t.batch, t.channels, outChannels, groups, t.height, t.width,
                kernelHeight, kernelWidth, strideHeight, options.strideWidth(), padTop, padLeft,
                dilationHeight, options.dilationWidth(), outHeight, outWidth);
    }

    /**
     * Checks a transposed convolution's operands and sizes the convolution it is the adjoint
     * of: that convolution maps the transposed output back to the transposed input.
     */
    static ConvolutionGeometry transposed(String op, Tensor input, Tensor weight, Tensor bias,
                                          ConvolutionOptions options) {
        Operands t = Operands.check(op, input, weight, 2, true);
        int groups = options.groups();
        int outChannels = weight.dim(1) * groups;
        checkGroups(op, t, groups, t.channels, weight.dim(0));
        if (t.channels != weight.dim(0)) {
            throw t.error("has " + t.channels + " channels but weight " + weight.shape() + " expects "
                    + weight.dim(0) + " (its first dimension)");
        }
        checkBias(op, weight, bias, outChannels);
        if (options.samePadding()) {
            throw new IllegalArgumentException(op + ": padding 'same' is not defined for transposed"
                    + " convolutions; give the padding explicitly");
        }
        if (options.outputPaddingHeight() >= Math.max(options.strideHeight(), options.dilationHeight())
                || options.outputPaddingWidth() >= Math.max(options.strideWidth(), options.dilationWidth())) {
            throw new IllegalArgumentException(op + ": output padding must be smaller than either the stride or"
                    + " the dilation, got " + options);
        }
        int outHeight = transposedSize(t.height, weight.dim(2), options.strideHeight(), options.paddingHeight(),
                options.dilationHeight(), options.outputPaddingHeight());
        int outWidth = transposedSize(t.width, weight.dim(3), options.strideWidth(), options.paddingWidth(),
                options.dilationWidth(), options.outputPaddingWidth());
        if (outHeight <= 0 || outWidth <= 0) {
            throw t.error("with weight " + weight.shape() + " and " + describe(options, 2)
                    + " gives no output: the output size would be " + size(outHeight, outWidth, 2));
        }
        return new ConvolutionGeometry(t.batch, outChannels, t.channels, groups, outHeight, outWidth,
                weight.dim(2), weight.dim(3), options.strideHeight(), options.strideWidth(),
                options.paddingHeight(), options.paddingWidth(), options.dilationHeight(),
                options.dilationWidth(), t.height, t.width);
    }

    private static int transposedSize(int size, int kernel, int stride, int padding, int dilation, int outputPadding) {
        return (size - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1;
    }

    /** {@code input}'s shape with the channel and spatial sizes replaced. */
    static Shape resize(Tensor input, int spatialRank, int channels, int height, int width) {
        int[] dims = input.shape().toArray();
        dims[dims.length - spatialRank - 1] = channels;
        dims[dims.length - 1] = width;
        if (spatialRank == 2) {
            dims[dims.length - 2] = height;
        }
        return Shape.of(dims);
    }

    /** How many kernel positions of the given span fit along a padded size (≤ 0 when none). */
    static int slidingCount(int size, int pad, int span, int stride) {
        int room = size + 2 * pad - span;
        return room < 0 ? 0 : room / stride + 1;
    }

    private static void checkGroups(String op, Operands t, int groups, int inChannels, int outChannels) {
        if (inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException(op + ": groups " + groups + " must divide both the input channels "
                    + inChannels + " and the output channels " + outChannels + " (input " + t.input.shape()
                    + ", weight " + t.weight.shape() + ")");
        }
    }

    private static void checkBias(String op, Tensor weight, Tensor bias, int outChannels) {
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != outChannels)) {
            throw new IllegalArgumentException(op + ": bias " + bias.shape() + " must have shape [" + outChannels
                    + "], one value per output channel of weight " + weight.shape());
        }
    }

    private static String describe(ConvolutionOptions o, int spatialRank) {
        if (spatialRank == 1) {
            return "stride " + o.strideWidth() + ", padding " + (o.samePadding() ? "'same'" : o.paddingWidth())
                    + ", dilation " + o.dilationWidth();
        }
        return "stride (" + o.strideHeight() + ", " + o.strideWidth() + "), padding "
                + (o.samePadding() ? "'same'" : "(" + o.paddingHeight() + ", " + o.paddingWidth() + ")")
                + ", dilation (" + o.dilationHeight() + ", " + o.dilationWidth() + ")";
    }

    private static String size(int height, int width, int spatialRank) {
        return spatialRank == 1 ? String.valueOf(width) : "(" + height + ", " + width + ")";
    }

    /** The checked ranks of input and weight, and the input read as [batch, channels, height, width]. */
    private record Operands(String op, Tensor input, Tensor weight, int batch, int channels, int height, int width) {

        static Operands check(String op, Tensor input, Tensor weight, int spatialRank,
                              boolean transposed) {
            String spatial = spatialRank == 1 ? "length" : "height, width";
            if (input.rank() != spatialRank + 2 && input.rank() != spatialRank + 1) {
                throw new IllegalArgumentException(op + ": input " + input.shape() + " must be [batch, channels, "
                        + spatial + "] or [channels, " + spatial + "]");
            }
            if (weight.rank() != spatialRank + 2) {
                String kernel = spatialRank == 1 ? "kernelLength" : "kernelHeight, kernelWidth";
                throw new IllegalArgumentException(op + ": weight " + weight.shape() + " must be "
                        + (transposed ? "[inChannels, outChannels / groups, " : "[outChannels, inChannels / groups, ")
                        + kernel + "]");
            }
            boolean batched = input.rank() == spatialRank + 2;
            return new Operands(op, input, weight, batched ? input.dim(0) : 1, input.dim(-spatialRank - 1),
                    spatialRank == 1 ? 1 : input.dim(-2), input.dim(-1));
        }

        IllegalArgumentException error(String problem) {
            return new IllegalArgumentException(op + ": input " + input.shape() + " " + problem);
        }
    }
}
