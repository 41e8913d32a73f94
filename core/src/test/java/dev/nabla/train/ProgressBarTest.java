package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private static Map<String, Double> logs() {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", 0.32641);
        logs.put("accuracy", 0.88123);
        logs.put("val_loss", 0.00012);
        return logs;
    }

    @Test
    void printsOneLinePerEpochWhenNotATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 10, 469, false);
        bar.onEpochBegin(2);
        bar.onTrainBatchEnd(0, logs());
        bar.onEpochEnd(2, logs());
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length);
        assertEquals("Epoch 3/10", lines[0]);
        assertTrue(lines[1].matches("469/469 ━{20} \\d+s \\d+us/step - loss: 0\\.3264 - accuracy: 0\\.8812"
                + " - val_loss: 1\\.2000e-04"), lines[1]);
    }

    @Test
    void firstSaysWhichKernelsRun() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 1, 4, false);
        bar.onTrainBegin(null);
        bar.onEpochBegin(0);
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        // The tests run with the Vector API module; without it the line reads
        // "Kernels: scalar (slow: add --add-modules jdk.incubator.vector)" (see KernelProviderTest).
        assertTrue(lines[0].matches("Kernels: vector \\(\\d+-bit\\)"), lines[0]);
        assertEquals("Epoch 1/1", lines[1]);
    }

    @Test
    void redrawsTheLineOnATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 1, 4, true);
        bar.onEpochBegin(0);
        bar.onTrainBatchEnd(1, logs());
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("\r2/4 ━━━━━━━━━━           "), out);
    }
}
