package dev.nabla.nn;

import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Keras's {@code model.summary()} table: each layer's name (the one given with
 * {@link Layer#named(String)}, else generated as Keras does) and type, output shape (the
 * batch shown as {@code None}), parameter count and, for graphs, what it is connected to;
 * then total, trainable and non-trainable parameters with their size in memory. A layer whose
 * parameters are all frozen ({@link Layer#setTrainable}) is marked {@code [frozen]}, one with
 * some frozen {@code [partly frozen]}. As in Keras,
 * running statistics (batch norm's running mean and variance) count as non-trainable
 * parameters.
 */
public final class Summary {

    private record Row(String layer, String shape, long parameters, String connectedTo) {
    }

    private Summary() {
    }

    /** {@link Layer#toString()}: a tree like PyTorch's module printout. */
    static String tree(Layer layer) {
        StringBuilder s = new StringBuilder(layer.getClass().getSimpleName()).append('(').append(layer.describe());
        if (!layer.children().isEmpty()) {
            s.append('\n');
            layer.children().forEach((k, c) -> s.append("  (").append(k).append("): ")
                    .append(c.toString().replace("\n", "\n  ")).append('\n'));
        }
        return s.append(')').toString();
    }

    /**
     * The summary of a graph, whose input shapes are known. A layer with several outputs shows
     * each one's shape, {@code [(None, 5, 8), (None, 8), (None, 8)]}, and a layer reading output
     * {@code i} of another is connected to {@code name[0][i]}, as in Keras.
     */
    public static String of(Graph graph) {
        List<Row> rows = new ArrayList<>();
        for (GraphNode node : graph.nodes()) {
            List<Shape> shapes = graph.outputShapesOf(node);
            String shape = shapes.size() == 1 ? batchless(shapes.get(0))
                    : shapes.stream().map(Summary::batchless).collect(Collectors.joining(", ", "[", "]"));
            if (node.isInput()) {
                rows.add(new Row(node.inputName() + " (InputLayer)", shape, 0, "-"));
            } else {
                String connected = node.inputs().stream().map(n -> (n.isInput() ? n.inputName()
                        : graph.nameOf(n.layer())) + "[0][" + n.outputIndex() + "]").collect(Collectors.joining(", "));
                Layer layer = node.layer();
                rows.add(new Row(graph.nameOf(layer) + " (" + layer.getClass().getSimpleName() + ")" + frozen(layer),
                        shape, countWithStatistics(layer), connected));
            }
        }
        return render("graph", rows, true, graph);
    }

    /**
     * The summary of a model that knows its input: a graph, or a {@link Sequential} that has
     * seen data or was declared an input shape ({@link Sequential#withInputShape}).
     *
     * @throws IllegalStateException for a model that does not know its input, saying what to pass
     */
    public static String of(Layer model) {
        if (model instanceof Graph graph) {
            return of(graph);
        }
        if (model instanceof Sequential sequential && sequential.inputShape() != null) {
            return of(model, sequential.inputShape());
        }
        throw new IllegalStateException(model.path() + ".summary(): the model does not know the shape of its input"
                + " yet; give one sample's shape without the batch, e.g. summary(1, 28, 28) for 28x28 grey images,"
                + " declare it with withInputShape(1, 28, 28), or run data through the model first");
    }

    /**
     * The summary of a model given one sample's shape (without the batch dimension; none:
     * the shape the model knows, see {@link #of(Layer)}): a batch of one zero sample runs
     * through it in evaluation mode to find the shapes. Sequential models get a row per
     * layer; other layers a row per child.
     *
     * @throws IllegalArgumentException when the shape does not fit the model, naming the layer
     */
    public static String of(Layer model, int... sampleShape) {
        if (model instanceof Graph graph) {
            return of(graph);
        }
        if (sampleShape.length == 0) {
            return of(model);
        }
        String where = model.path() + ".summary(" + Arrays.toString(sampleShape) + ")";
        checkFirstLayer(model, sampleShape, where);
        int[] dims = new int[sampleShape.length + 1];
        dims[0] = 1;
        System.arraycopy(sampleShape, 0, dims, 1, sampleShape.length);
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        boolean training = model.isTraining();
        model.eval();
        try (NoGrad ignored = NoGrad.enter()) {
            Tensor x = Tensor.zeros(dims);
            List<Layer> layers = model instanceof Sequential sequential ? sequential.layers() : List.of(model);
            for (Layer layer : layers) {
                String label = label(layer, counts);
                Tensor input = x;
                try {
                    x = layer.forward(x);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": " + e.getMessage()
                            + SampleShapes.channelsLastHint(sampleShape), e);
                }
                if (x.rank() == 0 || x.dim(0) != 1) {
                    throw new IllegalArgumentException(where + ": " + label + " turned a batch of one sample "
                            + input.shape() + " into " + x.shape() + ", losing the batch dimension: the sample shape"
                            + " misses a dimension; give every size of one sample without the batch, e.g. [1, 28, 28]"
                            + " for 28x28 grey images");
                }
                rows.add(new Row(label + frozen(layer), batchless(x.shape()), countWithStatistics(layer), ""));
            }
        } finally {
            if (training) {
                model.train();
            }
        }
        if (model instanceof Sequential sequential) {
            sequential.rememberInputShape(sampleShape);
        }
        return render(Graph.kerasName(model.getClass().getSimpleName()), rows, false, model);
    }

    /** A convolution would read a sample missing its channels as an unbatched input: refuse it before it builds. */
    private static void checkFirstLayer(Layer model, int[] sampleShape, String where) {
        Layer first = model;
        while (first instanceof Sequential sequential && sequential.size() > 0) {
            first = sequential.get(0);
        }
        String hint = SampleShapes.channelsLastHint(sampleShape);
        if (first instanceof ConvolutionLayer && !first.isBuilt() && !hint.isEmpty()) {
            // Built from this sample, the convolution would take the image's height for its channels.
            throw new IllegalArgumentException(where + ": the first layer, " + first.getClass().getSimpleName()
                    + ", would read " + sampleShape[0] + " channels" + hint);
        }
        if (first instanceof ConvolutionLayer convolution && sampleShape.length != convolution.inputRank() - 1) {
            String sizes = convolution.inputRank() == 4 ? "[channels, height, width]" : "[channels, length]";
            throw new IllegalArgumentException(where + ": the first layer, " + first.getClass().getSimpleName()
                    + ", takes samples of shape " + sizes + ", got " + sampleShape.length + " sizes"
                    + (sampleShape.length == convolution.inputRank() - 2 ? "; add the channels first, e.g. summary(1, "
                    + Arrays.stream(sampleShape).mapToObj(Integer::toString).collect(Collectors.joining(", "))
                    + ") for grey images" : "") + hint);
        }
    }

    /**
     * The parameters and the running statistics (buffers such as batch norm's running mean and
     * variance, not scalar counters), which Keras counts as non-trainable parameters.
     */
    static long countWithStatistics(Layer layer) {
        Map<String, Parameter> parameters = layer.namedParameters();
        long statistics = layer.stateDict().entrySet().stream()
                .filter(e -> !parameters.containsKey(e.getKey()) && e.getValue().rank() > 0)
                .mapToLong(e -> e.getValue().size()).sum();
        return layer.parameterCount() + statistics;
    }

    /** A layer's mark: {@code  [frozen]} when none of its parameters trains, {@code  [partly frozen]} when some do. */
    private static String frozen(Layer layer) {
        long trainable = layer.trainableParameterCount();
        long total = layer.parameterCount();
        return total == 0 || trainable == total ? "" : trainable == 0 ? " [frozen]" : " [partly frozen]";
    }

    private static String label(Layer layer, Map<String, Integer> counts) {
        if (layer.givenName() != null) {
            return layer.givenName() + " (" + layer.getClass().getSimpleName() + ")";
        }
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
        long total = countWithStatistics(model);
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
