package dev.nabla.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Sequential;
import dev.nabla.onnx.proto.OnnxProtos.AttributeProto;
import dev.nabla.onnx.proto.OnnxProtos.GraphProto;
import dev.nabla.onnx.proto.OnnxProtos.ModelProto;
import dev.nabla.onnx.proto.OnnxProtos.NodeProto;
import dev.nabla.onnx.proto.OnnxProtos.OperatorSetIdProto;
import dev.nabla.onnx.proto.OnnxProtos.StringStringEntryProto;
import dev.nabla.onnx.proto.OnnxProtos.TensorProto;
import dev.nabla.onnx.proto.OnnxProtos.TypeProto;
import dev.nabla.onnx.proto.OnnxProtos.ValueInfoProto;
import dev.nabla.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed and hostile files are refused with a message saying what is wrong, and nothing outside the folder is read. */
class OnnxSafetyTest {

    @TempDir
    Path root;

    private String loadError(Path file) {
        return assertThrows(IllegalArgumentException.class, () -> Onnx.load(file)).getMessage();
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return file;
    }

    /** {@code y = x + w} with {@code w} the given initializer. */
    private static ModelProto adding(TensorProto weight) {
        TypeProto floats = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(1)).build();
        return ModelProto.newBuilder().setIrVersion(8).addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17))
                .setGraph(GraphProto.newBuilder().addInitializer(weight)
                        .addInput(ValueInfoProto.newBuilder().setName("x").setType(floats))
                        .addOutput(ValueInfoProto.newBuilder().setName("y").setType(floats))
                        .addNode(NodeProto.newBuilder().setOpType("Add").addInput("x").addInput("w").addOutput("y")))
                .build();
    }

    private static TensorProto.Builder floats(float... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return TensorProto.newBuilder().setName("w").setDataType(1).addDims(values.length)
                .setRawData(ByteString.copyFrom(bytes.array()));
    }

    @Test
    void aTruncatedFileIsRejected() throws Exception {
        Path whole = root.resolve("whole.onnx");
        Onnx.export(new Sequential(new Dense(8), new Dense(2)), new int[] {4}, whole);
        byte[] bytes = Files.readAllBytes(whole);
        String message = loadError(write("cut.onnx", Arrays.copyOf(bytes, bytes.length / 2)));
        assertTrue(message.contains("is not a valid ONNX file"), message);
    }

    @Test
    void aFileThatIsNoModelIsRejected() throws Exception {
        String message = loadError(write("notes.onnx", "just some text, not a model\n".getBytes()));
        assertTrue(message.contains("not a valid ONNX file") || message.contains("is not an ONNX model"), message);
        message = loadError(write("empty.onnx", new byte[0]));
        assertTrue(message.contains("is not an ONNX model: it has no graph"), message);
    }

    @Test
    void wrongTypesAreNamed() throws Exception {
        String message = loadError(write("strings.onnx", adding(TensorProto.newBuilder().setName("w").setDataType(8)
                .addDims(1).addStringData(ByteString.copyFromUtf8("a")).build()).toByteArray()));
        assertTrue(message.contains("initializer 'w'") && message.contains("STRING is not supported"), message);
        message = loadError(write("short.onnx", adding(floats(1, 2, 3).clearDims().addDims(5).build()).toByteArray()));
        assertTrue(message.contains("raw data holds 12 bytes, but 5 elements of FLOAT need 20"), message);
        ModelProto wrongAttribute = adding(floats(1).build()).toBuilder().setGraph(adding(floats(1).build()).getGraph().toBuilder()
                .setNode(0, NodeProto.newBuilder().setOpType("Flatten").addInput("x").addOutput("y")
                        .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.FLOAT)
                                .setF(1.5f)))).build();
        OnnxModel model = Onnx.load(write("attribute.onnx", wrongAttribute.toByteArray()));
        message = assertThrows(IllegalArgumentException.class, () -> model.forward(Tensor.ones(2, 3))).getMessage();
        assertTrue(message.contains("attribute 'axis' should be INT, the file has FLOAT"), message);
    }

    @Test
    void hugeDeclaredDimensionsAreRejectedBeforeAnythingIsAllocated() throws Exception {
        String message = loadError(write("huge.onnx", adding(floats(1).clearDims().addDims(1L << 40).build())
                .toByteArray()));
        assertTrue(message.contains("dimension 0 is 1099511627776"), message);
        message = loadError(write("product.onnx", adding(floats(1).clearDims().addDims(1 << 20).addDims(1 << 20)
                .build()).toByteArray()));
        assertTrue(message.contains("declares more than 268435456 elements"), message);
        message = loadError(write("negative.onnx", adding(floats(1).clearDims().addDims(-3).build()).toByteArray()));
        assertTrue(message.contains("dimension 0 is -3"), message);
    }

    private static TensorProto external(String location, long length) {
        return TensorProto.newBuilder().setName("w").setDataType(1).addDims(2)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue(location))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("length").setValue(Long.toString(length)))
                .build();
    }

    @Test
    void externalDataIsReadOnlyFromInsideTheModelsFolder() throws Exception {
        byte[] two = floats(3, 4).getRawData().toByteArray();
        write("secret.bin", two);
        write("model/weights.bin", two);
        OnnxModel model = Onnx.load(write("model/inside.onnx", adding(external("weights.bin", 8)).toByteArray()));
        assertArrayEquals(new float[] {4, 5}, model.forward(Tensor.ones(2)).toFloatArray());
        for (String outside : List.of("../secret.bin", root.resolve("secret.bin").toString(), "sub/../../secret.bin")) {
            String message = loadError(write("model/outside.onnx", adding(external(outside, 8)).toByteArray()));
            assertTrue(message.contains("lies outside the model's folder"), outside + ": " + message);
        }
        Files.createSymbolicLink(root.resolve("model/link.bin"), root.resolve("secret.bin"));
        String message = loadError(write("model/linked.onnx", adding(external("link.bin", 8)).toByteArray()));
        assertTrue(message.contains("lies outside the model's folder"), message);
        message = loadError(write("model/long.onnx", adding(external("weights.bin", 800)).toByteArray()));
        assertTrue(message.contains("does not match the 8 bytes"), message);
    }
}
