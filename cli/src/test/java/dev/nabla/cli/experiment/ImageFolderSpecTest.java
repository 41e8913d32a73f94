package dev.nabla.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.cli.Main;
import dev.nabla.cli.config.ConfigException;
import dev.nabla.cli.config.YamlFile;
import dev.nabla.data.Split;
import dev.nabla.io.ModelFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ImageFolderSpecTest {

    @TempDir
    Path directory;

    private static final String EXPERIMENT = """
            data:
              image_folder: shapes
              image_size: [6, 6]
              channels: 1
              validation_split: 0.25
              augmentation:
                - {type: random_flip, mode: horizontal}
            model:
              sequential:
                - {type: flatten}
                - {type: dense, units: 2, activation: softmax}
            training: {loss: sparse_categorical_crossentropy, metrics: [accuracy], epochs: 3, batch_size: 4}
            """;

    /** Dark and light 8×8 images, ten of each, in one folder per class. */
    private Path images(String folder) throws IOException {
        for (String name : List.of("dark", "light")) {
            Path classFolder = Files.createDirectories(directory.resolve(folder).resolve(name));
            for (int i = 0; i < 10; i++) {
                BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
                int grey = name.equals("dark") ? 10 + i : 240 - i;
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        image.setRGB(x, y, grey << 16 | grey << 8 | grey);
                    }
                }
                ImageIO.write(image, "png", classFolder.resolve(i + ".png").toFile());
            }
        }
        return directory.resolve(folder);
    }

    private Experiment read(String text) throws IOException {
        Path file = directory.resolve("shapes.yaml");
        Files.writeString(file, text.replace("OUTPUT", directory.resolve("run").toString()));
        return Experiment.read(file, new Experiment.Overrides(null, directory.resolve("run"), null));
    }

    @Test
    void aFolderOfImagesPerClassTrainsAndTestsOnAHeldOutPart() throws IOException {
        images("shapes");
        Experiment experiment = read(EXPERIMENT);

        Split split = experiment.data().load();
        Map<String, Double> test = ExperimentRun.run(experiment, new PrintWriter(new StringWriter()));

        assertArrayEquals(new int[] {1, 6, 6}, experiment.sampleShape());
        assertEquals(16, split.train().size());
        assertEquals(4, split.test().size());
        assertEquals(List.of("dark", "light"), experiment.data().classNames());
        assertTrue(Double.isFinite(test.get("accuracy")), test.toString());
        ModelInfo info = ModelInfo.of(ModelFile.load(directory.resolve("run/best.nabla")));
        assertEquals(List.of("dark", "light"), info.classNames());
        String resolved = Files.readString(directory.resolve("run/config.resolved.yaml"));
        assertTrue(resolved.contains("image_folder: " + directory.resolve("shapes").toAbsolutePath()), resolved);
        assertEquals(experiment.data().resolved(),
                Experiment.read(directory.resolve("run/config.resolved.yaml"), Experiment.Overrides.NONE).data()
                        .resolved());
    }

    @Test
    void evaluateTestsAModelOnAFolderOfImagesScaledToItsInput() throws IOException {
        images("shapes");
        ExperimentRun.run(read(EXPERIMENT), new PrintWriter(new StringWriter()));
        Files.createDirectories(directory.resolve("other/round"));
        Files.copy(directory.resolve("shapes/dark/0.png"), directory.resolve("other/round/0.png"));
        String model = directory.resolve("run/best.nabla").toString();

        StringWriter out = new StringWriter();
        CommandLine evaluate = Main.commandLine();
        evaluate.setOut(new PrintWriter(out, true));
        int exitCode = evaluate.execute("evaluate", model, "--data", directory.resolve("shapes").toString());
        StringWriter err = new StringWriter();
        CommandLine wrong = Main.commandLine();
        wrong.setErr(new PrintWriter(err, true));
        int wrongCode = wrong.execute("evaluate", model, "--data", directory.resolve("other").toString());

        assertEquals(0, exitCode);
        assertTrue(out.toString().startsWith(directory.resolve("shapes") + ": 20 examples\nloss "), out.toString());
        assertEquals(1, wrongCode);
        assertEquals("nabla evaluate: " + directory.resolve("other") + ": the folder's classes [round] differ from the"
                + " model's [dark, light]; the same class folders are needed\n", err.toString());
    }

    @Test
    void aTestFolderIsTheTestSetAndMustHaveTheSameClasses() throws IOException {
        images("shapes");
        images("more");
        Files.createDirectories(directory.resolve("other/dark"));
        Files.copy(directory.resolve("shapes/dark/0.png"), directory.resolve("other/dark/0.png"));

        Split split = read(EXPERIMENT.replace("channels: 1", "channels: 1\n  test_folder: more")).data().load();
        IOException classes = assertThrows(IOException.class,
                () -> read(EXPERIMENT.replace("channels: 1", "channels: 1\n  test_folder: other")).data().load());

        assertEquals(20, split.train().size());
        assertEquals(20, split.test().size());
        assertEquals(directory.resolve("other") + ": the test folder's classes [dark] differ from the training"
                + " folder's [dark, light]; the same class folders are needed in both", classes.getMessage());
    }

    @Test
    void mistakesInTheKeysAreReportedAtTheirLine() {
        ConfigException size = assertThrows(ConfigException.class, () -> Experiment.parse(YamlFile.parse(
                EXPERIMENT.replace("[6, 6]", "[6]"), "x.yaml"), directory, Experiment.Overrides.NONE));
        ConfigException channels = assertThrows(ConfigException.class, () -> Experiment.parse(YamlFile.parse(
                EXPERIMENT.replace("channels: 1", "channels: 2"), "x.yaml"), directory, Experiment.Overrides.NONE));

        assertEquals("x.yaml:3: data.image_size: expected [height, width], got 1 numbers", size.getMessage());
        assertEquals("x.yaml:4: data.channels: expected 1 (grey) or 3 (RGB), got 2", channels.getMessage());
    }
}
