package dev.nabla.tune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {

    @Test
    void gridEnumeratesExactlyTheProductOfTheValues() {
        SearchSpace space = SearchSpace.builder()
                .choice("optimizer", "adam", "sgd", "rmsprop")
                .intRange("layers", 1, 4)
                .add("rate", new Parameter.FloatRange(0, 0.5, false, 2))
                .fixed("batch", 32)
                .build();

        List<Map<String, Object>> grid = space.grid();

        assertEquals(3 * 4 * 2, grid.size());
        assertEquals(grid.size(), new HashSet<>(grid).size(), "every combination once");
        for (Object optimizer : List.of("adam", "sgd", "rmsprop")) {
            for (int layers = 1; layers <= 4; layers++) {
                for (double rate : new double[] {0, 0.5}) {
                    assertTrue(grid.contains(Map.of("optimizer", optimizer, "layers", layers, "rate", rate,
                            "batch", 32)), optimizer + " " + layers + " " + rate);
                }
            }
        }
        assertEquals(Map.of("optimizer", "adam", "layers", 1, "rate", 0.0, "batch", 32), grid.getFirst());
    }

    @Test
    void aConditionalParameterMultipliesOnlyTheBranchItBelongsTo() {
        SearchSpace space = SearchSpace.builder()
                .choice("optimizer", "adam", "sgd")
                .choice("momentum", 0.0, 0.9).when("optimizer", "sgd")
                .build();

        assertEquals(List.of(Map.of("optimizer", "adam"), Map.of("optimizer", "sgd", "momentum", 0.0),
                Map.of("optimizer", "sgd", "momentum", 0.9)), space.grid());
        Random random = new Random(3);
        for (int i = 0; i < 50; i++) {
            Map<String, Object> config = space.sample(random);
            assertEquals(config.get("optimizer").equals("sgd"), config.containsKey("momentum"), config.toString());
        }
    }

    @Test
    void integerAndLogRangesStayInsideAndRoundTripThroughTheUnitCube() {
        SearchSpace space = SearchSpace.builder().logFloat("lr", 1e-4, 1e-1).logInt("units", 8, 512)
                .intRange("layers", 1, 3).choice("activation", "relu", "tanh").build();
        Random random = new Random(1);
        HashSet<Object> layers = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Map<String, Object> config = space.sample(random);
            double lr = (Double) config.get("lr");
            int units = (Integer) config.get("units");
            assertTrue(lr >= 1e-4 && lr <= 1e-1 && units >= 8 && units <= 512, config.toString());
            layers.add(config.get("layers"));
            double[] unit = space.encode(config);
            Map<String, Object> back = space.decode(unit);
            assertEquals(config.get("units"), back.get("units"));
            assertEquals(config.get("layers"), back.get("layers"));
            assertEquals(config.get("activation"), back.get("activation"));
            assertEquals(lr, (Double) back.get("lr"), 1e-12 * lr + 1e-15);
            assertArrayEquals(unit, space.snap(unit), 1e-12);
        }
        assertEquals(new HashSet<>(List.of(1, 2, 3)), layers, "every integer of the range is drawn");
        assertEquals(5, space.dimensions(), "lr, units, layers and two one-hot coordinates");
    }

    @Test
    void aLogIntegerGridKeepsDistinctRoundedValues() {
        assertEquals(List.of(16, 32, 64, 128, 256), new Parameter.IntRange(16, 256, true, 5).gridValues());
        assertEquals(List.of(1, 2, 3), new Parameter.IntRange(1, 3, false, 5).gridValues());
    }

    @Test
    void mistakesAreRefusedWithWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Parameter.FloatRange(0, 1, true, 5))
                .getMessage().contains("a log range needs low > 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Parameter.IntRange(5, 5, false, 5))
                .getMessage().contains("low < high"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SearchSpace.builder().choice("a", 1, 2)
                .floatRange("b", 0, 1).when("a", 3)).getMessage().contains("not one of its choices"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SearchSpace.builder().floatRange("b", 0, 1)
                .when("later", 1)).getMessage().contains("declared before it"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SearchSpace.builder().floatRange("a", 0, 1)
                .floatRange("a", 0, 2)).getMessage().contains("names 'a' twice"));
        assertFalse(new Parameter.Choice(List.of("x")).gridValues().isEmpty());
    }
}
