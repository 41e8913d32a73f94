package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.TensorDataset;
import dev.nabla.data.Digits;
import dev.nabla.io.JsonReader;
import dev.nabla.serving.InferenceServer;
import dev.nabla.serving.ServedModel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {

    @TempDir
    Path directory;

    private static Path model() {
        return TrainedDigitsModel.directory().resolve("best.nabla");
    }

    @Test
    void aModelFileIsServedByNameAndVersionWithItsShapeAndClassNames() throws Exception {
        ServedModelFiles files = new ServedModelFiles(null);
        ServedModel digits = files.load("digits:3=" + model());
        assertEquals("digits", digits.name());
        assertEquals("3", digits.version());
        assertArrayEquals(new int[] {1, 8, 8}, digits.sampleShape());
        assertEquals(10, digits.classNames().size());
        ServedModel plain = files.load(model().toString());
        assertEquals("best", plain.name());
        assertEquals("1", plain.version());
        ServedModel reloaded = files.reload(digits);
        assertEquals("3", reloaded.version());
    }

    @Test
    void aPngPostedToPredictGetsTheClassesAndProbabilitiesNablaPredictPrints() throws Exception {
        TensorDataset data = Digits.load();
        float[] pixels = data.features().slice(0, 5, 6).toFloatArray();
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 64; i++) {
            image.getRaster().setSample(i % 8, i / 8, 0, Math.round(pixels[i] * 255));
        }
        Path png = directory.resolve("five.png");
        ImageIO.write(image, "png", png.toFile());
        Run predicted = Run.nabla("predict", model().toString(), png.toString(), "--top", "1");
        assertEquals(0, predicted.exitCode(), predicted.err());
        Matcher line = Pattern.compile(": (\\d+) (\\S+) (0\\.\\d{4})").matcher(predicted.out());
        assertTrue(line.find(), predicted.out());

        try (InferenceServer server = InferenceServer.builder().model(new ServedModelFiles(null).load("digits=" + model()))
                .port(0).start()) {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.url() + "/v1/models/digits:predict?top=1")).header("Content-Type", "image/png")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(png))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, response.statusCode(), new String(response.body()));
            Map<?, ?> best = (Map<?, ?>) ((List<?>) ((Map<?, ?>) JsonReader.parseDocument(response.body()))
                    .get("predictions")).get(0);
            assertEquals(Long.parseLong(line.group(1)), best.get("class"));
            assertEquals(line.group(2), best.get("name"));
            assertEquals(line.group(3), String.format(java.util.Locale.ROOT, "%.4f", (Double) best.get("probability")));
        }
    }

    @Test
    void serveRefusesBadOptionsBeforeListening() {
        Run run = Run.nabla("serve", model().toString(), "--max-batch", "0");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("max batch must be at least 1, got 0"), run.err());
    }

    @Test
    void benchServeMeasuresEachConnectionCountAndBatchingAndSoaksAgainstPredict() {
        Run run = Run.nabla("bench", "serve", "--connections", "1,4", "--max-batch", "1,8", "--seconds", "0.3",
                "--warmup-seconds", "0", "--data", "random", "--soak", "300");
        // The exit code also says whether the heap grew over 10 %, which a test JVM shared with other tests cannot promise.
        List<String> lines = run.out().lines().toList();
        assertEquals(5, lines.size(), run.out() + run.err());
        for (String measured : lines.subList(0, 4)) {
            assertTrue(measured.matches("serve model=cnn http=jdk connections=[14] max_batch=(1|8) max_delay_ms=2\\.0 workers=1 threads=\\d+"
                    + " requests=\\d+ requests_per_s=\\d+ p50_ms=[\\d.]+ p99_ms=[\\d.]+ mean_batch=[\\d.]+ errors_5xx=0"
                    + " data=random"), measured);
        }
        assertTrue(lines.get(4).matches("soak model=cnn connections=4 max_batch=8 requests=300 statuses=\\{200=\\d+,"
                + " 400=\\d+, 404=\\d+, 413=\\d+} mismatches=0 largest_difference=\\S+ errors_5xx=0 .*"), lines.get(4));
    }

    @Test
    void benchServeWithoutHttpCallsTheBatcherFromInsideTheJvm() {
        Run run = Run.nabla("bench", "serve", "--http", "none", "--connections", "4", "--max-batch", "1,8",
                "--seconds", "0.3", "--warmup-seconds", "0", "--data", "random");
        List<String> lines = run.out().lines().toList();
        assertEquals(2, lines.size(), run.out() + run.err());
        for (String measured : lines) {
            assertTrue(measured.matches("serve model=cnn http=none connections=4 max_batch=(1|8) max_delay_ms=2\\.0"
                    + " workers=1 threads=\\d+ requests=[1-9]\\d* requests_per_s=\\d+ p50_ms=[\\d.]+ p99_ms=[\\d.]+"
                    + " mean_batch=[\\d.]+ errors_5xx=0 data=random"), measured);
        }
        assertTrue(lines.get(0).contains(" mean_batch=1.0 "), lines.get(0));
        Run wrong = Run.nabla("bench", "serve", "--http", "tomcat", "--seconds", "0.1");
        assertEquals(2, wrong.exitCode());
        assertTrue(wrong.err().contains("the HTTP engine is jetty or jdk, got 'tomcat' (or none)"), wrong.err());
    }
}
