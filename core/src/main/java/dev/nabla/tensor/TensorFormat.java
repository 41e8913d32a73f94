package dev.nabla.tensor;

import java.util.Locale;

/**
 * Prints tensors the way PyTorch does: {@code tensor([[ 1.0000, -2.5000], ...])}, with
 * integers shown as {@code 1.} (or {@code 1} for integral dtypes), scientific notation
 * when magnitudes span too much, and "..." beyond 1000 elements.
 */
final class TensorFormat {

    private static final int SUMMARY_THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;
    private static final int LINE_WIDTH = 80;
    private static final String PREFIX = "tensor(";

    private TensorFormat() {
    }

    static String format(Tensor t) {
        float[] values = Layout.toArray(t);
        boolean summarize = values.length > SUMMARY_THRESHOLD;
        Style style = Style.of(shownValues(t, values, summarize), t.dtype() == DType.INT32);
        StringBuilder s = new StringBuilder(PREFIX);
        if (t.rank() == 0) {
            s.append(style.format(values[0]).strip());
        } else {
            appendDim(s, t, values, 0, 0, style, summarize);
        }
        if (t.size() == 0 && t.rank() > 1) {
            s.append(", size=").append(t.shape().toString().replace('[', '(').replace(']', ')'));
        }
        if (t.gradFunction() != null) {
            s.append(", grad_fn=<").append(t.gradFunction()).append('>');
        } else if (t.requiresGrad()) {
            s.append(", requires_grad=True");
        }
        return s.append(')').toString();
    }

    /** The values that will be printed (the edges only, when summarised): they decide the style. */
    private static float[] shownValues(Tensor t, float[] values, boolean summarize) {
        if (!summarize || t.rank() == 0) {
            return values;
        }
        int inner = t.dim(-1);
        float[] shown = new float[values.length];
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            int j = inner == 0 ? 0 : i % inner;
            if (j < EDGE_ITEMS || j >= inner - EDGE_ITEMS) {
                shown[n++] = values[i];
            }
        }
        return java.util.Arrays.copyOf(shown, n);
    }

    private static void appendDim(StringBuilder s, Tensor t, float[] values, int dim, int base,
                                  Style style, boolean summarize) {
        int n = t.dim(dim);
        int stride = 1;
        for (int d = dim + 1; d < t.rank(); d++) {
            stride *= t.dim(d);
        }
        s.append('[');
        boolean last = dim == t.rank() - 1;
        String indent = " ".repeat(PREFIX.length() + dim + 1);
        int perLine = Math.max(1, (LINE_WIDTH - indent.length()) / (style.width + 2));
        int printed = 0;
        for (int i = 0; i < n; i++) {
            if (summarize && n > 2 * EDGE_ITEMS && i == EDGE_ITEMS) {
                s.append(last ? "..., " : "...,\n" + "\n".repeat(t.rank() - dim - 2) + indent);
                i = n - EDGE_ITEMS;
            }
            if (last) {
                if (printed > 0 && printed % perLine == 0) {
                    s.setLength(s.length() - 1);
                    s.append('\n').append(indent);
                }
                s.append(style.format(values[base + i]));
                printed++;
            } else {
                appendDim(s, t, values, dim + 1, base + i * stride, style, summarize);
            }
            if (i < n - 1) {
                s.append(last ? ", " : ",\n" + "\n".repeat(t.rank() - dim - 2) + indent);
            }
        }
        s.append(']');
    }

    /** One number format for the whole tensor, padded to a common width. */
    private record Style(int kind, int width) {
        static final int INTEGER = 0;
        static final int WHOLE_FLOAT = 1;
        static final int FIXED = 2;
        static final int SCIENTIFIC = 3;

        static Style of(float[] values, boolean integral) {
            double maxAbs = 0;
            double minAbs = Double.MAX_VALUE;
            boolean whole = true;
            for (float v : values) {
                if (!Float.isFinite(v)) {
                    continue;
                }
                whole &= v == Math.rint(v);
                double a = Math.abs(v);
                if (a > 0) {
                    maxAbs = Math.max(maxAbs, a);
                    minAbs = Math.min(minAbs, a);
                }
            }
            int kind;
            if (integral) {
                kind = INTEGER;
            } else if (whole && maxAbs < 1e8) {
                kind = WHOLE_FLOAT;
            } else if (maxAbs > 0 && (maxAbs / minAbs > 1000 || maxAbs > 1e8 || minAbs < 1e-4)) {
                kind = SCIENTIFIC;
            } else {
                kind = FIXED;
            }
            int width = 1;
            for (float v : values) {
                width = Math.max(width, new Style(kind, 0).text(v).length());
            }
            return new Style(kind, width);
        }

        String text(float v) {
            if (Float.isNaN(v)) {
                return "nan";
            }
            if (Float.isInfinite(v)) {
                return v > 0 ? "inf" : "-inf";
            }
            return switch (kind) {
                case INTEGER -> Long.toString((long) v);
                case WHOLE_FLOAT -> (long) v + ".";
                case FIXED -> String.format(Locale.ROOT, "%.4f", v);
                default -> String.format(Locale.ROOT, "%.4e", v).replaceAll("e([+-])(\\d)$", "e$10$2");
            };
        }

        String format(float v) {
            String s = text(v);
            return " ".repeat(Math.max(0, width - s.length())) + s;
        }
    }
}
