package dev.nabla.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.nabla.onnx.proto.OnnxProtos.ModelProto;
import dev.nabla.onnx.proto.OnnxProtos.OperatorSetIdProto;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Parses an ONNX file into an {@link OnnxModel}, rejecting what is not a well-formed model with a clear message. */
final class OnnxReader {

    /** Protobuf's own ceiling for one message; larger models keep their weights as external data. */
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE;

    private OnnxReader() {
    }

    static OnnxModel read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IllegalArgumentException(file + ": " + size + " bytes is larger than one ONNX protobuf can be"
                    + " (2 GiB); keep the weights as external data beside the model");
        }
        ModelProto model;
        try (InputStream in = Files.newInputStream(file)) {
            CodedInputStream coded = CodedInputStream.newInstance(in);
            coded.setSizeLimit((int) Math.max(size, 1));
            model = ModelProto.parseFrom(coded);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(file + " is not a valid ONNX file (truncated or not a protobuf"
                    + " ModelProto): " + e.getMessage(), e);
        }
        Path folder = file.toAbsolutePath().getParent();
        return of(model, folder, file.toString());
    }

    static OnnxModel of(ModelProto model, Path folder, String what) {
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new IllegalArgumentException(what + " is not an ONNX model: it has no graph with nodes");
        }
        int opset = -1;
        for (OperatorSetIdProto set : model.getOpsetImportList()) {
            if (set.getDomain().isEmpty() || set.getDomain().equals("ai.onnx")) {
                opset = (int) set.getVersion();
            }
        }
        if (opset < 1) {
            throw new IllegalArgumentException(what + " does not say which opset of ONNX's operators it uses"
                    + " (no opset_import for the default domain)");
        }
        try {
            OnnxModel read = new OnnxModel(model.getGraph(), opset, new TensorReader(folder));
            java.util.Map<String, String> metadata = new java.util.LinkedHashMap<>();
            model.getMetadataPropsList().forEach(entry -> metadata.put(entry.getKey(), entry.getValue()));
            read.metadata(metadata);
            return read;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
    }
}
