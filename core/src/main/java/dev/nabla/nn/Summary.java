package dev.nabla.nn;

import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Keras's {@code model.summary()} table: each layer's name and type, output shape (the
 * batch shown as {@code None}), parameter count and, for graphs, what it is connected to;
 * then total, trainable and non-trainable parameters with their size in memory.
 */
public final class Summary {

    private record Row(String layer, String shape, long parameters, String connectedTo) {
    }

    private Summary() {
    }

    /** The summary of a graph, whose input shapes are known. */
    public static String of(Graph graph) {
        List<Row> rows = new ArrayList<>();
        for (GraphNode node : graph.nodes()) {
            String shape = batchless(graph.shapeOf(node));
            if (node.isInput()) {
                rows.add(new Row(node.inputName() + " (InputLayer)", shape, 0, "-"));
            } else {
                String connected = node.inputs().stream().map(n -> (n.isInput() ? n.inputName()
                        : graph.nameOf(n.layer())) + "[0][0]").collect(Collectors.joining(", "));
                Layer layer = node.layer();
                rows.add(new Row(graph.nameOf(layer) + " (" + layer.getClass().getSimpleName() + ")", shape,
                        layer.parameterCount(), connected));
            }
        }
        return render("graph", rows, true, graph);
    }

    /**
     * The summary of a model given one sample's shape (without the batch dimension): a
     * batch of one zero sample runs through it in evaluation mode to find the shapes.
     * Sequential models get a row per layer; other layers a row per child.
     */
    public static String of(Layer model, int... sampleShape) {
        if (model instanceof Graph graph) {
            return of(graph);
        }
        int[] dims = new int[sampleShape.length + 1];
        dims[0] = 1;
        System.arraycopy(sampleShape, 0, dims, 1, sampleShape.length);
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        boolean training = model.isTraining();
        model.eval();
        try (NoGrad ignored = NoGrad.enter()) {
            Tensor x = Tensor.zeros(dims);
            if (model instanceof Sequential sequential) {
                for (Layer layer : sequential.layers()) {
                    x = layer.forward(x);
                    rows.add(new Row(label(layer, counts), batchless(x.shape()), layer.parameterCount(), ""));
                }
            } else {
                Tensor y = model.forward(x);
                rows.add(new Row(label(model, counts), batchless(y.shape()), model.parameterCount(), ""));
            }
        } finally {
            if (training) {
                model.train();
            }
        }
        return render(Graph.kerasName(model.getClass().getSimpleName()), rows, false, model);
    }

    private static String label(Layer layer, Map<String, Integer> counts) {
        String base = Graph.kerasName(layer.getClass().getSimpleName());
        int n = counts.merge(base, 1, Integer::sum);
        return (n == 1 ? base : base + "_" + (n - 1)) + " (" + layer.getClass().getSimpleName() + ")";
    }

    /** {@code [1, 10]} → {@code (None, 10)}. */
    private static String batchless(Shape shape) {
        int[] dims = shape.toArray();
        StringBuilder s = new StringBuilder("(None");
        for (int i = 1; i < dims.length; i++) {
            s.append(", ").append(dims[i]);
        }
        return s.append(')').toString();
    }

    private static String render(String name, List<Row> rows, boolean connections, Layer model) {
        List<String[]> cells = new ArrayList<>();
        cells.add(connections ? new String[] {"Layer (type)", "Output Shape", "Param #", "Connected to"}
                : new String[] {"Layer (type)", "Output Shape", "Param #"});
        for (Row r : rows) {
            String count = String.format(Locale.ROOT, "%,d", r.parameters());
            cells.add(connections ? new String[] {r.layer(), r.shape(), count, r.connectedTo()}
                    : new String[] {r.layer(), r.shape(), count});
        }
        int columns = cells.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : cells) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder s = new StringBuilder("Model: \"").append(name).append("\"\n");
        s.append(line(widths, '┏', '━', '┳', '┓'));
        s.append(cellsLine(cells.get(0), widths, '┃'));
        s.append(line(widths, '┡', '━', '╇', '┩'));
        for (int i = 1; i < cells.size(); i++) {
            if (i > 1) {
                s.append(line(widths, '├', '─', '┼', '┤'));
            }
            s.append(cellsLine(cells.get(i), widths, '│'));
        }
        s.append(line(widths, '└', '─', '┴', '┘'));
        long total = model.parameterCount();
        long trainable = model.trainableParameterCount();
        s.append(" Total params: ").append(count(total)).append('\n');
        s.append(" Trainable params: ").append(count(trainable)).append('\n');
        s.append(" Non-trainable params: ").append(count(total - trainable)).append('\n');
        return s.toString();
    }

    private static String line(int[] widths, char left, char fill, char join, char right) {
        StringBuilder s = new StringBuilder().append(left);
        for (int c = 0; c < widths.length; c++) {
            s.append(String.valueOf(fill).repeat(widths[c] + 2)).append(c < widths.length - 1 ? join : right);
        }
        return s.append('\n').toString();
    }

    /** Text left-aligned, the parameter count (third column) right-aligned, as Keras. */
    private static String cellsLine(String[] row, int[] widths, char bar) {
        StringBuilder s = new StringBuilder().append(bar);
        for (int c = 0; c < row.length; c++) {
            String pad = " ".repeat(widths[c] - row[c].length());
            s.append(' ').append(c == 2 ? pad + row[c] : row[c] + pad).append(' ').append(bar);
        }
        return s.append('\n').toString();
    }

    /** {@code 50,890 (198.79 KB)}: four bytes per float32 parameter, in 1024-based units. */
    static String count(long parameters) {
        double bytes = parameters * 4.0;
        String[] units = {"B", "KB", "MB", "GB"};
        int u = 0;
        while (bytes >= 1024 && u < units.length - 1) {
            bytes /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%,d (%.2f %s)", parameters, bytes, units[u]);
    }
}
