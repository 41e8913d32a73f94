package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/**
 * Global pooling over every spatial axis, channels first or last; over the steps of sequences
 * {@code [N, T, F]} (channels last) it honours the mask attached to them ({@link Masks}), as
 * Keras's {@code GlobalAveragePooling1D} does: padded steps take no part. The pooled output has
 * no step axis, so it carries no mask.
 */
abstract class GlobalPooling extends Layer {

    private final DataFormat dataFormat;

    GlobalPooling(DataFormat dataFormat) {
        if (dataFormat == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": dataFormat must not be null");
        }
        this.dataFormat = dataFormat;
    }

    /** The pooled value over {@code axes} of {@code x}; {@code mask} (null for none) broadcasts against x. */
    abstract Tensor pool(Tensor x, int[] axes, Tensor mask);

    @Override
    protected Tensor call(Tensor input) {
        if (input.rank() < 3) {
            throw new IllegalArgumentException(path() + ": expected input of shape "
                    + (dataFormat == DataFormat.CHANNELS_FIRST ? "[N, C, ...]" : "[N, ..., C]")
                    + " with spatial dimensions, got " + input.shape());
        }
        boolean last = dataFormat == DataFormat.CHANNELS_LAST;
        int[] axes = new int[input.rank() - 2];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = last ? i + 1 : i + 2;
        }
        Tensor mask = last ? Masks.of(input) : null;
        if (mask != null) {
            for (int i = 2; i < input.rank(); i++) {
                mask = mask.unsqueeze(-1);
            }
        }
        return pool(input, axes, mask);
    }

    /** Where the channels are. */
    public DataFormat dataFormat() {
        return dataFormat;
    }

    @Override
    protected String describe() {
        return dataFormat == DataFormat.CHANNELS_FIRST ? "" : "dataFormat=channels_last";
    }
}
