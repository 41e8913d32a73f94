package dev.nabla.monitoring;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * A confusion matrix as a picture: rows are true classes, columns predicted ones, each cell
 * shaded by its share of its row (white to dark blue) and labelled with its count.
 */
public final class ConfusionMatrixImage {

    private static final int CELL = 40;
    private static final int MARGIN = 28;

    private ConfusionMatrixImage() {
    }

    /** The picture of {@code counts [true class][predicted class]}. */
    public static BufferedImage render(long[][] counts) {
        int classes = counts.length;
        int side = MARGIN + classes * CELL;
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, side, side);
            graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            FontMetrics metrics = graphics.getFontMetrics();
            for (int row = 0; row < classes; row++) {
                long total = 0;
                for (long count : counts[row]) {
                    total += count;
                }
                centered(graphics, metrics, Integer.toString(row), MARGIN / 2, MARGIN + row * CELL + CELL / 2, Color.BLACK);
                centered(graphics, metrics, Integer.toString(row), MARGIN + row * CELL + CELL / 2, MARGIN / 2, Color.BLACK);
                for (int column = 0; column < classes; column++) {
                    float share = total == 0 ? 0 : (float) counts[row][column] / total;
                    graphics.setColor(new Color(1 - 0.85f * share, 1 - 0.75f * share, 1 - 0.35f * share));
                    graphics.fillRect(MARGIN + column * CELL, MARGIN + row * CELL, CELL, CELL);
                    centered(graphics, metrics, Long.toString(counts[row][column]), MARGIN + column * CELL + CELL / 2,
                            MARGIN + row * CELL + CELL / 2, share > 0.5f ? Color.WHITE : Color.BLACK);
                }
            }
        } finally {
            graphics.dispose();
        }
        return image;
    }

    private static void centered(Graphics2D graphics, FontMetrics metrics, String text, int x, int y, Color color) {
        graphics.setColor(color);
        graphics.drawString(text, x - metrics.stringWidth(text) / 2, y + (metrics.getAscent() - metrics.getDescent()) / 2);
    }
}
