package dev.nabla.cli.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tune.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParallelCoordinatesTest {

    @Test
    void linearRangesRunFromTheirLowToTheirHighEnd() {
        Parameter range = new Parameter.FloatRange(0.0, 0.5, false, 5);
        assertEquals(0.0, ParallelCoordinates.position(range, 0.0), 1e-12);
        assertEquals(0.5, ParallelCoordinates.position(range, 0.25), 1e-12);
        assertEquals(1.0, ParallelCoordinates.position(range, 0.5), 1e-12);
        Parameter units = new Parameter.IntRange(16, 32, false, 5);
        double low = ParallelCoordinates.position(units, 16);
        double high = ParallelCoordinates.position(units, 32);
        assertTrue(0 < low && low < ParallelCoordinates.position(units, 28) && high < 1, low + " .. " + high);
    }

    @Test
    void logRangesArePlacedOnALogScale() {
        Parameter rate = new Parameter.FloatRange(1e-4, 1e-2, true, 5);
        assertEquals(0.0, ParallelCoordinates.position(rate, 1e-4), 1e-12);
        assertEquals(0.5, ParallelCoordinates.position(rate, 1e-3), 1e-12);
        assertEquals(1.0, ParallelCoordinates.position(rate, 1e-2), 1e-12);
    }

    @Test
    void choicesTakeTheirIndexAndAbsentValuesLeaveAGap() {
        Parameter choice = new Parameter.Choice(List.<Object>of("sgd", "adam", "rmsprop"));
        assertEquals(0.0, ParallelCoordinates.position(choice, "sgd"), 1e-12);
        assertEquals(0.5, ParallelCoordinates.position(choice, "adam"), 1e-12);
        assertEquals(1.0, ParallelCoordinates.position(choice, "rmsprop"), 1e-12);
        assertEquals(0.5, ParallelCoordinates.position(new Parameter.Choice(List.<Object>of("only")), "only"), 1e-12);
        assertTrue(Double.isNaN(ParallelCoordinates.position(choice, null)));
    }
}
