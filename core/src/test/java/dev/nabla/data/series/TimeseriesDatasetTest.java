package dev.nabla.data.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.Batch;
import dev.nabla.data.DataLoader;
import dev.nabla.data.TensorDataset;
import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeseriesDatasetTest {

    private static final Tensor SERIES = Tensor.arange(10).to(dev.nabla.tensor.DType.FLOAT32);

    @Test
    void windowsOfThreeWithTheNextValueAsTargetCountedByHand() {
        // 0..9, windows of 3 predicting the value after: [0 1 2]->3, [1 2 3]->4, ..., [6 7 8]->9
        TimeseriesDataset windows = TimeseriesDataset.forecasting(SERIES, 3, 1, 1);

        assertEquals(7, windows.size());
        Batch batch = windows.batch(0, 6);
        assertArrayEquals(new float[] {0, 1, 2, 6, 7, 8}, batch.features().toFloatArray());
        assertEquals(List.of(2, 3), List.of(batch.features().dim(0), batch.features().dim(1)));
        assertArrayEquals(new float[] {3, 9}, batch.targets().toFloatArray());
        assertArrayEquals(new int[] {3, 4, 5, 6, 7, 8, 9}, windows.targetPositions());
    }

    @Test
    void aHorizonAndAStrideSkipAheadCountedByHand() {
        // windows of 4 every 2 steps, target 3 steps after the last: [0..3]->6, [2..5]->8
        TimeseriesDataset windows = TimeseriesDataset.forecasting(SERIES, 4, 3, 2);

        assertEquals(2, windows.size());
        assertArrayEquals(new float[] {2, 3, 4, 5}, windows.get(1).features().toFloatArray());
        assertEquals(8f, windows.get(1).target().item());
        assertArrayEquals(new int[] {6, 8}, windows.targetPositions());
    }

    @Test
    void aSamplingRateTakesEveryNthRowCountedByHand() {
        TimeseriesDataset windows = new TimeseriesDataset(SERIES, SERIES.mul(10f), 3, 4, 2);

        // spans of 5 rows: starts 0 and 4 (8 would need rows up to 12)
        assertEquals(2, windows.size());
        assertArrayEquals(new float[] {0, 2, 4, 4, 6, 8}, windows.batch(0, 1).features().toFloatArray());
        assertArrayEquals(new float[] {0, 40}, windows.batch(0, 1).targets().toFloatArray());
    }

    @Test
    void everyCaseMatchesTheNumpyRestatementOfKeras() {
        List<TorchFixture> cases = TorchFixture.cases("timeseries", "");
        assertEquals(6, cases.size());
        for (TorchFixture fixture : cases) {
            Tensor targets = fixture.has("targets") ? fixture.tensor("targets") : null;
            TimeseriesDataset windows = new TimeseriesDataset(fixture.tensor("data"), targets,
                    integer(fixture, "sequence_length"), integer(fixture, "sequence_stride"),
                    integer(fixture, "sampling_rate"), integer(fixture, "start_index"), integer(fixture, "end_index"));

            TensorDataset all = windows.toTensorDataset();

            fixture.assertForward("windows", all.features());
            fixture.assertForward(targets == null ? "windows" : "window_targets", all.targets());
        }
    }

    @Test
    void aLoaderBatchesWindowsOfAMultivariateSeries() {
        Tensor table = Tensor.arange(24).to(dev.nabla.tensor.DType.FLOAT32).reshape(12, 2);
        TimeseriesDataset windows = TimeseriesDataset.forecasting(table, table.slice(1, 0, 1).squeeze(1), 5, 2, 1);

        List<Batch> batches = new java.util.ArrayList<>();
        new DataLoader(windows, 4).forEach(batches::add);

        assertEquals(6, windows.size());
        assertEquals(List.of(4, 5, 2), List.of(batches.get(0).features().shape().toArray()[0],
                batches.get(0).features().dim(1), batches.get(0).features().dim(2)));
        // the first window's target is column 0 of row 6: 12
        assertEquals(12f, batches.get(0).targets().toFloatArray()[0]);
        assertEquals(2, batches.get(1).size());
    }

    @Test
    void aWindowLongerThanTheSeriesIsRefusedWithItsSizes() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> TimeseriesDataset.forecasting(SERIES, 10, 1, 1));

        assertEquals("TimeseriesDataset.forecasting: a window of 10 steps and a target 1 step(s) after it need 11"
                + " steps, but the series has 10; shorten the window or the horizon", error.getMessage());
        var direct = assertThrows(IllegalArgumentException.class, () -> new TimeseriesDataset(SERIES, null, 6, 1, 2));
        assertTrue(direct.getMessage().contains("a window of 6 steps sampled every 2 rows (11 rows) does not fit in"
                + " the 10 rows [0, 10)"), direct.getMessage());
    }

    @Test
    void aNanInTheSeriesIsNamedByItsStep() {
        float[] values = SERIES.toFloatArray();
        values[7] = Float.NaN;

        var error = assertThrows(IllegalArgumentException.class,
                () -> TimeseriesDataset.forecasting(Tensor.of(values), 3, 1, 1));

        assertEquals("TimeseriesDataset: the data hold NaN at time step 7; fill or drop missing values before"
                + " making windows", error.getMessage());
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TimeseriesDataset(SERIES, null, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new TimeseriesDataset(SERIES, null, 3, 1, 1, 5, 4));
        assertThrows(IllegalArgumentException.class, () -> TimeseriesDataset.forecasting(SERIES, 3, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> TimeseriesDataset.forecasting(SERIES, 3, 1, 1).get(7));
    }

    private static int integer(TorchFixture fixture, String option) {
        return Integer.parseInt(fixture.option(option));
    }
}
