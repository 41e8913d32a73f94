package dev.nabla.onnx;

import static dev.nabla.onnx.Operators.optional;
import static dev.nabla.onnx.Operators.required;

import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * ONNX's Resize (opsets 11 to 18, without 18's axes and aspect-ratio policy): nearest, linear
 * and cubic interpolation, each coordinate transformation, {@code exclude_outside} and
 * {@code tf_crop_and_resize}'s region and extrapolation value. Every mode is separable, so each
 * resized axis is a product with a constant {@code [out, in]} matrix whose rows hold the
 * interpolation weights that ONNX's reference computes for that output coordinate; gradients
 * flow through the products.
 */
final class Resize {

    private Resize() {
    }

    static List<Value> apply(OnnxNode n, List<Value> in) {
        if (n.has("axes") || n.has("keep_aspect_ratio_policy")) {
            throw new IllegalArgumentException("Resize's axes and keep_aspect_ratio_policy (opset 18) are not"
                    + " supported");
        }
        Value input = required(n, in, 0);
        Tensor x = input.tensor();
        int rank = x.rank();
        Value roiValue = n.opset() < 11 ? null : optional(in, 1);
        Value scalesValue = optional(in, n.opset() < 11 ? 1 : 2);
        Value sizesValue = n.opset() < 11 ? null : optional(in, 3);
        float[] roi = roiValue == null || roiValue.tensor().size() == 0 ? null : roiValue.tensor().toFloatArray();
        float[] scales = scalesValue == null || scalesValue.tensor().size() == 0 ? null
                : scalesValue.tensor().toFloatArray();
        long[] sizes = sizesValue == null || sizesValue.tensor().size() == 0 ? null : sizesValue.toLongs();
        if ((scales == null) == (sizes == null)) {
            throw new IllegalArgumentException("Resize takes either scales or sizes, one value per axis");
        }
        int given = scales != null ? scales.length : sizes.length;
        if (given != rank) {
            throw new IllegalArgumentException("Resize has " + given + " scales or sizes for an input of rank " + rank);
        }
        Settings settings = new Settings(n.text("mode", "nearest"),
                n.text("coordinate_transformation_mode", n.opset() < 11 ? "asymmetric" : "half_pixel"),
                n.text("nearest_mode", "round_prefer_floor"), n.real("cubic_coeff_a", -0.75f),
                n.integer("exclude_outside", 0) != 0, n.real("extrapolation_value", 0f));
        Tensor y = x;
        Tensor inside = null;
        for (int axis = 0; axis < rank; axis++) {
            int size = x.dim(axis);
            double scale = scales != null ? scales[axis] : (double) sizes[axis] / size;
            int out = scales != null ? (int) (scale * size) : (int) sizes[axis];
            if (out < 1 || out > (1 << 24)) {
                throw new IllegalArgumentException("Resize would make axis " + axis + " " + out + " long");
            }
            double[] region = roi == null ? new double[] {0, 1} : new double[] {roi[axis], roi[axis + rank]};
            if (out == size && scale == 1.0 && !settings.coordinates().equals("tf_crop_and_resize")) {
                continue;
            }
            Axis weights = weights(settings, size, out, scale, region);
            int last = y.rank() - 1;
            y = y.transpose(axis, last).matmul(weights.matrix().transpose(0, 1)).transpose(axis, last);
            if (weights.inside() != null) {
                int[] dims = new int[rank];
                java.util.Arrays.fill(dims, 1);
                dims[axis] = out;
                Tensor along = weights.inside().reshape(dims);
                inside = inside == null ? along : inside.mul(along);
            }
        }
        if (inside != null && settings.extrapolation() != 0f) {
            y = y.add(Tensor.ones(inside.shape().toArray()).sub(inside).mul(settings.extrapolation()));
        }
        return List.of(new Value(y, input.type()));
    }

    private record Settings(String mode, String coordinates, String nearestMode, float cubicA, boolean excludeOutside,
                            float extrapolation) {
    }

    /** An axis's interpolation matrix {@code [out, in]}, and which outputs lie inside the region (tf_crop_and_resize). */
    private record Axis(Tensor matrix, Tensor inside) {
    }

    private static Axis weights(Settings s, int size, int out, double scale, double[] roi) {
        double outputWidth = scale * size;
        float[] matrix = new float[out * size];
        float[] inside = s.coordinates().equals("tf_crop_and_resize") ? new float[out] : null;
        for (int i = 0; i < out; i++) {
            double original = original(s.coordinates(), i, size, outputWidth, scale, roi);
            if (inside != null) {
                if (original < 0 || original > size - 1) {
                    continue;
                }
                inside[i] = 1f;
            }
            int floor = (int) Math.floor(original);
            double ratio = original == Math.rint(original) ? 1 : original - floor;
            double[] coefficients = coefficients(s, ratio);
            int count = coefficients.length;
            int pad = (count + 1) / 2;
            int[] neighbours = neighbours(original + pad, count, size + 2 * pad);
            double total = 0;
            for (int k = 0; k < count; k++) {
                int index = neighbours[k] - pad;
                if (s.excludeOutside() && (index < 0 || index >= size)) {
                    coefficients[k] = 0;
                }
                total += coefficients[k];
            }
            for (int k = 0; k < count; k++) {
                int index = Math.clamp(neighbours[k] - pad, 0, size - 1);
                double weight = s.excludeOutside() ? coefficients[k] / total : coefficients[k];
                matrix[i * size + index] += (float) weight;
            }
        }
        return new Axis(Tensor.of(matrix, out, size), inside == null ? null : Tensor.of(inside, out));
    }

    /** The input coordinate of output coordinate {@code x}, as the coordinate transformation mode says. */
    private static double original(String mode, int x, int size, double outputWidth, double scale, double[] roi) {
        return switch (mode) {
            case "align_corners" -> outputWidth == 1 ? 0 : x * (size - 1) / (outputWidth - 1);
            case "asymmetric" -> x / scale;
            case "tf_half_pixel_for_nn" -> (x + 0.5) / scale;
            case "pytorch_half_pixel" -> outputWidth == 1 ? -0.5 : (x + 0.5) / scale - 0.5;
            case "half_pixel" -> (x + 0.5) / scale - 0.5;
            case "tf_crop_and_resize" -> (outputWidth == 1 ? (roi[1] - roi[0]) * (size - 1) / 2
                    : x * (roi[1] - roi[0]) * (size - 1) / (outputWidth - 1)) + roi[0] * (size - 1);
            default -> throw new IllegalArgumentException("unknown coordinate_transformation_mode '" + mode + "'");
        };
    }

    /** The weights of the neighbours around a coordinate {@code ratio} past the pixel on its left. */
    private static double[] coefficients(Settings s, double ratio) {
        return switch (s.mode()) {
            case "nearest" -> nearest(s.nearestMode(), ratio);
            case "linear" -> new double[] {1 - ratio, ratio};
            case "cubic" -> cubic(ratio, s.cubicA());
            default -> throw new IllegalArgumentException("unknown Resize mode '" + s.mode() + "'");
        };
    }

    private static double[] nearest(String mode, double ratio) {
        if (ratio == Math.rint(ratio)) {
            return new double[] {0, 1};
        }
        return switch (mode) {
            case "round_prefer_floor" -> new double[] {ratio <= 0.5 ? 1 : 0, ratio > 0.5 ? 1 : 0};
            case "round_prefer_ceil" -> new double[] {ratio < 0.5 ? 1 : 0, ratio >= 0.5 ? 1 : 0};
            case "floor" -> new double[] {1, 0};
            case "ceil" -> new double[] {0, 1};
            default -> throw new IllegalArgumentException("unknown nearest_mode '" + mode + "'");
        };
    }

    /** Keys's cubic convolution weights for the four pixels around the coordinate. */
    private static double[] cubic(double ratio, double a) {
        double[] distances = {ratio + 1, ratio, 1 - ratio, 2 - ratio};
        double[] weights = new double[4];
        for (int i = 0; i < 4; i++) {
            double d = distances[i];
            weights[i] = d <= 1 ? ((a + 2) * d - (a + 3)) * d * d + 1
                    : ((a * d - 5 * a) * d + 8 * a) * d - 4 * a;
        }
        return weights;
    }

    /** The {@code count} indices in {@code [0, limit)} nearest to {@code x} (ties to the lower), ascending. */
    private static int[] neighbours(double x, int count, int limit) {
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < limit; i++) {
            indices.add(i);
        }
        indices.sort(Comparator.comparingDouble((Integer i) -> Math.abs(x - i)).thenComparingInt(i -> i));
        return indices.subList(0, Math.min(count, limit)).stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
