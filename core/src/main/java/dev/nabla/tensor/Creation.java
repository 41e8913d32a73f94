package dev.nabla.tensor;

import dev.nabla.kernels.KernelProvider;
import java.util.Arrays;

/** Factories: constants, ranges, copies of Java arrays, and seeded random tensors. */
final class Creation {

    private Creation() {
    }

    static Tensor full(float value, Shape shape) {
        return full(value, shape, DType.FLOAT32);
    }

    static Tensor full(float value, Shape shape, DType dtype) {
        float[] data = new float[shape.size()];
        if (Float.floatToRawIntBits(value) != 0) { // -0f too
            Arrays.fill(data, value);
        }
        return Tensor.wrap(data, shape, dtype);
    }

    static Tensor of(float[] data, Shape shape) {
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("of: " + data.length + " values cannot fill shape " + shape
                    + " (" + shape.size() + " elements)");
        }
        return Tensor.wrap(data.clone(), shape);
    }

    static Tensor of(float[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] data = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("of: row " + i + " has " + rows[i].length
                        + " values but row 0 has " + cols);
            }
            System.arraycopy(rows[i], 0, data, i * cols, cols);
        }
        return Tensor.wrap(data, Shape.of(rows.length, cols));
    }

    static Tensor indices(int... values) {
        float[] data = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            data[i] = values[i];
        }
        return Tensor.wrap(data, Shape.of(values.length), DType.INT32);
    }

    static Tensor convert(Tensor t, DType target) {
        Tensor y;
        if (target.isHalf() && t.isContiguous() && t.storage() instanceof Storage.FloatStorage source) {
            // Rounded straight from the source array: the usual float32 → half cast copies once.
            short[] bits = new short[t.size()];
            KernelProvider.get().floatToHalf(target.halfPrecision(), source.values(), t.offset(), bits, 0, bits.length);
            Shape shape = t.shape();
            y = new Tensor(new Storage.HalfStorage(target.halfPrecision(), bits), shape, shape.contiguousStrides(), 0, target);
        } else {
            float[] values = Layout.toArray(t);
            if (target == DType.INT32 && t.dtype() != DType.INT32) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = Float.isFinite(values[i]) ? (float) (long) values[i] : values[i];
                }
            }
            y = Tensor.wrap(values, t.shape(), target);
        }
        if (target == DType.INT32 || t.dtype() == DType.INT32) {
            return y; // integral values have no gradient
        }
        DType source = t.dtype();
        return Autograd.recordComposed("to", y, g -> new Tensor[] {g.to(source)}, t);
    }

    static Tensor arange(float start, float end, float step) {
        if (step == 0f || !Float.isFinite(step)) {
            throw new IllegalArgumentException("arange: step must be nonzero and finite, got " + step);
        }
        if (!Float.isFinite(start) || !Float.isFinite(end)) {
            throw new IllegalArgumentException("arange: start and end must be finite, got " + start + " and " + end);
        }
        double count = Math.max(0, Math.ceil(((double) end - start) / step));
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("arange: " + start + " to " + end + " by " + step + " would hold "
                    + (long) count + " elements, more than a tensor can");
        }
        int n = (int) count;
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            data[i] = (float) (start + (double) i * step);
        }
        boolean integral = start == Math.rint(start) && step == Math.rint(step);
        return Tensor.wrap(data, Shape.of(n), integral ? DType.INT32 : DType.FLOAT32);
    }

    static Tensor linspace(float start, float end, int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("linspace: steps must be non-negative, got " + steps);
        }
        float[] data = new float[steps];
        double delta = steps > 1 ? ((double) end - start) / (steps - 1) : 0;
        for (int i = 0; i < steps; i++) {
            data[i] = (float) (start + i * delta);
        }
        if (steps > 1) {
            data[steps - 1] = end;
        }
        return Tensor.wrap(data, Shape.of(steps));
    }

    static Tensor eye(int n, int m) {
        Shape shape = Shape.of(n, m);
        float[] data = new float[shape.size()];
        for (int i = 0; i < Math.min(n, m); i++) {
            data[i * m + i] = 1f;
        }
        return Tensor.wrap(data, shape);
    }

    static Tensor uniform(Generator gen, float low, float high, Shape shape) {
        if (!(high >= low)) {
            throw new IllegalArgumentException("uniform: high (" + high + ") must not be below low (" + low + ")");
        }
        float[] data = new float[shape.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = low + (high - low) * gen.nextFloat();
        }
        return Tensor.wrap(data, shape);
    }

    static Tensor normal(Generator gen, float mean, float std, Shape shape) {
        if (!(std >= 0f)) {
            throw new IllegalArgumentException("normal: std must be non-negative, got " + std);
        }
        float[] data = new float[shape.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (mean + std * gen.nextGaussian());
        }
        return Tensor.wrap(data, shape);
    }

    static Tensor bernoulli(Generator gen, float p, Shape shape) {
        if (!(p >= 0f && p <= 1f)) {
            throw new IllegalArgumentException("bernoulli: p must be in [0, 1], got " + p);
        }
        float[] data = new float[shape.size()];
        long threshold = bernoulliThreshold(p);
        for (int i = 0; i < data.length; i++) {
            data[i] = bernoulliBit(gen, threshold);
        }
        return Tensor.wrap(data, shape);
    }

    /**
     * The bound under which the 24 bits of {@link Generator#nextFloat()} fall exactly when
     * that float is below {@code p}: {@code b·2⁻²⁴ < p} holds for an integer b just when
     * {@code b < ⌈p·2²⁴⌉}.
     */
    static long bernoulliThreshold(float p) {
        return (long) Math.ceil(p * (double) (1 << 24));
    }

    /**
     * 1 when {@code gen.nextFloat() < p} (p given by its {@link #bernoulliThreshold}), else 0,
     * from the same draw; without a branch, which a random outcome would mispredict often.
     */
    static int bernoulliBit(Generator gen, long threshold) {
        long bits = gen.nextLong() >>> 40;
        return (int) ((bits - threshold) >>> 63);
    }

    static Tensor randint(Generator gen, int low, int high, Shape shape) {
        if (high <= low) {
            throw new IllegalArgumentException("randint: high (" + high + ") must exceed low (" + low + ")");
        }
        float[] data = new float[shape.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = low + gen.nextInt(high - low);
        }
        return Tensor.wrap(data, shape, DType.INT32);
    }

    static Tensor permutation(Generator gen, int n) {
        Shape shape = Shape.of(n);
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            data[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = gen.nextInt(i + 1);
            float tmp = data[i];
            data[i] = data[j];
            data[j] = tmp;
        }
        return Tensor.wrap(data, shape, DType.INT32);
    }
}
