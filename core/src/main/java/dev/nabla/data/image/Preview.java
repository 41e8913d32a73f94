package dev.nabla.data.image;

import dev.nabla.data.Dataset;
import dev.nabla.data.Example;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A picture of what augmentation does: a grid with one row per sample, its original image
 * first, then {@code versions} augmented ones (epochs 0, 1, … of an {@link AugmentedDataset}),
 * separated by white lines. Values are shown clamped to [0, 1], so preview before
 * {@link Normalize}. Works headless (javax.imageio only).
 *
 * <pre>{@code
 * Preview.write(Path.of("augmented.png"), new AugmentedDataset(folder, transform, 42), 8, 7);
 * }</pre>
 */
public final class Preview {

    /** White space between and around the cells, in pixels. */
    static final int GAP = 2;

    private Preview() {
    }

    /** Writes the grid of the first {@code samples} examples and {@code versions} augmentations of each as a PNG. */
    public static void write(Path png, AugmentedDataset data, int samples, int versions) throws IOException {
        Images.writePng(grid(data, samples, versions), png);
    }

    /** Writes the grid of {@code images}, each augmented {@code versions} times by {@code transform} from {@code seed}. */
    public static void write(Path png, List<Tensor> images, Transform transform, int versions, long seed)
            throws IOException {
        Dataset list = new Dataset() {
            @Override
            public int size() {
                return images.size();
            }

            @Override
            public Example get(int index) {
                return new Example(images.get(index), Tensor.scalar(0));
            }
        };
        write(png, new AugmentedDataset(list, transform, seed), images.size(), versions);
    }

    /**
     * The grid as an image {@code [channels, rows, columns]}: {@code samples} rows of {@code 1 +
     * versions} cells, each cell as large as the largest image in it.
     */
    public static Tensor grid(AugmentedDataset data, int samples, int versions) {
        if (samples < 1 || samples > data.size() || versions < 0) {
            throw new IllegalArgumentException("Preview: need 1 to " + data.size() + " samples and 0 or more versions,"
                    + " got " + samples + " samples and " + versions + " versions");
        }
        List<Tensor> cells = new ArrayList<>();
        for (int sample = 0; sample < samples; sample++) {
            cells.add(data.source().get(sample).features());
            for (int epoch = 0; epoch < versions; epoch++) {
                cells.add(data.get(sample, epoch).features());
            }
        }
        return arrange(cells, 1 + versions);
    }

    /**
     * The images {@code [channels, height, width]} laid out row by row, {@code perRow} in each
     * row, on a white background with a small gap: one image {@code [channels, rows, columns]}.
     */
    public static Tensor arrange(List<Tensor> cells, int perRow) {
        int channels = cells.getFirst().dim(0);
        int cellHeight = 0;
        int cellWidth = 0;
        for (Tensor cell : cells) {
            Images.checkImage(cell, "Preview");
            if (cell.dim(0) != channels) {
                throw new IllegalArgumentException("Preview: the images have different numbers of channels ("
                        + channels + " and " + cell.dim(0) + ")");
            }
            cellHeight = Math.max(cellHeight, cell.dim(1));
            cellWidth = Math.max(cellWidth, cell.dim(2));
        }
        int rows = (cells.size() + perRow - 1) / perRow;
        int height = rows * (cellHeight + GAP) + GAP;
        int width = perRow * (cellWidth + GAP) + GAP;
        float[] canvas = new float[channels * height * width];
        Arrays.fill(canvas, 1f);
        for (int i = 0; i < cells.size(); i++) {
            int top = GAP + (i / perRow) * (cellHeight + GAP);
            int left = GAP + (i % perRow) * (cellWidth + GAP);
            paste(canvas, height, width, cells.get(i), top, left);
        }
        return Tensor.of(canvas, channels, height, width);
    }

    private static void paste(float[] canvas, int height, int width, Tensor cell, int top, int left) {
        float[] values = cell.toFloatArray();
        int rows = cell.dim(1);
        int columns = cell.dim(2);
        for (int c = 0; c < cell.dim(0); c++) {
            for (int y = 0; y < rows; y++) {
                System.arraycopy(values, (c * rows + y) * columns, canvas, (c * height + top + y) * width + left,
                        columns);
            }
        }
    }
}
