package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.monitoring.RunEvents;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code nabla dashboard} and {@code nabla train --dashboard}. */
class DashboardCommandTest {

    @TempDir
    Path directory;

    @Test
    void dashboardServesTheRunsUnderADirectoryUntilItsTimeIsUp() throws Exception {
        Files.createDirectories(directory.resolve("runs"));
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        int[] exitCode = {-1};
        Thread serving = new Thread(() -> exitCode[0] = cli.execute("dashboard", directory.resolve("runs").toString(),
                "--port", "0", "--stop-after", "3"));
        serving.start();
        URI address = null;
        for (int i = 0; i < 100 && address == null; i++) {
            Matcher matcher = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+/)").matcher(out.toString());
            address = matcher.find() ? URI.create(matcher.group(1)) : null;
            Thread.sleep(20);
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> runs = client.send(HttpRequest.newBuilder(address.resolve("api/runs")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(runs.body().contains("\"runs\":[]"), runs.body());
        }
        serving.join(TimeUnit.SECONDS.toMillis(20));
        assertEquals(0, exitCode[0]);
        assertTrue(out.toString().contains(" for 3 s"), out.toString());
    }

    @Test
    void trainWithDashboardAddsTheTensorBoardCallbackAndSaysWhereToLook() throws Exception {
        Path file = directory.resolve("digits.yaml");
        Files.writeString(file, """
                data: {name: digits, validation_split: 0.2, limit: 300}
                model:
                  sequential:
                    - {type: flatten}
                    - {type: dense, units: 10, activation: softmax}
                training:
                  loss: sparse_categorical_crossentropy
                  metrics: [accuracy]
                  epochs: 2
                """);
        Path output = directory.resolve("run");
        Run run = Run.nabla("train", file.toString(), "--output", output.toString(), "--dashboard",
                "--dashboard-port", "0");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("dashboard of this run at http://127.0.0.1:"), run.out());
        RunEvents train = new RunEvents(output.resolve("train"));
        train.refresh();
        assertEquals(2, train.scalars().get("epoch_loss").size());
        assertTrue(train.texts().get("config").contains("type: tensorboard"), train.texts().toString());
        assertTrue(Files.readString(output.resolve("config.resolved.yaml")).contains("update_frequency: 10"));

        Run refused = Run.nabla("train", "--dashboard");
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("--dashboard needs an EXPERIMENT file"), refused.err());
    }
}
