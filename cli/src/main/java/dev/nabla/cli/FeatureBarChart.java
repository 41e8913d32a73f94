package dev.nabla.cli;

import dev.nabla.explain.LimeExplanation;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * LIME's weights of a tabular row as a horizontal bar chart, largest first: one bar per
 * feature from a zero line, green for evidence for the class and red against, each named by
 * its column on the left and labelled with its weight.
 */
final class FeatureBarChart {

    private static final int ROW = 22;
    private static final int BAR_SPACE = 240;
    private static final int MARGIN = 10;

    private FeatureBarChart() {
    }

    static BufferedImage draw(List<LimeExplanation.Feature> features) {
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D measure = probe.createGraphics();
        FontMetrics metrics = measure.getFontMetrics(font);
        int nameWidth = features.stream().mapToInt(f -> metrics.stringWidth(f.name())).max().orElse(0);
        measure.dispose();
        double largest = features.stream().mapToDouble(f -> Math.abs(f.weight())).max().orElse(0);
        boolean anyNegative = features.stream().anyMatch(f -> f.weight() < 0);
        int labelSpace = metrics.stringWidth("+0.0000") + 6;
        int barsLeft = MARGIN + nameWidth + 8 + (anyNegative ? labelSpace : 0);
        int half = anyNegative ? BAR_SPACE / 2 : BAR_SPACE;
        int zero = barsLeft + (anyNegative ? half : 0);
        int width = barsLeft + BAR_SPACE + labelSpace + MARGIN;
        int height = 2 * MARGIN + Math.max(1, features.size()) * ROW;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, width, height);
            graphics.setFont(font);
            int baseline = (ROW + metrics.getAscent() - metrics.getDescent()) / 2;
            for (int i = 0; i < features.size(); i++) {
                LimeExplanation.Feature feature = features.get(i);
                int top = MARGIN + i * ROW;
                int length = largest > 0 ? (int) Math.round(Math.abs(feature.weight()) / largest * half) : 0;
                boolean positive = feature.weight() >= 0;
                graphics.setColor(positive ? new Color(46, 139, 87) : new Color(200, 60, 50));
                graphics.fillRect(positive ? zero : zero - length, top + 4, Math.max(length, 1), ROW - 8);
                graphics.setColor(Color.DARK_GRAY);
                graphics.drawString(feature.name(), MARGIN + nameWidth - metrics.stringWidth(feature.name()),
                        top + baseline);
                String label = String.format(Locale.ROOT, "%+.4f", feature.weight());
                int labelX = positive ? zero + length + 4 : zero - length - 4 - metrics.stringWidth(label);
                graphics.drawString(label, labelX, top + baseline);
            }
            graphics.setColor(Color.GRAY);
            graphics.drawLine(zero, MARGIN, zero, height - MARGIN);
        } finally {
            graphics.dispose();
        }
        return image;
    }
}
