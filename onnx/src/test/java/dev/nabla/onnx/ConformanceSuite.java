package dev.nabla.onnx;

import dev.nabla.nn.Inference;
import dev.nabla.onnx.proto.OnnxProtos.ModelProto;
import dev.nabla.onnx.proto.OnnxProtos.NodeProto;
import dev.nabla.onnx.proto.OnnxProtos.TensorProto;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Runs ONNX's backend node tests (Debian's libonnx-testdata: one folder per case with
 * {@code model.onnx} and {@code test_data_set_N/input_K.pb}, {@code output_K.pb}) and
 * compares Nabla's outputs with the reference outputs, as ONNX's own backend test does
 * (relative 1e-3, absolute 1e-4 for floats; exact for integers and booleans).
 */
final class ConformanceSuite {

    /** One case's outcome: the operators it uses, and null when it passed or what went wrong. */
    record Outcome(String name, List<String> operators, boolean runnable, String failure) {
        boolean passed() {
            return runnable && failure == null;
        }
    }

    private ConformanceSuite() {
    }

    static Path folder() {
        return Path.of(System.getProperty("onnx.testdata", "/usr/share/libonnx-testdata/data")).resolve("node");
    }

    static List<Outcome> runAll() throws IOException {
        return runAll(folder());
    }

    /** Every case in a folder of the suite: {@code node}, {@code pytorch-converted}, {@code pytorch-operator}. */
    static List<Outcome> runAll(Path suite) throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        try (Stream<Path> cases = Files.list(suite)) {
            for (Path dir : cases.sorted().toList()) {
                if (Files.exists(dir.resolve("model.onnx"))) {
                    outcomes.add(run(dir));
                }
            }
        }
        return outcomes;
    }

    static Outcome run(Path dir) throws IOException {
        ModelProto proto;
        try (InputStream in = Files.newInputStream(dir.resolve("model.onnx"))) {
            proto = ModelProto.parseFrom(in);
        }
        List<String> operators = proto.getGraph().getNodeList().stream().map(NodeProto::getOpType).distinct().toList();
        String name = dir.getFileName().toString();
        if (!Operators.names().containsAll(operators)) {
            return new Outcome(name, operators, false, "uses an unsupported operator");
        }
        try {
            OnnxModel model = OnnxReader.of(proto, dir, name);
            List<Path> sets;
            try (Stream<Path> s = Files.list(dir)) {
                sets = s.filter(p -> p.getFileName().toString().startsWith("test_data_set")).sorted().toList();
            }
            for (Path set : sets) {
                String failure = runSet(model, set);
                if (failure != null) {
                    return new Outcome(name, operators, true, failure);
                }
            }
            return new Outcome(name, operators, true, null);
        } catch (RuntimeException e) {
            return new Outcome(name, operators, true, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String runSet(OnnxModel model, Path set) throws IOException {
        TensorReader reader = new TensorReader(set);
        List<Tensor> inputs = new ArrayList<>();
        for (int i = 0; Files.exists(set.resolve("input_" + i + ".pb")); i++) {
            inputs.add(reader.read(tensor(set.resolve("input_" + i + ".pb")), "input " + i).tensor());
        }
        List<Value> actual;
        try (Inference ignored = Inference.enter()) {
            actual = model.run(inputs);
        }
        for (int i = 0; Files.exists(set.resolve("output_" + i + ".pb")); i++) {
            Value expected = reader.read(tensor(set.resolve("output_" + i + ".pb")), "output " + i);
            String difference = compare(expected, actual.get(i));
            if (difference != null) {
                return "output " + i + ": " + difference;
            }
        }
        return null;
    }

    private static TensorProto tensor(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return TensorProto.parseFrom(in);
        }
    }

    static String compare(Value expected, Value actual) {
        int[] e = expected.tensor().shape().toArray();
        int[] a = actual.tensor().shape().toArray();
        if (!Arrays.equals(e, a)) {
            return "shape " + Arrays.toString(a) + ", expected " + Arrays.toString(e);
        }
        float[] x = expected.tensor().toFloatArray();
        float[] y = actual.tensor().toFloatArray();
        boolean exact = expected.isInteger();
        for (int i = 0; i < x.length; i++) {
            boolean same = exact ? x[i] == y[i] : (Float.isNaN(x[i]) && Float.isNaN(y[i])) || x[i] == y[i]
                    || Math.abs(x[i] - y[i]) <= 1e-4 + 1e-3 * Math.abs(x[i]);
            if (!same) {
                return "element " + i + " is " + y[i] + ", expected " + x[i];
            }
        }
        return null;
    }

    /** Per operator: [cases passed, cases run] over the cases whose operators are all implemented. */
    static Map<String, int[]> table(List<Outcome> outcomes) {
        Map<String, int[]> table = new TreeMap<>();
        Operators.names().forEach(op -> table.put(op, new int[2]));
        for (Outcome outcome : outcomes) {
            if (outcome.runnable()) {
                for (String op : outcome.operators()) {
                    int[] counts = table.get(op);
                    counts[1]++;
                    counts[0] += outcome.passed() ? 1 : 0;
                }
            }
        }
        return table;
    }
}
