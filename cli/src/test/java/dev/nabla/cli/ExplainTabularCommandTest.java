package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nabla explain MODEL --data CSV --row N --method lime} on a small model trained on a CSV file. */
class ExplainTabularCommandTest {

    /** The prepared columns: the numeric ones by name, the one-hot colour by category. */
    private static final Set<String> COLUMNS = Set.of("x", "size", "color_blue", "color_green", "color_red");

    @TempDir
    static Path directory;

    private static Path model;
    private static Path csv;

    /** 120 rows: yes when x + (color == red) > 1; some x missing; size is noise. */
    @BeforeAll
    static void train() throws Exception {
        StringBuilder text = new StringBuilder("x,size,color,label\n");
        String[] colors = {"red", "green", "blue"};
        for (int i = 0; i < 120; i++) {
            double x = (i * 37 % 120) / 60.0;
            String color = colors[i % 3];
            boolean yes = x + (color.equals("red") ? 1 : 0) > 1;
            text.append(i % 13 == 0 ? "NA" : Double.toString(x)).append(',').append(i % 7).append(',').append(color)
                    .append(',').append(yes ? "yes" : "no").append('\n');
        }
        csv = directory.resolve("data.csv");
        Files.writeString(csv, text);
        Path experiment = directory.resolve("experiment.yaml");
        Files.writeString(experiment, """
                data: {csv: data.csv, target: label, test_split: 0.25}
                model:
                  sequential:
                    - {type: dense, units: 8, activation: relu}
                    - {type: dense, units: 1, activation: sigmoid}
                training: {optimizer: {name: adam, learning_rate: 0.05}, loss: binary_crossentropy, epochs: 15,
                           batch_size: 16, seed: 1}
                """ + "output: " + directory.resolve("run") + "\n");
        Run trained = Run.nabla("train", experiment.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        model = directory.resolve("run/best.nabla");
    }

    private static Run explain(String... options) {
        List<String> args = new ArrayList<>(List.of("explain", model.toString(), "--method", "lime",
                "--data", csv.toString()));
        args.addAll(List.of(options));
        return Run.nabla(args.toArray(String[]::new));
    }

    @Test
    void printsTheTopColumnsByNameWithTheSurrogatesFit() throws Exception {
        Path chart = directory.resolve("lime.png");
        Run run = explain("--row", "2", "--top", "3", "--samples", "500", "--output", chart.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).matches(Pattern.quote(csv + ":row 2: ")
                + "\\d (yes|no) [0-9.]+, \\d (yes|no) [0-9.]+"), lines.get(0));
        assertTrue(lines.get(1).matches("explained class \\d \\((yes|no)\\) with LIME \\(500 samples, seed 1;"
                + " surrogate R² [-0-9.]+\\)"), lines.get(1));
        List<String[]> weights = lines.subList(2, lines.size() - 1).stream().map(l -> l.strip().split(" +")).toList();
        assertEquals(3, weights.size(), run.out());
        for (String[] weight : weights) {
            assertTrue(COLUMNS.contains(weight[0]), run.out());
            Double.parseDouble(weight[1]);
        }
        assertTrue(Set.of("x", "color_red").contains(weights.get(0)[0]), "the label depends on x and red: " + run.out());
        assertEquals("wrote " + chart, lines.getLast());
        BufferedImage picture = ImageIO.read(chart.toFile());
        assertTrue(picture.getWidth() > 200 && picture.getHeight() >= 3 * 22, picture.toString());
    }

    @Test
    void theSameSeedPrintsTheSameWeights() {
        Run first = explain("--row", "5", "--samples", "300", "--seed", "7");
        Run second = explain("--row", "5", "--samples", "300", "--seed", "7");
        Run other = explain("--row", "5", "--samples", "300", "--seed", "8");
        assertEquals(0, first.exitCode(), first.err());
        assertEquals(first.out(), second.out());
        assertEquals(2 + COLUMNS.size(), first.out().lines().count(), "all five columns under --top 10: " + first.out());
        assertTrue(!first.out().equals(other.out()), "another seed draws other rows: " + other.out());
    }

    @Test
    void badOptionsSayWhatIsWrong() {
        Run row = explain("--row", "121");
        assertEquals(2, row.exitCode());
        assertTrue(row.err().contains("--row must be from 1 to 120 (the rows of " + csv + "), got 121"), row.err());
        Run method = Run.nabla("explain", model.toString(), "--data", csv.toString(), "--method", "gradcam");
        assertEquals(2, method.exitCode());
        assertTrue(method.err().contains("--data explains a CSV row with --method lime only, not --method gradcam"),
                method.err());
        Run target = explain("--target", "2");
        assertEquals(2, target.exitCode());
        assertTrue(target.err().contains("--target must be a class from 0 to 1, got 2"), target.err());
    }
}
