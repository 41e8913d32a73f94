package dev.nabla.tensor;

import dev.nabla.kernels.HalfPrecision;
import dev.nabla.kernels.KernelProvider;

/**
 * The memory under a tensor: one array of elements that views index with their offset and
 * strides. Float32 (and integral {@link DType#INT32}) values live in a {@code float[]}; bfloat16
 * and float16 values as raw bits in a {@code short[]}, half the bytes, widened to float32 for
 * computing and rounded back to nearest even when stored.
 *
 * <p>The op families read storage through {@link #floats()}: the array itself for float32,
 * a widened copy for halves (made once per op, never per element). Matrix products read half
 * bits directly ({@link HalfStorage#bits()}).
 *
 * <p>Each storage counts its writes ({@link #version()}): {@link #set} and {@link #write} count
 * themselves, and the one code path that writes into the array in place
 * ({@link InPlaceUpdate}) calls {@link #modified()}, so a cache of something derived from the
 * elements ({@link PackedWeightCache}) can tell in O(1) whether they may have changed.
 */
sealed interface Storage permits Storage.FloatStorage, Storage.HalfStorage {

    /** The number of elements the array holds. */
    int length();

    /** The bytes the elements take: 4 per float32, 2 per half. */
    long bytes();

    /** The element at {@code position}, as float32. */
    float get(int position);

    /** Stores {@code value} at {@code position}, rounded to this storage's precision. */
    void set(int position, float value);

    /** Every element as float32: the array itself for float32 storage, else a widened copy. */
    float[] floats();

    /** A count that grows with every write to the elements; equal counts mean unchanged elements. */
    long version();

    /** Records a write made to the array in place (not through {@link #set} or {@link #write}). */
    void modified();

    /** Copies {@code n} elements from {@code position} into {@code dst} from {@code dstOff}, as float32. */
    void read(int position, float[] dst, int dstOff, int n);

    /** Stores {@code n} values of {@code src} from {@code srcOff} at {@code position} onward, rounded. */
    void write(float[] src, int srcOff, int position, int n);

    /** Storage for {@code values} in {@code dtype}: the array itself for float32 and integral, else rounded halves. */
    static Storage of(float[] values, DType dtype) {
        HalfPrecision format = dtype.halfPrecision();
        if (format == null) {
            return new FloatStorage(values);
        }
        short[] bits = new short[values.length];
        KernelProvider.get().floatToHalf(format, values, 0, bits, 0, values.length);
        return new HalfStorage(format, bits);
    }

    /** Float32 values in a {@code float[]}. */
    final class FloatStorage implements Storage {
        private final float[] values;
        private volatile long version;

        FloatStorage(float[] values) {
            this.values = values;
        }

        /** The array itself. */
        float[] values() {
            return values;
        }

        @Override
        public long version() {
            return version;
        }

        @Override
        public void modified() {
            version++;
        }

        @Override
        public int length() {
            return values.length;
        }

        @Override
        public long bytes() {
            return 4L * values.length;
        }

        @Override
        public float get(int position) {
            return values[position];
        }

        @Override
        public void set(int position, float value) {
            values[position] = value;
            version++;
        }

        @Override
        public float[] floats() {
            return values;
        }

        @Override
        public void read(int position, float[] dst, int dstOff, int n) {
            System.arraycopy(values, position, dst, dstOff, n);
        }

        @Override
        public void write(float[] src, int srcOff, int position, int n) {
            System.arraycopy(src, srcOff, values, position, n);
            version++;
        }
    }

    /** bfloat16 or float16 values as raw bits in a {@code short[]}. */
    final class HalfStorage implements Storage {
        private final HalfPrecision format;
        private final short[] bits;
        private volatile long version;

        HalfStorage(HalfPrecision format, short[] bits) {
            this.format = format;
            this.bits = bits;
        }

        /** The half format of the bits. */
        HalfPrecision format() {
            return format;
        }

        /** The raw bits themselves. */
        short[] bits() {
            return bits;
        }

        @Override
        public long version() {
            return version;
        }

        @Override
        public void modified() {
            version++;
        }

        @Override
        public int length() {
            return bits.length;
        }

        @Override
        public long bytes() {
            return 2L * bits.length;
        }

        @Override
        public float get(int position) {
            return format.toFloat(bits[position]);
        }

        @Override
        public void set(int position, float value) {
            bits[position] = format.fromFloat(value);
            version++;
        }

        @Override
        public float[] floats() {
            float[] out = new float[bits.length];
            read(0, out, 0, bits.length);
            return out;
        }

        @Override
        public void read(int position, float[] dst, int dstOff, int n) {
            KernelProvider.get().halfToFloat(format, bits, position, dst, dstOff, n);
        }

        @Override
        public void write(float[] src, int srcOff, int position, int n) {
            KernelProvider.get().floatToHalf(format, src, srcOff, bits, position, n);
            version++;
        }
    }
}
