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

    /** An imported constant with its element type: int64 and int32 as such, booleans and bytes as bytes. */
    static TensorProto.Builder valueProto(String name, Value value) {
        float[] data = value.tensor().toFloatArray();
        int width = TensorReader.width(value.type());
        ByteBuffer bytes = ByteBuffer.allocate(data.length * width).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : data) {
            switch (width) {
                case 1 -> bytes.put((byte) v);
                case 2 -> bytes.putShort(value.type() == 10 ? Float.floatToFloat16(v) : (short) v);
                case 8 -> {
                    if (value.type() == 11) {
                        bytes.putDouble(v);
                    } else {
                        bytes.putLong((long) v);
                    }
                }
                default -> {
                    if (value.type() == 1) {
                        bytes.putFloat(v);
                    } else {
                        bytes.putInt((int) v);
                    }
                }
            }
        }
        TensorProto.Builder builder = TensorProto.newBuilder().setName(name).setDataType(value.type())
                .setRawData(ByteString.copyFrom(bytes.array()));
        for (int d : value.tensor().shape().toArray()) {
            builder.addDims(d);
        }
        return builder;
    }

    static TensorProto longsProto(String name, long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return TensorProto.newBuilder().setName(name).setDataType(DataType.INT64_VALUE).addDims(values.length)
                .setRawData(ByteString.copyFrom(bytes.array())).build();
    }
}
