package dev.nabla.tensor;

/**
 * One thread's scratch space for {@link ConvolutionGemm}: the column matrix of a chunk of
 * images and the product it is multiplied into. The arrays grow to the largest chunk seen and
 * are then reused, so a training step does not allocate them again and again. Contents are
 * garbage between uses: every caller writes what it reads.
 */
final class ConvolutionWorkspace {
    private static final ThreadLocal<ConvolutionWorkspace> LOCAL = ThreadLocal.withInitial(ConvolutionWorkspace::new);

    private float[] columns = new float[0];
    private float[] product = new float[0];
    private float[] activations = new float[0];

    private ConvolutionWorkspace() {
    }

    static ConvolutionWorkspace get() {
        return LOCAL.get();
    }

    /** At least {@code size} floats for a column matrix. */
    float[] columns(int size) {
        if (columns.length < size) {
            columns = new float[size];
        }
        return columns;
    }

    /** At least {@code size} floats for activations about to be pooled ({@link ConvolutionPooling}). */
    float[] activations(int size) {
        if (activations.length < size) {
            activations = new float[size];
        }
        return activations;
    }

    /** At least {@code size} floats for a product or a gathered gradient. */
    float[] product(int size) {
        if (product.length < size) {
            product = new float[size];
        }
        return product;
    }
}
