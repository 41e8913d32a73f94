package dev.nabla.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Co2ForecastTest {

    @Test
    void onTheFirstTwentyYearsTheDenseNetworkAndTheLstmBeatTheSeasonalNaiveForecast() throws IOException {
        Map<String, Double> errors = Co2Forecast.run(new ExampleOptions(40, 240));

        // 48 test months of 1974-1978, where the concentration rose about 1.2 ppm a year
        assertTrue(errors.get("seasonal_naive") > 0.8 && errors.get("seasonal_naive") < 2, errors.toString());
        assertTrue(errors.get("dense") < errors.get("seasonal_naive"), errors.toString());
        assertTrue(errors.get("lstm") < errors.get("seasonal_naive"), errors.toString());
        assertEquals(3, errors.size());
    }
}
