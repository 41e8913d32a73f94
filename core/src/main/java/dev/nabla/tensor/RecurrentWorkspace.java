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
        HIDDEN_GATE_GRADIENTS, WEIGHT_PARTIALS, ROWS, GATES, CELL_STATES, TANH_CELLS, HIDDEN_N
    }

    /** Arrays a finished backward handed back, for the next forward that must keep its activations. */
    private static final java.util.ArrayDeque<float[]> KEPT = new java.util.ArrayDeque<>();
    /** How many kept arrays wait at most: a few layers' worth. */
    private static final int MOST_KEPT = 32;

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

    /**
     * An array of exactly {@code size} floats for activations that must outlive the call (kept
     * for backward): one a released graph handed back ({@link #giveBack}), else a new one.
     * Contents are garbage.
     */
    static float[] kept(int size) {
        synchronized (KEPT) {
            for (java.util.Iterator<float[]> it = KEPT.iterator(); it.hasNext(); ) {
                float[] array = it.next();
                if (array.length == size) {
                    it.remove();
                    return array;
                }
            }
        }
        return new float[size];
    }

    /** Hands back arrays from {@link #kept} that nothing reads any more. */
    static void giveBack(float[]... arrays) {
        synchronized (KEPT) {
            for (float[] array : arrays) {
                if (array != null) {
                    if (KEPT.size() == MOST_KEPT) {
                        KEPT.removeFirst();
                    }
                    KEPT.addLast(array);
                }
            }
        }
    }
}
