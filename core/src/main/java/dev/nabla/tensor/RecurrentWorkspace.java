package dev.nabla.tensor;

/**
 * One thread's scratch space for {@link RecurrentSequence}: the packed hidden weights, the
 * gradients backward through time works in, and, when nothing will go backward (inference),
 * what a forward pass would otherwise keep for backward. Arrays grow to the largest sequence
 * seen and are then reused, so neither a step nor a call allocates them again. Contents are
 * garbage between uses: every caller writes what it reads.
 */
final class RecurrentWorkspace {

    /** The slots, one array each. */
    enum Slot {
        PACKED_INPUT, PACKED_FORWARD, PACKED_BACKWARD, HIDDEN_PRODUCT, HIDDEN_GRADIENT, CELL_GRADIENT, GATE_GRADIENTS,
        HIDDEN_GATE_GRADIENTS, ROWS, GATES, CELL_STATES, TANH_CELLS, HIDDEN_N
    }

    private static final ThreadLocal<RecurrentWorkspace> LOCAL = ThreadLocal.withInitial(RecurrentWorkspace::new);

    private final float[][] arrays = new float[Slot.values().length][0];

    private RecurrentWorkspace() {
    }

    static RecurrentWorkspace get() {
        return LOCAL.get();
    }

    /** At least {@code size} floats for {@code slot}. */
    float[] get(Slot slot, int size) {
        float[] array = arrays[slot.ordinal()];
        if (array.length < size) {
            array = new float[size];
            arrays[slot.ordinal()] = array;
        }
        return array;
    }
}
