package dev.nabla.generative;

import dev.nabla.data.image.Images;
import dev.nabla.data.image.Preview;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Callback;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * After each epoch, writes a PNG grid of samples from fixed noise ({@code samples-epoch-001.png},
 * …), so the same cells show how the model's samples change as it trains; a conditional model's
 * grid has one class per column.
 */
public final class SampleGrid implements Callback {

    private final GenerativeModel model;
    private final Path directory;
    private final int count;
    private final long seed;
    private Path lastWritten;

    /** {@code count} samples of {@code model} from the noise of {@code seed}, written into {@code directory}. */
    public SampleGrid(GenerativeModel model, Path directory, int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("SampleGrid: need at least one sample, got " + count);
        }
        this.model = model;
        this.directory = directory;
        this.count = count;
        this.seed = seed;
    }

    @Override
    public void onEpochEnd(int epoch, java.util.Map<String, Double> logs) {
        Path file = directory.resolve(String.format(Locale.ROOT, "samples-epoch-%03d.png", epoch + 1));
        try {
            write(model.sample(count, -1, seed), model.classes(), file);
        } catch (IOException e) {
            throw new UncheckedIOException("SampleGrid: cannot write " + file + ": " + e.getMessage(), e);
        }
        lastWritten = file;
    }

    /** The last grid written, or null. */
    public Path lastWritten() {
        return lastWritten;
    }

    /**
     * Writes images {@code [N, C, H, W]} in [0, 1] as one PNG grid: {@code perRow} in a row (the
     * classes of a conditional model, so each column is one class), else a square-ish grid.
     */
    public static void write(Tensor images, int perRow, Path png) throws IOException {
        Images.writePng(grid(images, perRow), png);
    }

    /** The grid image {@code [C, rows, columns]} of {@link #write}. */
    public static Tensor grid(Tensor images, int perRow) {
        if (images.rank() != 4) {
            throw new IllegalArgumentException("SampleGrid: need images [N, C, H, W], got shape " + images.shape());
        }
        int n = images.dim(0);
        int columns = perRow > 0 ? perRow : (int) Math.ceil(Math.sqrt(n));
        List<Tensor> cells = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cells.add(images.slice(0, i, i + 1).reshape(images.dim(1), images.dim(2), images.dim(3)));
        }
        return Preview.arrange(cells, columns);
    }
}
