package dev.nabla.metrics;

import static dev.nabla.metrics.MetricFixtures.assertClose;
import static dev.nabla.metrics.MetricFixtures.tensor;
import static dev.nabla.metrics.MetricFixtures.value;
import static dev.nabla.metrics.MetricFixtures.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class R2ScoreTest {

    @Test
    void comparesTheResidualsWithTheSpreadOfTheTargets() {
        var r2 = new R2Score();
        r2.update(Tensor.of(1f, 2f, 2f), Tensor.of(1f, 2f, 3f)); // SS_res 1, SS_tot 2
        assertEquals(0.5, r2.result(), 1e-15);
        assertEquals("r2", r2.name());
    }

    @Test
    void matchesScikitLearn() {
        MetricFixtures.assertRegressionMatchesScikitLearn(R2Score::new, "r2");
    }

    @Test
    void staysAccurateWhenTheMeanIsLargeNextToTheSpread() {
        // offset: targets 1e6 + [0, 100); there Σt² − (Σt)²/n keeps only about 7 digits of SS_tot
        // (a relative error near 1e-7, so about 4e-9 in R²), and this test would fail
        var r2 = new R2Score();
        r2.update(tensor("offset/predictions"), tensor("offset/targets"));
        assertEquals(value("offset/r2"), r2.result(), 1e-12);
    }

    @Test
    void streamingGivesExactlyTheResultOnAllData() {
        MetricFixtures.assertStreamsExactly(R2Score::new, tensor("regression/predictions"),
                tensor("regression/targets"), tensor("regression/weights"));
        MetricFixtures.assertStreamsExactly(R2Score::new, tensor("offset/predictions"), tensor("offset/targets"), null);
    }

    @Test
    void constantTargetsScoreOneWhenPredictedExactlyAndZeroOtherwise() {
        var r2 = new R2Score();
        r2.update(tensor("constant/predictions"), tensor("constant/targets"));
        assertClose("raw", values("constant/r2_raw"), r2.perOutput());
        assertClose("mean", value("constant/r2"), r2.result());
    }

    @Test
    void isNaNWithFewerThanTwoSamples() {
        var r2 = new R2Score();
        assertTrue(Double.isNaN(r2.result()));
        r2.update(Tensor.of(1f), Tensor.of(2f));
        assertTrue(Double.isNaN(r2.result()));
        r2.update(Tensor.of(3f), Tensor.of(3f));
        assertEquals(1 - 1.0 / 0.5, r2.result(), 1e-15);
    }

    @Test
    void theNumberOfOutputsMayNotChange() {
        var r2 = new R2Score();
        r2.update(Tensor.zeros(3, 2), Tensor.zeros(3, 2));
        var e = assertThrows(IllegalArgumentException.class, () -> r2.update(Tensor.zeros(3, 3), Tensor.zeros(3, 3)));
        assertEquals("R2Score: predictions [3, 3] have 3 outputs, earlier batches had 2", e.getMessage());
        r2.reset();
        r2.update(Tensor.zeros(3, 3), Tensor.zeros(3, 3));
        assertEquals(3, r2.perOutput().length);
    }
}
