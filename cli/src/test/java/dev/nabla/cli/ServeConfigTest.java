package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.cli.config.ConfigException;
import dev.nabla.serving.InferenceClient;
import dev.nabla.serving.InferenceServer;
import dev.nabla.serving.ServingException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code nabla serve --config FILE}: a serving file, an experiment's serve: section, and the command line over both. */
class ServeConfigTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path directory;

    private static Path model() {
        return TrainedDigitsModel.directory().resolve("best.nabla");
    }

    private static InferenceServer serve(String... arguments) throws Exception {
        CommandLine command = new CommandLine(new ServeCommand());
        command.parseArgs(arguments);
        return ((ServeCommand) command.getCommand()).start();
    }

    @Test
    void aServingFileNamesTheModelsAndSettingsAndTheCommandLineWins() throws Exception {
        Path file = directory.resolve("serve.yaml");
        Files.writeString(file, """
                serve:
                  port: 0
                  max_batch: 8
                  max_delay_ms: 1
                  max_body_bytes: 1024
                  models:
                    - {name: digits, version: 2, file: %s}
                """.formatted(model()));
        ServeConfig config = ServeConfig.read(file);
        assertEquals(List.of("digits:2=" + model()), config.models());
        assertEquals(8, config.maxBatch());
        assertEquals(1024L, config.maxBodyBytes());
        float[] images = new float[8 * 64];   // eight 8x8 images: more than 1024 bytes of JSON
        try (InferenceServer server = serve("--config", file.toString())) {
            InferenceClient client = new InferenceClient(URI.create(server.url()));
            assertEquals(List.of("2"), client.metadata("digits").get("versions"));
            ServingException refused = assertThrows(ServingException.class,
                    () -> client.infer("digits", images, 8, 1, 8, 8));
            assertEquals(413, refused.status());
        }
        try (InferenceServer server = serve("--config", file.toString(), "--max-body-bytes", "100000")) {
            InferenceClient client = new InferenceClient(URI.create(server.url()));
            assertEquals(80, client.infer("digits", images, 8, 1, 8, 8).length);
        }
    }

    @Test
    void anExperimentFileServesTheModelItTrainsUnderItsName() throws Exception {
        Path file = directory.resolve("digits.yaml");
        Files.writeString(file, """
                data: {name: digits}
                model:
                  sequential:
                    - {type: flatten}
                    - {type: dense, units: 10}
                training: {loss: sparse_categorical_crossentropy}
                output: %s
                serve: {port: 0, workers: 2, http: jetty}
                """.formatted(TrainedDigitsModel.directory()));
        ServeConfig config = ServeConfig.read(file);
        assertEquals(List.of("digits=" + model()), config.models());
        assertEquals(2, config.workers());
        try (InferenceServer server = serve("--config", file.toString())) {
            Map<?, ?> metadata = new InferenceClient(URI.create(server.url())).metadata("digits");
            assertEquals("digits", metadata.get("name"));
        }
    }

    @Test
    void theServingFileOfTheDocumentationReads() throws Exception {
        String doc = Files.readString(ROOT.resolve("docs/serving.md"));
        java.util.regex.Matcher block = java.util.regex.Pattern.compile("```yaml\\n(serve:.*?)```",
                java.util.regex.Pattern.DOTALL).matcher(doc);
        assertTrue(block.find(), "docs/serving.md shows a serving file");
        Path file = directory.resolve("documented.yaml");
        Files.writeString(file, block.group(1));
        ServeConfig config = ServeConfig.read(file);
        assertEquals(List.of("fashion:2=runs/fashion-mnist-cnn/best.nabla"), config.models());
        assertEquals(32, config.maxBatch());
        assertEquals(2, config.workers());
        ServeConfig example = ServeConfig.read(ROOT.resolve("examples/fashion-mnist-cnn.yaml"));
        assertEquals(List.of("fashion-mnist-cnn=" + Path.of("runs/fashion-mnist-cnn/best.nabla")), example.models());
        assertEquals(64, example.maxBatch());
    }

    @Test
    void aMistakeNamesItsLineAndKey() throws Exception {
        Path file = directory.resolve("serve.yaml");
        Files.writeString(file, """
                serve:
                  port: 0
                  max_batches: 8
                """);
        ConfigException unknown = assertThrows(ConfigException.class, () -> ServeConfig.read(file));
        assertTrue(unknown.getMessage().contains("serve.yaml:3:") && unknown.getMessage().contains("max_batches")
                && unknown.getMessage().contains("max_batch"), unknown.getMessage());
        Files.writeString(file, "serve: {port: 0}\n");
        ConfigException noModels = assertThrows(ConfigException.class, () -> ServeConfig.read(file));
        assertTrue(noModels.getMessage().contains("names its models"), noModels.getMessage());
    }
}
