package dev.nabla.kernels;

/**
 * The per-step gate math of the recurrent cells, one batch row at a time, fused into one pass
 * per row: PyTorch's {@code LSTM} (gates i, f, g, o), {@code GRU} (gates r, z, n, the reset gate
 * applied after the hidden product) and {@code RNN} (tanh or relu), and their backward steps.
 *
 * <p>The products with the weights are {@link #pack} (a weight laid out once per sequence) and
 * {@link #productRows} (a block of rows times it, onto a bias or onto what the output holds):
 * the input projection of every step at once, and each step's hidden product. The cell methods
 * apply the activations in place, through {@link Kernels#unary} (vectorised in
 * {@link VectorKernels}, scalar in {@link ScalarKernels}: the same formulas either way), and
 * update the state. The backward steps reuse the activations the forward step left in the gate
 * rows. Rows are independent, so a caller may split them over threads without changing any
 * result.
 */
public class RecurrentCells {

    private final Kernels k;

    /** The cells computing their activations with these kernels: the scalar definition of every method. */
    public RecurrentCells(Kernels kernels) {
        this.k = kernels;
    }

    /**
     * The cells for these kernels: {@link VectorRecurrentCells} beside the vector kernels, where
     * every method is one vectorised pass; otherwise these scalar ones.
     */
    public static RecurrentCells of(Kernels kernels) {
        return kernels.vectorBitSize() > 0 ? VectorSupport.create(kernels) : new RecurrentCells(kernels);
    }

    /** Isolates the one reference to VectorRecurrentCells so this class loads without the Vector API module. */
    private static final class VectorSupport {
        static RecurrentCells create(Kernels kernels) {
            return new VectorRecurrentCells(kernels);
        }
    }

    /** How many floats {@link #pack} fills for a {@code [depth, width]} matrix (here: the matrix itself). */
    public int packedSize(int depth, int width) {
        return depth * width;
    }

    /**
     * Lays out a matrix B {@code [depth, width]} for {@link #productRows}, once per sequence so that
     * no step packs a weight again: {@code B[p, c] = w[off + c·ld + p]} when {@code transposed}
     * (the hidden weight {@code [G·H, H]} read as its transpose, for the forward product), else
     * {@code w[off + p·ld + c]} (the weight as it is, for the backward one). Fills
     * {@link #packedSize} floats of {@code packed} in this implementation's own layout; this
     * definition keeps B row-major.
     */
    public void pack(float[] w, int off, int ld, boolean transposed, int depth, int width, float[] packed) {
        for (int p = 0; p < depth; p++) {
            for (int c = 0; c < width; c++) {
                packed[p * width + c] = transposed ? w[off + c * ld + p] : w[off + p * ld + c];
            }
        }
    }

    /**
     * The hidden products of a block of rows with a packed B {@code [depth, width]}:
     * {@code out[r, c] = (accumulate ? out[r, c] : 0) + s} with s the bias {@code bias[biasOff + c]}
     * (0 when bias is null) followed by {@code s = fma(a[r, p], B[p, c], s)} for p in order; rows of
     * {@code a} are {@code lda} apart and of {@code out} {@code ldo}. Each element is computed the
     * same way whatever block its row is in, so callers may split rows over threads freely.
     */
    public void productRows(int rows, int depth, int width, float[] a, int aOff, int lda, float[] packed,
            float[] bias, int biasOff, boolean accumulate, float[] out, int outOff, int ldo) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < width; c++) {
                float sum = bias == null ? 0f : bias[biasOff + c];
                for (int p = 0; p < depth; p++) {
                    sum = Math.fma(a[aOff + r * lda + p], packed[p * width + c], sum);
                }
                int o = outOff + r * ldo + c;
                out[o] = accumulate ? out[o] + sum : sum;
            }
        }
    }

    /**
     * One LSTM row: {@code gates[g .. g+4H)} holds the pre-activations of i, f, g, o and is
     * overwritten by their activations; writes {@code c = f·cPrev + i·g}, {@code tanhC = tanh(c)}
     * and {@code h = o·tanhC}.
     */
    public void lstm(int hidden, float[] gates, int g, float[] cPrev, int cp, float[] c, int co,
            float[] tanhC, int tc, float[] h, int ho) {
        k.unary(UnaryOp.SIGMOID, 0f, gates, g, gates, g, 2 * hidden);
        k.unary(UnaryOp.TANH, 0f, gates, g + 2 * hidden, gates, g + 2 * hidden, hidden);
        k.unary(UnaryOp.SIGMOID, 0f, gates, g + 3 * hidden, gates, g + 3 * hidden, hidden);
        int f = g + hidden;
        int cell = g + 2 * hidden;
        for (int j = 0; j < hidden; j++) {
            c[co + j] = gates[f + j] * cPrev[cp + j] + gates[g + j] * gates[cell + j];
        }
        k.unary(UnaryOp.TANH, 0f, c, co, tanhC, tc, hidden);
        int o = g + 3 * hidden;
        for (int j = 0; j < hidden; j++) {
            h[ho + j] = gates[o + j] * tanhC[tc + j];
        }
    }

    /**
     * The LSTM row's backward step: from {@code dh} (the gradient of h) and {@code dc} (of c),
     * writes the pre-activation gradients {@code dGates[dg .. dg+4H)} and replaces {@code dc} by the
     * gradient of {@code cPrev}; {@code dh} is left for the caller (the hidden product adds to it).
     */
    public void lstmBackward(int hidden, float[] gates, int g, float[] cPrev, int cp, float[] tanhC, int tc,
            float[] dh, int dho, float[] dc, int dco, float[] dGates, int dg) {
        int f = g + hidden;
        int cell = g + 2 * hidden;
        int o = g + 3 * hidden;
        for (int j = 0; j < hidden; j++) {
            float i = gates[g + j];
            float fj = gates[f + j];
            float gj = gates[cell + j];
            float oj = gates[o + j];
            float t = tanhC[tc + j];
            float grad = dh[dho + j];
            float dcj = dc[dco + j] + grad * oj * (1f - t * t);
            dGates[dg + j] = dcj * gj * i * (1f - i);
            dGates[dg + hidden + j] = dcj * cPrev[cp + j] * fj * (1f - fj);
            dGates[dg + 2 * hidden + j] = dcj * i * (1f - gj * gj);
            dGates[dg + 3 * hidden + j] = grad * t * oj * (1f - oj);
            dc[dco + j] = dcj * fj;
        }
    }

    /**
     * One GRU row: {@code gi[g .. g+3H)} holds the input projection (with its bias) of r, z, n and
     * {@code gh[gho .. gho+3H)} the hidden one (with its bias). Overwrites {@code gi} with the
     * activations r, z, n, keeps the hidden n-part in {@code hiddenN} for backward, and writes
     * {@code h = (1 − z)·n + z·hPrev} with {@code n = tanh(gi_n + r·gh_n)}.
     */
    public void gru(int hidden, float[] gi, int g, float[] gh, int gho, float[] hPrev, int hp,
            float[] hiddenN, int hn, float[] h, int ho) {
        for (int j = 0; j < 2 * hidden; j++) {
            gi[g + j] += gh[gho + j];
        }
        k.unary(UnaryOp.SIGMOID, 0f, gi, g, gi, g, 2 * hidden);
        int n = g + 2 * hidden;
        for (int j = 0; j < hidden; j++) {
            float ghn = gh[gho + 2 * hidden + j];
            hiddenN[hn + j] = ghn;
            gi[n + j] += gi[g + j] * ghn;
        }
        k.unary(UnaryOp.TANH, 0f, gi, n, gi, n, hidden);
        int z = g + hidden;
        for (int j = 0; j < hidden; j++) {
            float zj = gi[z + j];
            h[ho + j] = (1f - zj) * gi[n + j] + zj * hPrev[hp + j];
        }
    }

    /**
     * The GRU row's backward step: from {@code dh}, writes the input-side pre-activation gradients
     * {@code dGi} (r, z, n) and the hidden-side ones {@code dGh} (r, z, and n times r), and
     * replaces {@code dh} by its direct part {@code dh·z} (the hidden product adds the rest).
     */
    public void gruBackward(int hidden, float[] gates, int g, float[] hPrev, int hp, float[] hiddenN, int hn,
            float[] dh, int dho, float[] dGi, int dgi, float[] dGh, int dgh) {
        for (int j = 0; j < hidden; j++) {
            float r = gates[g + j];
            float z = gates[g + hidden + j];
            float n = gates[g + 2 * hidden + j];
            float grad = dh[dho + j];
            float dn = grad * (1f - z) * (1f - n * n);
            float dz = grad * (hPrev[hp + j] - n) * z * (1f - z);
            float dr = dn * hiddenN[hn + j] * r * (1f - r);
            dGi[dgi + j] = dr;
            dGi[dgi + hidden + j] = dz;
            dGi[dgi + 2 * hidden + j] = dn;
            dGh[dgh + j] = dr;
            dGh[dgh + hidden + j] = dz;
            dGh[dgh + 2 * hidden + j] = dn * r;
            dh[dho + j] = grad * z;
        }
    }

    /** One plain RNN row: {@code h = activation(pre)}, in place in {@code pre} and copied to {@code h}. */
    public void rnn(int hidden, boolean relu, float[] pre, int p, float[] h, int ho) {
        k.unary(relu ? UnaryOp.RELU : UnaryOp.TANH, 0f, pre, p, pre, p, hidden);
        System.arraycopy(pre, p, h, ho, hidden);
    }

    /** The plain RNN row's backward step: {@code dPre = dh·activation'}, from the stored output. */
    public void rnnBackward(int hidden, boolean relu, float[] out, int o, float[] dh, int dho, float[] dPre, int dp) {
        for (int j = 0; j < hidden; j++) {
            float y = out[o + j];
            dPre[dp + j] = dh[dho + j] * (relu ? (y > 0f ? 1f : 0f) : 1f - y * y);
        }
    }
}
