package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearningRateFindCommandTest {

    @TempDir
    Path directory;

    @Test
    void theSweepWritesItsPlotAndPrintsASuggestionWithoutTraining() throws Exception {
        Path experiment = directory.resolve("digits.yaml");
        Files.writeString(experiment, """
                data: {name: digits, validation_split: 0.1}
                model:
                  sequential:
                    - {type: flatten}
                    - {type: dense, units: 32, activation: relu}
                    - {type: dense, units: 10, activation: softmax}
                training:
                  loss: sparse_categorical_crossentropy
                  epochs: 5
                output: %s
                """.formatted(directory.resolve("run")));
        Run run = Run.nabla("lr-find", experiment.toString(), "--steps", "80", "--start", "1e-5", "--end", "10");
        assertEquals(0, run.exitCode(), run.err());
        Matcher suggestion = Pattern.compile("fell fastest at ([0-9.e+-]+) \\(suggested learning rate\\)")
                .matcher(run.out());
        assertTrue(suggestion.find(), run.out());
        double rate = Double.parseDouble(suggestion.group(1));
        assertTrue(rate > 1e-4 && rate < 1, "suggested " + rate);
        Path plot = directory.resolve("run/lr-find.png");
        assertTrue(run.out().contains("wrote " + plot), run.out());
        BufferedImage image = ImageIO.read(plot.toFile());
        assertEquals(720, image.getWidth());
        assertFalse(Files.exists(directory.resolve("run/best.nabla")), "nothing is trained or saved");

        Run bad = Run.nabla("lr-find", experiment.toString(), "--start", "1", "--end", "0.1");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--start and --end must satisfy 0 < start < end"), bad.err());
    }
}
