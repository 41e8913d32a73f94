package dev.nabla.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.io.JsonReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Following event files as they grow, and the dashboard's JSON of them. */
class RunEventsTest {

    @TempDir
    Path directory;

    @Test
    void eachRefreshAddsOnlyTheNewPointsAndTheLatestTexts() throws Exception {
        RunEvents events = new RunEvents(directory);
        try (SummaryWriter writer = new SummaryWriter(directory)) {
            writer.scalar("epoch_loss", 2.0, 0);
            writer.text("config", "first", 0);
            events.refresh();
            assertEquals(List.of(new RunEvents.Point(0, 2.0, events.scalars().get("epoch_loss").getFirst().wallTime())),
                    events.scalars().get("epoch_loss"));
            writer.scalar("epoch_loss", 1.5, 1);
            writer.histogram("weights", new float[] {1, 2}, 1);
            writer.hparamsSessionStart(Map.of("units", 8));
            writer.text("config", "second", 1);
        }
        events.refresh();
        assertEquals(List.of(0L, 1L), events.scalars().get("epoch_loss").stream().map(RunEvents.Point::step).toList());
        assertEquals(1.5, events.scalars().get("epoch_loss").get(1).value());
        assertEquals(List.of("epoch_loss"), List.copyOf(events.scalars().keySet()), "histograms and hparams are not scalars");
        assertEquals(Map.of("config", "second"), events.texts());
    }

    @Test
    void aRecordStillBeingWrittenWaitsForTheNextRefreshAndACorruptOneIsAnError() throws Exception {
        Path file;
        try (SummaryWriter writer = new SummaryWriter(directory)) {
            writer.scalar("loss", 1, 1);
            file = writer.file();
        }
        byte[] whole = Files.readAllBytes(file);
        Path growing = directory.resolve("growing");
        Files.createDirectories(growing);
        Path copy = growing.resolve("events.out.tfevents.1.test");
        Files.write(copy, Arrays.copyOf(whole, whole.length - 3));
        RunEvents events = new RunEvents(growing);
        events.refresh();
        assertEquals(null, events.scalars().get("loss"));
        Files.write(copy, Arrays.copyOfRange(whole, whole.length - 3, whole.length), StandardOpenOption.APPEND);
        events.refresh();
        assertEquals(1, events.scalars().get("loss").size());

        whole[whole.length - 6] ^= 1;
        Files.write(copy, whole);
        IOException error = assertThrows(IOException.class, () -> new RunEvents(growing).refresh());
        assertTrue(error.getMessage().contains("CRC"), error.getMessage());
    }

    @Test
    void theDashboardServesThePageAndEveryRunsScalarsOnLoopbackOnly() throws Exception {
        try (SummaryWriter train = new SummaryWriter(directory.resolve("a/train"));
             SummaryWriter other = new SummaryWriter(directory.resolve("b/train"))) {
            train.scalar("epoch_loss", 0.5, 0);
            other.scalar("epoch_loss", 0.25, 0);
        }
        try (Dashboard dashboard = Dashboard.start(directory, 0); HttpClient client = HttpClient.newHttpClient()) {
            assertEquals("127.0.0.1", dashboard.uri().getHost());
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(dashboard.uri()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(page.body().contains("<script src=\"dashboard.js\">"), page.body());
            HttpResponse<byte[]> runs = client.send(HttpRequest.newBuilder(dashboard.uri().resolve("api/runs")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            List<?> list = (List<?>) ((Map<?, ?>) JsonReader.parseDocument(runs.body())).get("runs");
            assertEquals(List.of("a/train", "b/train"), list.stream().map(run -> ((Map<?, ?>) run).get("name")).toList());
            Map<?, ?> scalars = (Map<?, ?>) ((Map<?, ?>) list.get(1)).get("scalars");
            assertEquals(List.of(List.of(0L, 0.25)), scalars.get("epoch_loss"));
            assertEquals(404, client.send(HttpRequest.newBuilder(dashboard.uri().resolve("secrets")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Dashboard.start(directory, 70_000))
                .getMessage().contains("port"));
    }
}
