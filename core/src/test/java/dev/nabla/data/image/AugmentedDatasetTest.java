package dev.nabla.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.nabla.data.Batch;
import dev.nabla.data.DataLoader;
import dev.nabla.data.TensorDataset;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AugmentedDatasetTest {

    private static final TensorDataset IMAGES = new TensorDataset(Tensor.rand(new Generator(1), 10, 3, 16, 16),
            Tensor.arange(10));

    @Test
    void eachReadOfAnExampleIsItsNextEpoch() {
        AugmentedDataset data = new AugmentedDataset(IMAGES, ComposeTest.everything(), 42);

        float[] epoch0 = data.get(3).features().toFloatArray();
        float[] epoch1 = data.get(3).features().toFloatArray();

        assertArrayEquals(data.get(3, 0).features().toFloatArray(), epoch0);
        assertArrayEquals(data.get(3, 1).features().toFloatArray(), epoch1);
        assertFalse(Arrays.equals(epoch0, epoch1), "epochs differ");
        assertEquals(IMAGES.get(3).target().item(), data.get(3).target().item());
    }

    @Test
    void theAugmentationOfAnExampleDoesNotDependOnTheOrderOfReads() {
        AugmentedDataset forward = new AugmentedDataset(IMAGES, ComposeTest.everything(), 7);
        AugmentedDataset backward = new AugmentedDataset(IMAGES, ComposeTest.everything(), 7);
        float[][] first = new float[10][];
        for (int i = 0; i < 10; i++) {
            first[i] = forward.get(i).features().toFloatArray();
        }
        for (int i = 9; i >= 0; i--) {
            assertArrayEquals(first[i], backward.get(i).features().toFloatArray());
        }
        assertFalse(Arrays.equals(first[0], new AugmentedDataset(IMAGES, ComposeTest.everything(), 8).get(0)
                .features().toFloatArray()), "another seed, other augmentations");
    }

    @Test
    void twoRunsThroughAShufflingPrefetchingLoaderSeeTheSameBatches() {
        List<float[]> first = run();
        List<float[]> second = run();

        assertEquals(first.size(), second.size());
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i), second.get(i));
        }
        assertFalse(Arrays.equals(first.get(0), first.get(first.size() / 2)), "epochs differ");
    }

    @Test
    void setEpochResumesAtAnEpoch() {
        AugmentedDataset data = new AugmentedDataset(IMAGES, ComposeTest.everything(), 3);

        data.setEpoch(5);

        assertArrayEquals(data.get(2, 5).features().toFloatArray(), data.get(2).features().toFloatArray());
        assertArrayEquals(data.get(2, 6).features().toFloatArray(), data.get(2).features().toFloatArray());
    }

    /** Two epochs of batches of 4, shuffled, built in a background thread. */
    private static List<float[]> run() {
        AugmentedDataset data = new AugmentedDataset(IMAGES, ComposeTest.everything(), 11);
        DataLoader loader = new DataLoader(data, 4, new Generator(5), false, 2);
        List<float[]> batches = new ArrayList<>();
        for (int epoch = 0; epoch < 2; epoch++) {
            for (Batch batch : loader) {
                batches.add(batch.features().toFloatArray());
            }
        }
        return batches;
    }
}
