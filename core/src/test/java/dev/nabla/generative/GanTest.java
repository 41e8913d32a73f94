package dev.nabla.generative;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.TensorDataset;
import dev.nabla.data.image.Images;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Reshape;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Tanh;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.FitOptions;
import dev.nabla.train.History;
import dev.nabla.train.ModelCheckpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GanTest {

    private static final int LATENT = 3;
    /** 32 images [1, 4, 4]: class 0 bright on the left half, class 1 on the right. */
    private static final Tensor IMAGES;
    private static final Tensor LABELS;

    static {
        float[] pixels = new float[32 * 16];
        float[] labels = new float[32];
        Generator random = new Generator(2);
        for (int i = 0; i < 32; i++) {
            labels[i] = i % 2;
            for (int p = 0; p < 16; p++) {
                boolean left = p % 4 < 2;
                pixels[i * 16 + p] = (left == (i % 2 == 0) ? 0.8f : 0.1f) + 0.1f * random.nextFloat();
            }
        }
        IMAGES = Tensor.of(pixels, 32, 1, 4, 4);
        LABELS = Tensor.of(labels, 32);
    }

    @TempDir
    Path directory;

    static Gan tiny(long seed, int classes) {
        Layer.manualSeed(seed);
        Sequential generator = new Sequential(Dense.linear(LATENT + classes, 16), new Tanh(), new Reshape(1, 4, 4));
        Sequential discriminator = new Sequential(new Flatten(), Dense.linear((1 + classes) * 16, 1));
        return new Gan(generator, discriminator, LATENT, classes);
    }

    private static FitOptions epochs(int from, int to) {
        return FitOptions.defaults().epochs(to).initialEpoch(from).batchSize(8).shuffle(true, 5).verbose(false);
    }

    @Test
    void aResumedRunContinuesWithTheLossesOfTheUninterruptedOne() throws IOException {
        TensorDataset data = new TensorDataset(IMAGES, LABELS);
        Gan uninterrupted = tiny(3, 2).labelSmoothing(0.1f);
        History whole = uninterrupted.fit(data, epochs(0, 4));

        Gan first = tiny(3, 2).labelSmoothing(0.1f);
        Path file = directory.resolve("last.nabla");
        History before = first.fit(data, epochs(0, 2).callbacks(new ModelCheckpoint(file)));
        Gan resumed = Gan.load(file).labelSmoothing(0.1f);
        assertEquals(8, resumed.globalStep());
        assertEquals(2, resumed.classes());
        History after = resumed.fit(data, epochs(2, 4));

        for (String key : List.of("d_loss", "g_loss")) {
            List<Double> expected = whole.get(key);
            assertEquals(expected.subList(0, 2), before.get(key), key);
            assertEquals(expected.subList(2, 4), after.get(key), key + " after resuming");
        }
        assertNotEquals(whole.get("g_loss").get(0), whole.get("g_loss").get(3), "it trains");
        assertArrayEquals(uninterrupted.sample(4, 1, 9).toFloatArray(), resumed.sample(4, 1, 9).toFloatArray());
    }

    @Test
    void theProgressBarAndHistoryShowTheStepsOwnLosses() {
        Gan gan = tiny(4, 0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream original = System.out;
        History history;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            history = gan.fit(new TensorDataset(IMAGES, LABELS), FitOptions.defaults().epochs(1).batchSize(16));
        } finally {
            System.setOut(original);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains(" - d_loss: ") && printed.contains(" - g_loss: "), printed);
        assertEquals(List.of("d_loss", "g_loss", "generator_learning_rate", "discriminator_learning_rate"),
                List.copyOf(history.values().keySet()));
    }

    @Test
    void samplesAreImagesInTheUnitRangeOfTheRequestedClasses() throws IOException {
        Gan gan = tiny(5, 2);
        Tensor samples = gan.sample(6, -1, 1);
        assertArrayEquals(new int[] {6, 1, 4, 4}, samples.shape().toArray());
        for (float v : samples.toFloatArray()) {
            assertTrue(v >= 0 && v <= 1, "in [0, 1]: " + v);
        }
        assertArrayEquals(gan.sample(6, -1, 1).toFloatArray(), samples.toFloatArray(), "the same seed, the same samples");
        assertEquals("the label must be in [0, 2), or -1 for every class in turn; got 2",
                assertThrows(IllegalArgumentException.class, () -> gan.sample(1, 2, 1)).getMessage());
        assertEquals("this model is not conditional: it takes no label (got 0)",
                assertThrows(IllegalArgumentException.class, () -> tiny(5, 0).sample(1, 0, 1)).getMessage());
        assertArrayEquals(new int[] {2, 1}, gan.realness(IMAGES.slice(0, 0, 2), LABELS.slice(0, 0, 2)).shape().toArray());

        SampleGrid grid = new SampleGrid(gan, directory, 6, 1);
        gan.fit(new TensorDataset(IMAGES, LABELS), epochs(0, 2).callbacks(grid));
        assertEquals(directory.resolve("samples-epoch-002.png"), grid.lastWritten());
        Tensor picture = Images.read(grid.lastWritten(), 1);
        assertArrayEquals(new int[] {1, 3 * 6 + 2, 2 * 6 + 2}, picture.shape().toArray(),
                "3 rows of 2 classes, 4-pixel cells and 2-pixel gaps");
    }

    @Test
    void settingsAndFilesThatAreNotAGanAreRefused() throws IOException {
        assertEquals("Gan: need a latent size of at least 1 and 0 (unconditional) or at least 2 classes, got latent"
                        + " size 3 and 1 classes",
                assertThrows(IllegalArgumentException.class, () -> tiny(1, 1)).getMessage());
        assertEquals("Gan: label smoothing must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> tiny(1, 0).labelSmoothing(1f)).getMessage());
        Path plain = directory.resolve("plain.nabla");
        dev.nabla.io.ModelFile.save(plain, Dense.linear(2, 1));
        IOException e = assertThrows(IOException.class, () -> GenerativeModel.load(plain));
        assertTrue(e.getMessage().endsWith("not a generative model's checkpoint (its training state has no"
                + " generative.kind of 'gan', 'wgan-gp' or 'vae'); save one with a ModelCheckpoint while fitting a"
                + " Gan or Vae"),
                e.getMessage());
    }

    @Test
    void theDcganNetworksMapNoiseToFashionMnistSizedImagesAndBack() {
        Layer.manualSeed(6);
        Gan gan = new Gan(Dcgan.generator(8, 10, 4), Dcgan.discriminator(10, 4), 8, 10);
        assertFalse(gan.auxiliaryClassifier());
        Gan auxiliary = Gan.withAuxiliaryClassifier(Dcgan.generator(8, 10, 4), Dcgan.auxiliaryDiscriminator(10, 4), 8, 10);
        assertArrayEquals(new int[] {2, 11}, auxiliary.discriminator().forward(Tensor.zeros(2, 1, 28, 28)).shape()
                .toArray(), "a real-or-fake logit and 10 class logits of the image alone");
        Tensor samples = gan.sample(10, -1, 3);
        assertArrayEquals(new int[] {10, 1, 28, 28}, samples.shape().toArray());
        Tensor images = Tensor.rand(new Generator(1), 4, 1, 28, 28);
        History history = gan.fit(new TensorDataset(images, Tensor.of(0f, 1f, 2f, 3f)),
                FitOptions.defaults().epochs(1).batchSize(4).verbose(false));
        assertTrue(Double.isFinite(history.last("d_loss")) && Double.isFinite(history.last("g_loss")));
    }

    @Test
    void anAuxiliaryClassifierLearnsTheClassesOfTheRealImagesAndIsSavedAsOne() throws IOException {
        Layer.manualSeed(7);   // the discriminator sees the image alone: a real-or-fake logit and 2 class logits
        Sequential generator = new Sequential(Dense.linear(LATENT + 2, 16), new Tanh(), new Reshape(1, 4, 4));
        Gan gan = Gan.withAuxiliaryClassifier(generator, new Sequential(new Flatten(), Dense.linear(16, 3)), LATENT, 2);
        assertTrue(gan.auxiliaryClassifier());
        Path file = directory.resolve("acgan.nabla");
        History history = gan.fit(new TensorDataset(IMAGES, LABELS), epochs(0, 30)
                .callbacks(new ModelCheckpoint(file)));
        Tensor classes = gan.discriminator().forward(IMAGES.mul(2f).sub(1f)).slice(1, 1, 3).argmax(1, false);
        assertEquals(1f, classes.to(LABELS.dtype()).eq(LABELS).mean().item(), "the class logits tell left from right");
        assertTrue(history.get("d_loss").get(29) < history.get("d_loss").get(0), history.get("d_loss").toString());
        Tensor sampled = gan.sample(16, -1, 3);   // classes 0, 1, 0, 1, ...
        Tensor leftOverRight = sampled.slice(3, 0, 2).sub(sampled.slice(3, 2, 4)).reshape(8, 2, -1).mean(2, false);
        float[] perClass = leftOverRight.mean(0, false).toFloatArray();
        assertTrue(perClass[0] > 0 && perClass[1] < 0, "class 0 drawn brighter on the left, class 1 on the right: "
                + java.util.Arrays.toString(perClass));
        assertTrue(Gan.load(file).auxiliaryClassifier(), "the checkpoint says so");

        Layer.manualSeed(7);
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () ->
                Gan.withAuxiliaryClassifier(new Sequential(Dense.linear(LATENT + 2, 16), new Reshape(1, 4, 4)),
                        new Sequential(new Flatten(), Dense.linear(16, 1)), LATENT, 2));
        assertEquals("Gan: the discriminator must give 1 + 2 logits (real or fake, then the classes) per image, got 1",
                wrong.getMessage());
        assertEquals("Gan: an auxiliary classifier needs at least 2 classes, got 0",
                assertThrows(IllegalArgumentException.class, () -> Gan.withAuxiliaryClassifier(generator,
                        new Sequential(new Flatten(), Dense.linear(16, 1)), LATENT, 0)).getMessage());
        assertEquals("Dcgan: an auxiliary classifier needs at least 2 classes, got 1",
                assertThrows(IllegalArgumentException.class, () -> Dcgan.auxiliaryDiscriminator(1, 4)).getMessage());
    }
}
