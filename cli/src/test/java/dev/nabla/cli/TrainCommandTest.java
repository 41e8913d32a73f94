package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainCommandTest {

    @Test
    void builtInExperimentReachesNinetyFivePercentOnTheDigits() {
        StringWriter text = new StringWriter();
        Map<String, Double> test = TrainCommand.trainDigits(40, 1, new PrintWriter(text));
        assertTrue(test.get("accuracy") >= 0.95, "test accuracy " + test);
        assertTrue(text.toString().contains("1438 training and 359 test images"), text.toString());
        assertTrue(text.toString().contains("Total params: 4,810"), text.toString());
    }
}
