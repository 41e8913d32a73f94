package dev.nabla.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.generative.Dcgan;
import dev.nabla.generative.FashionMnistNetworks;
import dev.nabla.nn.AdaptiveAvgPool2d;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Sequential;
import dev.nabla.tensor.Generator;
import dev.nabla.zoo.Zoo;
import dev.nabla.zoo.ZooOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The zoo's architectures and the generative models' networks exported and run in ONNX Runtime:
 * the same outputs as in Nabla at batch sizes 1 and 7 through one file. Models are in eval mode,
 * with batch-norm statistics moved off their initial values so that they count.
 */
class ZooAndGenerativeExportTest {

    @TempDir
    Path folder;

    private final Generator generator = new Generator(5);

    /** One architecture of each family of the zoo (VGG and AlexNet, 100M+ weights, share their layers with these). */
    @ParameterizedTest
    @ValueSource(strings = {"lenet5", "resnet8", "resnet18", "resnet50", "densenet121", "mobilenet_v2"})
    void zooArchitecturesRunInOnnxRuntimeAsInNabla(String name) throws Exception {
        boolean lenet = name.equals("lenet5");
        Layer.manualSeed(7);
        Sequential model = Zoo.create(name, new ZooOptions(10, lenet ? 1 : 3, true));
        int[] sample = lenet ? new int[] {1, 28, 28} : new int[] {3, 32, 32};
        assertAgrees(model, sample, name);
    }

    @Test
    void generativeNetworksRunInOnnxRuntimeAsInNabla() throws Exception {
        Layer.manualSeed(8);
        assertAgrees(Dcgan.generator(64, 10, 32), new int[] {74}, "dcgan-generator");
        assertAgrees(Dcgan.discriminator(10, 32), new int[] {11, 28, 28}, "dcgan-discriminator");
        assertAgrees(FashionMnistNetworks.denseEncoder(256, 4), new int[] {1, 28, 28}, "vae-encoder");
        assertAgrees(FashionMnistNetworks.denseDecoder(2, 256, false), new int[] {2}, "vae-decoder");
        assertAgrees(FashionMnistNetworks.convolutionalEncoder(16), new int[] {1, 28, 28}, "autoencoder-encoder");
        assertAgrees(FashionMnistNetworks.convolutionalDecoder(16, true), new int[] {16}, "autoencoder-decoder");
    }

    @Test
    void adaptivePoolingOfUnequalWindowsIsTwoAveragingProducts() throws Exception {
        assertAgrees(new Sequential(new AdaptiveAvgPool2d(7)), new int[] {2, 1, 1}, "adaptive-from-one");
        assertAgrees(new Sequential(new AdaptiveAvgPool2d(3, 4)), new int[] {2, 5, 7}, "adaptive-uneven");
    }

    private void assertAgrees(Layer model, int[] sample, String name) throws Exception {
        model.build(withBatch(sample));
        trainBatchNormStatistics(model, sample);
        model.eval();
        double difference = OnnxRuntimeCheck.assertSameOutputs(model, sample, folder.resolve(name + ".onnx"),
                generator);
        assertTrue(difference <= OnnxRuntimeCheck.RELATIVE, name + ": " + difference);
        System.out.printf(java.util.Locale.ROOT, "%s: ONNX Runtime vs Nabla at batch 1 and 7, relative difference %.2e%n",
                name, difference);
    }

    /** A few training-mode passes, so the running means and variances are not 0 and 1. */
    private void trainBatchNormStatistics(Layer model, int[] sample) {
        model.train();
        for (int i = 0; i < 2; i++) {
            model.forward(dev.nabla.tensor.Tensor.randn(generator, withBatch(sample, 4)).mul(2f).add(0.5f));
        }
    }

    private static int[] withBatch(int[] sample) {
        return withBatch(sample, 1);
    }

    private static int[] withBatch(int[] sample, int batch) {
        int[] dims = new int[sample.length + 1];
        dims[0] = batch;
        System.arraycopy(sample, 0, dims, 1, sample.length);
        return dims;
    }
}
