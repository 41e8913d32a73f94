package dev.nabla.serving;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A KServe v2 inference request read and checked against the model it is for:
 * {@code {"id": "a", "inputs": [{"name": "input", "shape": [2, 1, 28, 28], "datatype": "FP32",
 * "data": [...]}], "outputs": [{"name": "output"}]}}, the data flat or nested row by row. Every
 * mistake is a {@link ServingException} with status 400 saying what and where.
 *
 * <p>The binary tensor extension: with the header {@code Inference-Header-Content-Length: N}
 * the body's first N bytes are the JSON, and an input with {@code "parameters":
 * {"binary_data_size": B}} and no {@code data} takes its values from the B bytes after it
 * (FP32, little-endian, row-major). {@code "parameters": {"binary_data_output": true}} on the
 * request, or {@code {"binary_data": true}} on its output, asks for the answer in binary too.
 *
 * @param id           the request's {@code id}, echoed in the answer, or null
 * @param data         the samples' values, row-major
 * @param samples      the batch size (the shape's first dimension)
 * @param binaryOutput whether the output goes back as binary data after the JSON
 */
record InferenceRequest(String id, float[] data, int samples, boolean binaryOutput) {

    /** The model's one input and one output are named so in metadata and requests. */
    static final String INPUT = "input";
    static final String OUTPUT = "output";

    /** The datatypes of the KServe v2 tensor data types table. */
    static final Set<String> DATATYPES = Set.of("BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16",
            "INT32", "INT64", "FP16", "FP32", "FP64", "BYTES");

    /** A JSON request (no binary data). */
    static InferenceRequest parse(byte[] body, ServedModel model) {
        return parse(body, -1, model);
    }

    /**
     * A request whose first {@code headerLength} bytes are its JSON and the rest binary tensor
     * data; {@code headerLength} -1 (no {@code Inference-Header-Content-Length}): all JSON.
     */
    static InferenceRequest parse(byte[] body, long headerLength, ServedModel model) {
        if (headerLength > body.length) {
            throw bad("Inference-Header-Content-Length is " + headerLength + " but the body holds only " + body.length
                    + " bytes");
        }
        int jsonLength = headerLength < 0 ? body.length : (int) headerLength;
        Object document;
        try {
            document = RequestJson.parse(jsonLength == body.length ? body : Arrays.copyOf(body, jsonLength));
        } catch (ServingException e) {
            if (headerLength < 0 && e.getMessage().endsWith("unexpected text after the JSON value")) {
                throw bad(e.getMessage() + " (binary tensor data after the JSON needs the header "
                        + BinaryTensors.HEADER + ": the JSON's length in bytes)");
            }
            throw e;
        }
        if (!(document instanceof Map<?, ?> request)) {
            throw bad("the request must be a JSON object with \"inputs\", got " + kind(document));
        }
        Object id = request.get("id");
        if (id != null && !(id instanceof String)) {
            throw bad("\"id\" must be a string, got " + kind(id));
        }
        if (!(request.get("inputs") instanceof List<?> inputs) || inputs.size() != 1) {
            throw bad("\"inputs\" must be a list of one tensor named '" + INPUT + "', got "
                    + (request.get("inputs") instanceof List<?> list ? list.size() + " tensors" : kind(request.get("inputs"))));
        }
        boolean binaryOutput = checkOutputs(request.get("outputs"))
                || flag(parameters(request.get("parameters"), "parameters"), "binary_data_output", "parameters");
        if (!(inputs.get(0) instanceof Map<?, ?> input)) {
            throw bad("inputs[0] must be a JSON object, got " + kind(inputs.get(0)));
        }
        if (!INPUT.equals(input.get("name"))) {
            throw bad("inputs[0].name must be '" + INPUT + "' (see GET /v2/models/" + model.name() + "), got "
                    + (input.get("name") instanceof String s ? "'" + s + "'" : kind(input.get("name"))));
        }
        checkDatatype(input.get("datatype"));
        int[] shape = shape(input.get("shape"), model);
        int expected = Math.multiplyExact(shape[0], model.sampleSize());
        Map<?, ?> parameters = parameters(input.get("parameters"), "inputs[0].parameters");
        if (parameters.containsKey("binary_data_size")) {
            float[] data = BinaryTensors.read(body, jsonLength, headerLength >= 0, parameters.get("binary_data_size"),
                    input.containsKey("data"), shape, expected);
            return new InferenceRequest((String) id, data, shape[0], binaryOutput);
        }
        if (jsonLength < body.length) {
            throw bad("the body holds " + (body.length - jsonLength) + " bytes after its JSON header, but no input"
                    + " has \"parameters\": {\"binary_data_size\": ...}");
        }
        float[] data = new float[expected];
        int count = flatten(input.get("data"), data, 0, "inputs[0].data");
        if (count != expected) {
            throw bad("inputs[0].data holds " + count + " values; the shape " + Arrays.toString(shape) + " needs "
                    + expected);
        }
        return new InferenceRequest((String) id, data, shape[0], binaryOutput);
    }

    /** A {@code parameters} object (empty when absent). */
    private static Map<?, ?> parameters(Object value, String where) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw bad(where + " must be a JSON object, got " + kind(value));
        }
        return map;
    }

    private static boolean flag(Map<?, ?> parameters, String name, String where) {
        Object value = parameters.get(name);
        if (value != null && !(value instanceof Boolean)) {
            throw bad(where + "." + name + " must be true or false, got " + kind(value));
        }
        return Boolean.TRUE.equals(value);
    }

    /** Checks {@code outputs}; true when one asks for binary data. */
    private static boolean checkOutputs(Object outputs) {
        if (outputs == null) {
            return false;
        }
        if (!(outputs instanceof List<?> list)) {
            throw bad("\"outputs\" must be a list, got " + kind(outputs));
        }
        boolean binary = false;
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> output) || !OUTPUT.equals(output.get("name"))) {
                throw bad("outputs[" + i + "] must be {\"name\": \"" + OUTPUT + "\"}, the model's only output");
            }
            String where = "outputs[" + i + "].parameters";
            binary |= flag(parameters(output.get("parameters"), where), "binary_data", where);
        }
        return binary;
    }

    private static void checkDatatype(Object datatype) {
        if (!(datatype instanceof String name)) {
            throw bad("inputs[0].datatype must be a string such as \"FP32\", got " + kind(datatype));
        }
        if (!DATATYPES.contains(name)) {
            throw bad("inputs[0].datatype '" + name + "' is not a KServe v2 datatype (BOOL, UINT8 ... INT64, FP16,"
                    + " FP32, FP64, BYTES)");
        }
        if (!name.equals("FP32")) {
            throw bad("inputs[0].datatype is " + name + "; the model takes FP32");
        }
    }

    /** The request's shape: {@code [batch, ...sampleShape]} with a batch of at least 1. */
    private static int[] shape(Object value, ServedModel model) {
        int[] sample = model.sampleShape();
        String wanted = "[batch, " + Arrays.toString(sample).substring(1);
        if (!(value instanceof RequestJson.Numbers numbers) || numbers.integers() == null) {
            throw bad("inputs[0].shape must be a list of integers " + wanted + ", got " + kind(value));
        }
        int[] shape = Arrays.stream(numbers.integers()).mapToInt(d -> (int) Math.clamp(d, -1L, Integer.MAX_VALUE))
                .toArray();
        boolean fits = shape.length == sample.length + 1 && shape[0] >= 1
                && Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), sample);
        if (!fits) {
            throw bad("inputs[0].shape is " + Arrays.toString(numbers.integers()) + "; model '" + model.name() + "' takes " + wanted);
        }
        return shape;
    }

    /** Copies the numbers of a flat or nested list into {@code out} from {@code at}; returns how many it found. */
    private static int flatten(Object value, float[] out, int at, String where) {
        if (value instanceof RequestJson.Numbers numbers) {
            float[] floats = numbers.floats();
            for (int i = 0; i < floats.length; i++) {
                if (!Float.isFinite(floats[i])) {
                    throw bad(where + "[" + i + "] is outside FP32's finite range");
                }
            }
            System.arraycopy(floats, 0, out, at, Math.max(0, Math.min(floats.length, out.length - at)));
            return floats.length;
        }
        if (!(value instanceof List<?> list)) {
            throw bad(where + " must be a list of numbers, got " + kind(value));
        }
        int count = 0;
        for (int i = 0; i < list.size(); i++) {
            Object element = list.get(i);
            if (element instanceof List<?> || element instanceof RequestJson.Numbers) {
                count += flatten(element, out, at + count, where + "[" + i + "]");
                continue;
            }
            if (!(element instanceof Number number)) {
                throw bad(where + "[" + i + "] is " + kind(element) + ", not a number");
            }
            float f = number.floatValue();
            if (!Float.isFinite(f)) {
                throw bad(where + "[" + i + "] is " + number + ", outside FP32's finite range");
            }
            if (at + count < out.length) {
                out[at + count] = f;
            }
            count++;
        }
        return count;
    }

    private static String kind(Object value) {
        return switch (value) {
            case null -> "nothing (null or missing)";
            case String s -> "the string \"" + (s.length() > 20 ? s.substring(0, 20) + "..." : s) + "\"";
            case Boolean b -> b.toString();
            case Number n -> n.toString();
            case List<?> l -> "a list of " + l.size();
            case RequestJson.Numbers n -> "a list of " + n.size() + " numbers";
            case Map<?, ?> m -> "an object";
            default -> value.toString();
        };
    }

    static ServingException bad(String message) {
        return new ServingException(400, message);
    }
}
