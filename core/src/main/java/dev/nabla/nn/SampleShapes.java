package dev.nabla.nn;

import java.util.Arrays;

/** Advice about the shape of one sample (without the batch), for error messages. */
public final class SampleShapes {

    private SampleShapes() {
    }

    /**
     * A hint when {@code sampleShape} looks like an image stored channels-last
     * ({@code [height, width, channels]}, as Keras and TensorFlow keep them): its last size
     * is 1, 3 or 4 and its first two are larger. Empty otherwise.
     */
    public static String channelsLastHint(int[] sampleShape) {
        if (sampleShape == null || sampleShape.length != 3) {
            return "";
        }
        int last = sampleShape[2];
        if ((last == 1 || last == 3 || last == 4) && sampleShape[0] > 4 && sampleShape[1] > 4) {
            int[] channelsFirst = {last, sampleShape[0], sampleShape[1]};
            return "; " + Arrays.toString(sampleShape) + " looks channels-last ([height, width, channels]):"
                    + " Nabla is channels-first like PyTorch, [channels, height, width]; give "
                    + Arrays.toString(channelsFirst) + ", or move the channels first (permute(2, 0, 1) on each image)";
        }
        return "";
    }
}
