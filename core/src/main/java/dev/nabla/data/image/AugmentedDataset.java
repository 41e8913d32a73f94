package dev.nabla.data.image;

import dev.nabla.data.Dataset;
import dev.nabla.data.Example;
import dev.nabla.tensor.Generator;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A data set whose images are augmented on the fly: {@link #get} (and so {@link #batch} and
 * a {@code DataLoader}) returns the source example with its features passed through the
 * transform, drawing from a generator seeded by {@code (seed, epoch, index)}. The epoch of an
 * example is the number of times it was read before, so each pass over the data (each epoch
 * of {@code Model.fit}) sees fresh augmentations, the same seed gives the same augmentations
 * in the same epochs, and neither depends on the order of reads, on prefetch threads or on
 * other examples. Use it for training only, and a plain data set to validate.
 *
 * <pre>{@code
 * Dataset train = new AugmentedDataset(folder, new Compose(new RandomCrop(32, 32, 4), new HorizontalFlip(0.5)), 42);
 * }</pre>
 */
public final class AugmentedDataset implements Dataset {

    private final Dataset source;
    private final Transform transform;
    private final long seed;
    private final AtomicIntegerArray reads;

    /** The examples of {@code source}, their features passed through {@code transform}, reproducibly from {@code seed}. */
    public AugmentedDataset(Dataset source, Transform transform, long seed) {
        if (source == null || transform == null) {
            throw new IllegalArgumentException("AugmentedDataset: the source data set and the transform are required");
        }
        this.source = source;
        this.transform = transform;
        this.seed = seed;
        this.reads = new AtomicIntegerArray(source.size());
    }

    @Override
    public int size() {
        return source.size();
    }

    /** Example {@code index}, augmented as in its next epoch (the number of earlier reads of it). */
    @Override
    public Example get(int index) {
        if (index < 0 || index >= reads.length()) {
            throw new IndexOutOfBoundsException("AugmentedDataset: index " + index + " is out of range for "
                    + reads.length() + " examples");
        }
        return get(index, reads.getAndIncrement(index));
    }

    /** Example {@code index} as augmented in {@code epoch} (from 0), without counting a read. */
    public Example get(int index, int epoch) {
        Example example = source.get(index);
        return new Example(transform.apply(example.features(), generator(epoch, index)), example.target());
    }

    /** Sets every example's epoch, so that the next read of each is augmented as in {@code epoch} (to resume training). */
    public void setEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("AugmentedDataset: the epoch must be 0 or more, got " + epoch);
        }
        for (int i = 0; i < reads.length(); i++) {
            reads.set(i, epoch);
        }
    }

    /** The data set that is augmented. */
    public Dataset source() {
        return source;
    }

    /** The transform applied to each example's features. */
    public Transform transform() {
        return transform;
    }

    /** The generator for one example in one epoch: its seed mixes all three numbers, so nearby ones do not overlap. */
    Generator generator(int epoch, int index) {
        return new Generator(mix(mix(mix(seed) ^ epoch) ^ ((long) index << 32)));
    }

    /** SplitMix64's finaliser: every input bit affects every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
