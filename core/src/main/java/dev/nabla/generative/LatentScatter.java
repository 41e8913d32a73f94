package dev.nabla.generative;

import dev.nabla.tensor.Tensor;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A scatter plot of 2-d codes (an autoencoder's or a VAE's latent space) as a PNG: one dot per
 * input, coloured by its class, with a legend of the class names; the axes span the codes' range.
 */
public final class LatentScatter {

    private static final int SIZE = 640;
    private static final int MARGIN = 40;
    private static final int LEGEND = 150;
    /** Ten colours told apart easily (matplotlib's tab10). */
    private static final int[] COLOURS = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2,
        0x7f7f7f, 0xbcbd22, 0x17becf};

    private LatentScatter() {
    }

    /**
     * Draws {@code codes [N, 2]} coloured by {@code labels [N]} (class i named {@code
     * classNames.get(i)}; classes past ten reuse the colours) into {@code png}.
     *
     * @throws IllegalArgumentException if the codes are not 2-d or the labels do not match them
     */
    public static void write(Tensor codes, Tensor labels, List<String> classNames, Path png) throws IOException {
        if (codes.rank() != 2 || codes.dim(1) != 2 || labels.rank() != 1 || labels.dim(0) != codes.dim(0)) {
            throw new IllegalArgumentException("LatentScatter: need codes [N, 2] and labels [N], got " + codes.shape()
                    + " and " + labels.shape());
        }
        float[] xy = codes.toFloatArray();
        float[] classes = labels.toFloatArray();
        float[] range = {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE};
        for (int i = 0; i < classes.length; i++) {
            range[0] = Math.min(range[0], xy[2 * i]);
            range[1] = Math.max(range[1], xy[2 * i]);
            range[2] = Math.min(range[2], xy[2 * i + 1]);
            range[3] = Math.max(range[3], xy[2 * i + 1]);
        }
        BufferedImage image = new BufferedImage(SIZE + LEGEND, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, SIZE + LEGEND, SIZE);
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawRect(MARGIN, MARGIN, SIZE - 2 * MARGIN, SIZE - 2 * MARGIN);
        float spanX = Math.max(range[1] - range[0], 1e-6f);
        float spanY = Math.max(range[3] - range[2], 1e-6f);
        for (int i = 0; i < classes.length; i++) {
            int x = MARGIN + Math.round((xy[2 * i] - range[0]) / spanX * (SIZE - 2 * MARGIN));
            int y = SIZE - MARGIN - Math.round((xy[2 * i + 1] - range[2]) / spanY * (SIZE - 2 * MARGIN));
            g.setColor(new Color(COLOURS[(int) classes[i] % COLOURS.length]));
            g.fillOval(x - 2, y - 2, 4, 4);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int c = 0; c < classNames.size(); c++) {
            int y = MARGIN + 18 * c;
            g.setColor(new Color(COLOURS[c % COLOURS.length]));
            g.fillOval(SIZE, y, 8, 8);
            g.setColor(Color.BLACK);
            g.drawString(classNames.get(c), SIZE + 14, y + 9);
        }
        g.dispose();
        Files.createDirectories(png.toAbsolutePath().getParent());
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException(png + ": javax.imageio has no PNG writer");
        }
    }
}
