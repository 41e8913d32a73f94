package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineFitTest {

    @Test
    void gradientDescentFindsTheLine() {
        List<Float> losses = new ArrayList<>();

        LineFit.Result fit = LineFit.fit(42, 200, 0.1f, (step, loss) -> losses.add(loss));

        assertEquals(LineFit.TRUE_SLOPE, fit.slope(), 0.05f);
        assertEquals(LineFit.TRUE_INTERCEPT, fit.intercept(), 0.05f);
        assertEquals(200, losses.size());
        assertTrue(losses.getLast() < losses.getFirst() / 100, losses.getFirst() + " -> " + losses.getLast());
    }
}
