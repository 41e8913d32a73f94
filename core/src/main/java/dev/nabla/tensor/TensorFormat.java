package dev.nabla.tensor;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints tensors as PyTorch's {@code repr} does with its default print options (precision
 * 4, line width 80, "..." beyond 1000 elements with 3 edge items):
 * {@code tensor([[ 1.0000, -2.5000], ...])}. Integer-valued floats print as {@code 1.},
 * {@link DType#INT32} like PyTorch's int64 ({@code 1}), and scientific notation is used when
 * the magnitudes of the shown values span too much. Mirrors {@code torch/_tensor_str.py}.
 */
final class TensorFormat {

    private static final int PRECISION = 4;
    private static final int THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;
    private static final int LINE_WIDTH = 80;
    private static final String PREFIX = "tensor(";

    private TensorFormat() {
    }

    static String format(Tensor t) {
        int[] dims = t.shape().toArray();
        List<String> suffixes = new ArrayList<>();
        String body;
        if (t.size() == 0) {
            body = "[]";
            if (dims.length != 1) {
                suffixes.add("size=" + t.shape().toString().replace('[', '(').replace(']', ')'));
            }
            if (t.dtype() == DType.INT32) {
                suffixes.add("dtype=int32"); // nothing shows it otherwise (PyTorch: dtype=torch.int64)
            }
        } else {
            float[] values = Layout.toArray(t);
            boolean summarize = values.length > THRESHOLD;
            List<Float> shown = new ArrayList<>();
            visit(values, dims, 0, 0, summarize, shown);
            Style style = Style.of(shown, t.dtype() == DType.INT32);
            body = dims.length == 0 ? style.format(values[0])
                    : block(values, dims, 0, 0, PREFIX.length(), summarize, style);
        }
        if (t.dtype().isHalf()) {
            suffixes.add("dtype=" + t.dtype().name().toLowerCase(java.util.Locale.ROOT)); // PyTorch: torch.bfloat16
        }
        if (t.gradFunction() != null) {
            suffixes.add("grad_fn=<" + t.gradFunction() + ">");
        } else if (t.requiresGrad()) {
            suffixes.add("requires_grad=True");
        }
        return withSuffixes(PREFIX + body, suffixes);
    }

    /** The indices printed along a dimension of size n: all, or the edges when summarising. */
    private static int[] shownIndices(int n, boolean summarize) {
        boolean cut = summarize && n > 2 * EDGE_ITEMS;
        int[] idx = new int[cut ? 2 * EDGE_ITEMS : n];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = cut && i >= EDGE_ITEMS ? n - 2 * EDGE_ITEMS + i : i;
        }
        return idx;
    }

    private static int stride(int[] dims, int dim) {
        int s = 1;
        for (int d = dim + 1; d < dims.length; d++) {
            s *= dims[d];
        }
        return s;
    }

    /** Collects the values that will be printed: only they decide the number style, as in PyTorch. */
    private static void visit(float[] values, int[] dims, int dim, int base, boolean summarize, List<Float> out) {
        if (dim == dims.length) {
            out.add(values[base]);
            return;
        }
        for (int i : shownIndices(dims[dim], summarize)) {
            visit(values, dims, dim + 1, base + i * stride(dims, dim), summarize, out);
        }
    }

    private static String block(float[] values, int[] dims, int dim, int base, int indent,
                                boolean summarize, Style style) {
        boolean last = dim == dims.length - 1;
        int[] shown = shownIndices(dims[dim], summarize);
        List<String> items = new ArrayList<>();
        for (int j = 0; j < shown.length; j++) {
            if (shown.length < dims[dim] && j == EDGE_ITEMS) {
                items.add(last ? " ..." : "...");
            }
            int at = base + shown[j] * stride(dims, dim);
            items.add(last ? style.format(values[at]) : block(values, dims, dim + 1, at, indent + 1, summarize, style));
        }
        String newLine = ",\n" + " ".repeat(indent + 1);
        if (!last) {
            return "[" + String.join("," + "\n".repeat(dims.length - dim - 1) + " ".repeat(indent + 1), items) + "]";
        }
        // "..." counts as an item when filling lines, as in PyTorch.
        int perLine = Math.max(1, (LINE_WIDTH - indent) / (style.width + 2));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i += perLine) {
            lines.add(String.join(", ", items.subList(i, Math.min(items.size(), i + perLine))));
        }
        return "[" + String.join(newLine, lines) + "]";
    }

    /** Appends ", suffix" items, starting a new line when the current one would pass the width. */
    private static String withSuffixes(String text, List<String> suffixes) {
        StringBuilder s = new StringBuilder(text);
        int lastLine = text.length() - text.lastIndexOf('\n') + 1; // PyTorch's count, off by two
        for (String suffix : suffixes) {
            if (lastLine + suffix.length() + 2 > LINE_WIDTH) {
                s.append(",\n").append(" ".repeat(PREFIX.length())).append(suffix);
                lastLine = PREFIX.length() + suffix.length();
            } else {
                s.append(", ").append(suffix);
                lastLine += suffix.length() + 2;
            }
        }
        return s.append(')').toString();
    }

    private enum Kind { INTEGER, WHOLE, FIXED, SCIENTIFIC }

    /** One number style for the whole tensor, right-aligned to a common width. */
    private record Style(Kind kind, int width) {

        static Style of(List<Float> values, boolean integral) {
            if (integral) {
                int width = 1;
                for (float v : values) {
                    width = Math.max(width, Long.toString((long) v).length());
                }
                return new Style(Kind.INTEGER, width);
            }
            double min = Double.POSITIVE_INFINITY;
            double max = 0;
            boolean whole = true;
            for (float v : values) {
                if (Float.isFinite(v) && v != 0f) {
                    min = Math.min(min, Math.abs(v));
                    max = Math.max(max, Math.abs(v));
                    whole &= v == Math.ceil(v);
                }
            }
            if (max == 0) {
                return new Style(Kind.WHOLE, 1); // only zeros, nan and inf
            }
            boolean scientific = max / min > 1000 || max > 1e8 || min < 1e-4;
            Style style = new Style(scientific ? Kind.SCIENTIFIC : whole ? Kind.WHOLE : Kind.FIXED, 0);
            int width = 1;
            for (float v : values) {
                if (Float.isFinite(v) && v != 0f) {
                    width = Math.max(width, style.text(v).length());
                }
            }
            return new Style(style.kind, width);
        }

        /** Python's formatting of the exact value: round half to even, sign kept on zero. */
        String text(float v) {
            if (Float.isNaN(v)) {
                return "nan";
            }
            if (Float.isInfinite(v)) {
                return v > 0 ? "inf" : "-inf";
            }
            if (kind == Kind.INTEGER) {
                return Long.toString((long) v);
            }
            BigDecimal exact = new BigDecimal(Math.abs((double) v));
            String digits = switch (kind) {
                case WHOLE -> exact.setScale(0, RoundingMode.HALF_EVEN).toPlainString() + ".";
                case FIXED -> exact.setScale(PRECISION, RoundingMode.HALF_EVEN).toPlainString();
                default -> scientific(exact);
            };
            return (Math.copySign(1f, v) < 0 ? "-" : "") + digits;
        }

        private static String scientific(BigDecimal exact) {
            if (exact.signum() == 0) {
                return "0." + "0".repeat(PRECISION) + "e+00";
            }
            BigDecimal rounded = exact.round(new MathContext(PRECISION + 1, RoundingMode.HALF_EVEN));
            int exponent = rounded.precision() - rounded.scale() - 1;
            BigDecimal mantissa = rounded.movePointLeft(exponent).setScale(PRECISION, RoundingMode.UNNECESSARY);
            return mantissa.toPlainString() + String.format(Locale.ROOT, "e%+03d", exponent);
        }

        String format(float v) {
            String s = text(v);
            return " ".repeat(Math.max(0, width - s.length())) + s;
        }
    }
}
