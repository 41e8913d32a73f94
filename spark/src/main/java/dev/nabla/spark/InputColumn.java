package dev.nabla.spark;

import dev.nabla.data.image.Images;
import dev.nabla.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/** How the rows of a DataFrame column become a batch of samples: feature arrays or encoded images. */
record InputColumn(String name, boolean images, int[] sampleShape) implements Serializable {

    /** The reading of {@code field}, checked against its type. */
    static InputColumn of(StructField field, int[] sampleShape) {
        DataType type = field.dataType();
        if (type.equals(DataTypes.BinaryType)) {
            if (sampleShape.length != 3 || (sampleShape[0] != 1 && sampleShape[0] != 3)) {
                throw new IllegalArgumentException("column '" + field.name() + "' holds images, so the sample shape"
                        + " must be [channels (1 or 3), height, width], got " + Arrays.toString(sampleShape));
            }
            return new InputColumn(field.name(), true, sampleShape);
        }
        if (type instanceof ArrayType array && (array.elementType().equals(DataTypes.FloatType)
                || array.elementType().equals(DataTypes.DoubleType))) {
            return new InputColumn(field.name(), false, sampleShape);
        }
        throw new IllegalArgumentException("column '" + field.name() + "' is " + type.simpleString()
                + "; batch inference reads array<float>, array<double> (features) or binary (encoded images)");
    }

    /** The samples of {@code rows}' column {@code index}, stacked: {@code [rows, ...sampleShape]}. */
    Tensor features(List<Row> rows, int index) {
        int size = Arrays.stream(sampleShape).reduce(1, (a, b) -> a * b);
        float[] values = new float[rows.size() * size];
        for (int r = 0; r < rows.size(); r++) {
            float[] sample = images ? image(rows.get(r).getAs(index)) : array(rows.get(r).getList(index));
            if (sample.length != size) {
                throw new IllegalArgumentException("column '" + name + "' row " + rows.get(r) + " holds "
                        + sample.length + " values; the sample shape " + Arrays.toString(sampleShape) + " needs " + size);
            }
            System.arraycopy(sample, 0, values, r * size, size);
        }
        int[] shape = new int[sampleShape.length + 1];
        shape[0] = rows.size();
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        return Tensor.of(values, shape);
    }

    private static float[] array(List<Object> list) {
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) list.get(i)).floatValue();
        }
        return out;
    }

    private float[] image(byte[] encoded) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(encoded));
        } catch (IOException e) {
            throw new IllegalArgumentException("column '" + name + "' holds bytes that are not an image: "
                    + e.getMessage(), e);
        }
        if (image == null) {
            throw new IllegalArgumentException("column '" + name + "' holds bytes javax.imageio cannot decode"
                    + " (PNG, JPEG, GIF, BMP)");
        }
        if (image.getHeight() != sampleShape[1] || image.getWidth() != sampleShape[2]) {
            throw new IllegalArgumentException("column '" + name + "' holds a " + image.getWidth() + "x"
                    + image.getHeight() + " image; the model takes " + sampleShape[2] + "x" + sampleShape[1]);
        }
        return Images.toTensor(image, sampleShape[0]).toFloatArray();
    }
}
