package dev.nabla.nn;

/**
 * Where the channels (features) of an input sit, as Keras's {@code data_format}: Nabla's images
 * and 1-d convolutions are channels-first, {@code [N, C, ...spatial]}; sequences for recurrent
 * layers are channels-last, {@code [N, steps, features]}.
 */
public enum DataFormat {
    /** {@code [N, C, ...spatial]}: PyTorch's layout, Nabla's default for pooling. */
    CHANNELS_FIRST,
    /** {@code [N, steps, features]} (or {@code [N, ...spatial, C]}): Keras's default, the layout of sequences. */
    CHANNELS_LAST
}
