package dev.nabla.onnx;

import com.google.protobuf.ByteString;
import dev.nabla.onnx.proto.OnnxProtos.TensorProto;
import dev.nabla.onnx.proto.OnnxProtos.TensorProto.DataType;
import dev.nabla.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Nabla tensors as ONNX {@code TensorProto}s: float32 data and int64 shape constants, little-endian raw data. */
final class OnnxTensors {

    private OnnxTensors() {
    }

    static TensorProto toProto(String name, Tensor value) {
        float[] data = value.toFloatArray();
        ByteBuffer bytes = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(data);
        TensorProto.Builder builder = TensorProto.newBuilder().setName(name).setDataType(DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(bytes.array()));
        for (int d : value.shape().toArray()) {
            builder.addDims(d);
        }
        return builder.build();
    }

    static TensorProto longsProto(String name, long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return TensorProto.newBuilder().setName(name).setDataType(DataType.INT64_VALUE).addDims(values.length)
                .setRawData(ByteString.copyFrom(bytes.array())).build();
    }
}
