package dev.nabla.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.generative.FidClassifier;
import dev.nabla.generative.Gan;
import dev.nabla.io.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerativeExamplesTest {

    @TempDir
    Path directory;

    @Test
    void aConditionalDcganTrainsOnAFewImagesAndItsCheckpointIsMeasured() throws IOException {
        FashionMnistData.assumeInstalled();
        Gan gan = DcganFashionMnist.run(new ExampleOptions(1, 128), 10, directory);
        assertEquals(2, gan.globalStep(), "128 images in batches of 64");
        assertTrue(Files.size(directory.resolve("samples-epoch-001.png")) > 0);
        List<String> lines = GenerativeMeasurements.measure(200, directory.resolve("last.nabla").toString());
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("the classifier's test accuracy: 0."), lines.get(0));
        assertTrue(lines.get(1).startsWith("floor (test vs training images): fid_fmnist "), lines.get(1));
        assertTrue(lines.get(3).contains(" label_accuracy "), lines.get(3));
        String json = Files.readString(directory.resolve("metrics.json"));
        assertTrue(json.contains("\"label_accuracy\"") && json.contains("\"fid_fmnist_floor\"")
                && json.contains("\"fid_fmnist_ceiling\""), json);
    }

    @Test
    void theFidClassifierTrainsAndSavesWeightsOfTheShippedShape() throws IOException {
        FashionMnistData.assumeInstalled();
        Path file = directory.resolve("classifier.nabla");
        Map<String, Double> test = FidClassifierTraining.run(new ExampleOptions(1, 512), file);
        assertTrue(test.get("loss") < 2.3, test.toString());
        assertEquals(FidClassifier.shipped().network().parameterCount(),
                ModelFile.load(file).model().parameterCount());
    }

    @Test
    void theVaeWritesItsPicturesAndANegativeElboInNats() throws IOException {
        FashionMnistData.assumeInstalled();
        Map<String, Double> test = VaeFashionMnist.run(new ExampleOptions(1, 256), directory);
        assertEquals(test.get("reconstruction") + test.get("kl"), test.get("negative_elbo"), 1e-3);
        assertTrue(test.get("negative_elbo") < 784 * Math.log(2), "better than a coin per pixel: " + test);
        for (String png : List.of("interpolation.png", "latent.png", "samples-epoch-001.png")) {
            assertTrue(Files.size(directory.resolve(png)) > 0, png);
        }
    }

    @Test
    void theAnomalyExampleScoresBags() throws IOException {
        FashionMnistData.assumeInstalled();
        double auc = AutoencoderAnomaly.run(new ExampleOptions(1, 512));
        assertTrue(auc > 0 && auc < 1, "an AUC: " + auc);
    }
}
