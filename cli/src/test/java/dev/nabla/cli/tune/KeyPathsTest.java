package dev.nabla.cli.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyPathsTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> document() {
        Map<String, Object> layer = new LinkedHashMap<>(Map.of("type", "dense", "units", 16));
        Map<String, Object> model = new LinkedHashMap<>(Map.of("sequential",
                new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("type", "flatten")), layer))));
        Map<String, Object> training = new LinkedHashMap<>(Map.of("optimizer", "adam", "epochs", 3));
        return (Map<String, Object>) KeyPaths.deepCopy(Map.of("model", model, "training", training));
    }

    @Test
    void setsKeysOfMappingsAndElementsOfLists() {
        Map<String, Object> document = document();
        KeyPaths.set(document, "model.sequential[1].units", 64);
        KeyPaths.set(document, "training.epochs", 9);
        KeyPaths.set(document, "training.schedule.warmup", 2);

        assertEquals(64, ((Map<?, ?>) ((List<?>) ((Map<?, ?>) document.get("model")).get("sequential")).get(1))
                .get("units"));
        assertEquals(9, ((Map<?, ?>) document.get("training")).get("epochs"));
        assertEquals(Map.of("warmup", 2), ((Map<?, ?>) document.get("training")).get("schedule"));
        assertEquals(List.of("model", "sequential", 1, "units"), KeyPaths.parse("model.sequential[1].units"));
    }

    @Test
    void aCopyIsIndependentOfTheOriginal() {
        Map<String, Object> original = document();
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) KeyPaths.deepCopy(original);
        KeyPaths.set(copy, "model.sequential[1].units", 128);
        assertEquals(document(), original);
    }

    @Test
    void pathsThatCannotBeSetSayWhy() {
        Map<String, Object> document = document();
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> KeyPaths.set(document, "training.optimizer.learning_rate", 0.1)).getMessage()
                .contains("training.optimizer is 'adam', not a mapping; write it as one (optimizer: {name: adam})"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> KeyPaths.set(document, "model.sequential[5].units", 1)).getMessage()
                .contains("model.sequential has 2 entries; there is no [5]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KeyPaths.parse("model..units")).getMessage()
                .contains("is not a key path"));
    }
}
