package dev.nabla.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Softmax;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Callback;
import dev.nabla.train.FitOptions;
import dev.nabla.train.LayerStatistics;
import dev.nabla.train.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser (Debian's chromium, headless, which .ci/run installs): while
 * a model trains, the page, loaded once, redraws the epoch loss chart after every epoch. Each
 * epoch waits for the page to show it, so the test sees every update however slow the machine.
 */
class DashboardBrowserTest {

    private static final int EPOCHS = 3;
    private static final String EPOCH_LOSS_POINTS =
            "document.querySelector('[data-tag=\"epoch_loss\"]')?.dataset.points ?? null";

    @TempDir
    Path runs;

    @TempDir
    Path profile;

    @Test
    void theLossCurveGrowsAfterEveryEpochOfARunningFitWithoutReloadingThePage() throws Exception {
        Semaphore epochEnded = new Semaphore(0);
        Semaphore shown = new Semaphore(0);
        Callback waitForThePage = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                epochEnded.release();
                try {
                    shown.tryAcquire(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (Dashboard dashboard = Dashboard.start(runs, 0);
             HeadlessChromium browser = new HeadlessChromium(dashboard.uri(), profile)) {
            awaitValue(browser, "document.body.dataset.updates ?? null", null);
            browser.evaluate("window.loadedOnce = 'yes'");
            Thread training = new Thread(() -> {
                try {
                    fit(new TensorBoard(runs.resolve("mlp")).layerStatistics(new LayerStatistics().frequency(2))
                            .predictions(IMAGES.slice(0, 0, 4), LABELS.slice(0, 0, 4), List.of("ring", "bar", "dot")),
                            waitForThePage);
                } catch (Throwable e) {
                    failure.set(e);
                    epochEnded.release(EPOCHS);
                }
            }, "training");
            training.start();
            List<String> seen = new ArrayList<>();
            for (int epoch = 0; epoch < EPOCHS; epoch++) {
                assertTrue(epochEnded.tryAcquire(120, TimeUnit.SECONDS), "epoch " + epoch + " did not end");
                assertEquals(null, failure.get());
                // Two lines per chart: mlp/train and mlp/validation, one point per epoch each.
                seen.add(awaitValue(browser, EPOCH_LOSS_POINTS, Integer.toString(2 * (epoch + 1))));
                shown.release();
            }
            training.join(TimeUnit.SECONDS.toMillis(60));
            assertEquals(List.of("2", "4", "6"), seen);
            assertEquals("yes", browser.evaluate("window.loadedOnce"), "the page was never reloaded");
            assertEquals("mlp/trainmlp/validation", browser.evaluate("document.getElementById('legend').textContent"));
            assertTrue(Integer.parseInt((String) browser.evaluate("document.body.dataset.updates")) >= EPOCHS);
            assertEquals("batch_learning_rate epoch_learning_rate", browser.evaluate(
                    "[...document.querySelectorAll('#rate [data-tag]')].map(c => c.dataset.tag).join(' ')"));
            assertTrue(Integer.parseInt((String) browser.evaluate(
                    "String(document.querySelectorAll('#gradients [data-tag]').length)")) >= 5,
                    "a gradient-norm chart per parameter and the total");
            assertEquals("4", awaitValue(browser, "String([...document.querySelectorAll('#predictions img')]"
                    + ".filter(image => image.complete && image.naturalWidth === 4).length)", "4"),
                    "four validation images, served by the dashboard as PNG");
            String captions = (String) browser.evaluate("[...document.querySelectorAll('#predictions figcaption')]"
                    + ".map(c => c.textContent).join('|')");
            assertTrue(captions.matches("([✓✗] true (ring|bar|dot) · predicted (ring|bar|dot) \\(\\d\\.\\d\\d\\)\\|?){4}"),
                    captions);
            assertEquals("0 1 2 3 4", browser.evaluate("[...document.querySelectorAll('table.layers tbody tr')]"
                    + ".map(row => row.cells[0].textContent).join(' ')"), "a row per layer that computes");
            String dense = (String) browser.evaluate("[...document.querySelectorAll('table.layers tbody tr')[1].cells]"
                    + ".map(cell => cell.textContent).join('|')");
            assertTrue(dense.matches("1\\|[-0-9.e+]+\\|[-0-9.e+]+\\|\\|[0-9.e+-]+\\|[0-9.e+-]+\\|[0-9.e+-]+"), dense);
        }
    }

    private static final Tensor IMAGES = Tensor.randn(new Generator(5), 64, 1, 4, 4);
    private static final Tensor LABELS = Tensor.randint(new Generator(6), 0, 3, 64);

    private static void fit(Callback... callbacks) {
        Tensor x = IMAGES;
        Tensor y = LABELS;
        Model model = new Model(new Sequential(new Flatten(), Dense.linear(16, 8), new Relu(), Dense.linear(8, 3),
                new Softmax()))
                .compile("adam", "sparse_categorical_crossentropy", "accuracy");
        model.fit(x, y, FitOptions.defaults().epochs(EPOCHS).batchSize(16).validationSplit(0.25f).verbose(false)
                .callbacks(callbacks));
    }

    /** Polls {@code expression} until it equals {@code expected} (null: until it is not null); returns its value. */
    private static String awaitValue(HeadlessChromium browser, String expression, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Object value = null;
        while (System.nanoTime() < deadline) {
            value = browser.evaluate(expression);
            if (expected == null ? value != null : Objects.equals(expected, value)) {
                return (String) value;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(expression + " was " + value + " after 60 s, expected " + expected);
    }
}
