package dev.nabla.nn;

import dev.nabla.tensor.Tensor;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Which time steps of a batch of sequences are real and which are padding (Keras's masks):
 * a mask {@code [N, T]} of ones for real steps and zeros for padding, carried beside the
 * tensor it describes. {@link Embedding} with {@code maskZero} and {@link Masking} attach one to
 * their output; the recurrent layers read it from their input (padded steps leave the state
 * unchanged, so the final state is each sequence's own last step), and pass it on with their
 * output when they return sequences, as does {@link TimeDistributed}. Layers that work on each
 * step alone pass the mask on too (Keras's {@code supports_masking}): {@link Dropout}, the
 * activation layers and {@link Dense}; {@link GlobalAvgPool} and {@link GlobalMaxPool} with
 * {@link DataFormat#CHANNELS_LAST} pool each sequence over its real steps only, and a loss given
 * the mask ({@code Loss.apply(predictions, targets, mask)}, which {@code Model.fit} does with the
 * mask on the network's output) averages over the real steps only.
 *
 * <pre>{@code
 * Tensor padded = ...;                                   // [2, 5, 8], the second sequence 3 steps long
 * Tensor x = Masks.attach(padded, Masks.fromLengths(new int[] {5, 3}, 5));
 * Tensor last = new Lstm(16).forward(x);                 // each sequence's own last hidden state
 * }</pre>
 *
 * <p>A mask belongs to one tensor object: an op on the tensor (a reshape, an addition) gives a
 * new tensor without it, so attach it to what the layer that needs it reads; layers pass it on
 * as said above.
 */
public final class Masks {

    private static final Map<Tensor, Tensor> MASKS = Collections.synchronizedMap(new WeakHashMap<>());

    private Masks() {
    }

    /**
     * Attaches {@code mask [N, T]} (1 real, 0 padding; null removes it) to {@code sequences}
     * {@code [N, T, ...]}; returns {@code sequences}.
     */
    public static Tensor attach(Tensor sequences, Tensor mask) {
        if (mask == null) {
            MASKS.remove(sequences);
            return sequences;
        }
        if (mask.rank() != 2 || sequences.rank() < 2 || mask.dim(0) != sequences.dim(0)
                || mask.dim(1) != sequences.dim(1)) {
            throw new IllegalArgumentException("Masks.attach: a mask must have shape [batch, time] = ["
                    + (sequences.rank() < 2 ? "?, ?" : sequences.dim(0) + ", " + sequences.dim(1))
                    + "] for sequences of shape " + sequences.shape() + ", got " + mask.shape());
        }
        MASKS.put(sequences, mask.detach());
        return sequences;
    }

    /** The mask attached to {@code sequences}, or null. */
    public static Tensor of(Tensor sequences) {
        return MASKS.get(sequences);
    }

    /**
     * {@code output} with {@code input}'s mask attached, for a layer that works on each step
     * alone: when the input has a mask, the output none, and the output keeps the input's batch
     * and step axes (the first two). Returns {@code output}.
     */
    public static Tensor passOn(Tensor input, Tensor output) {
        Tensor mask = of(input);
        if (mask == null || output == input || of(output) != null) {
            return output;
        }
        boolean sameSteps = output.rank() >= 2 && output.dim(0) == input.dim(0) && output.dim(1) == input.dim(1);
        return sameSteps ? attach(output, mask) : output;
    }

    /**
     * The mask {@code [N, steps]} of right-padded sequences of the given lengths (PyTorch's
     * {@code pack_padded_sequence} lengths): ones for the first {@code lengths[n]} steps of row n.
     */
    public static Tensor fromLengths(int[] lengths, int steps) {
        float[] mask = new float[lengths.length * steps];
        for (int n = 0; n < lengths.length; n++) {
            if (lengths[n] < 0 || lengths[n] > steps) {
                throw new IllegalArgumentException("Masks.fromLengths: length " + lengths[n] + " of sequence " + n
                        + " is not between 0 and " + steps + " steps");
            }
            java.util.Arrays.fill(mask, n * steps, n * steps + lengths[n], 1f);
        }
        return Tensor.of(mask, lengths.length, steps);
    }
}
