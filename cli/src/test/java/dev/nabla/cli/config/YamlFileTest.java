package dev.nabla.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlFileTest {

    private static final String TEXT = """
            data: {name: digits}
            training:
              epochs: ten
              optimizer:
                name: adam
              metrics: [accuracy, f1]
              limit: null
            """;

    @Test
    void everyValueKnowsItsLineAndKeyPath() {
        ConfigMap root = YamlFile.parse(TEXT, "x.yaml").asMap();
        ConfigNode name = root.require("training").asMap().require("optimizer").asMap().require("name");
        ConfigNode metric = root.require("training").asMap().require("metrics").asList().get(1);

        assertEquals("training.optimizer.name", name.path());
        assertEquals(5, name.line());
        assertEquals("training.metrics[1]", metric.path());
        assertEquals(6, metric.line());
        assertEquals("f1", metric.asString());
    }

    @Test
    void aMistypedValueNamesTheFileLinePathAndWhatWasExpected() {
        ConfigNode epochs = YamlFile.parse(TEXT, "x.yaml").asMap().require("training").asMap().require("epochs");

        ConfigException e = assertThrows(ConfigException.class, epochs::asInt);

        assertEquals("x.yaml:3: training.epochs: expected an integer, got 'ten'", e.getMessage());
        assertEquals(3, e.line());
        assertEquals("training.epochs", e.path());
    }

    @Test
    void unknownKeysAreRefusedWithTheKnownOnesAndTheClosestMatch() {
        ConfigMap training = YamlFile.parse(TEXT, "x.yaml").asMap().require("training").asMap();

        ConfigException e = assertThrows(ConfigException.class,
                () -> training.allowOnly(List.of("epochs", "optimizer", "metrics", "limits")));

        assertEquals("x.yaml:7: training.limit: unknown key 'limit'; known: epochs, optimizer, metrics, limits;"
                + " did you mean 'limits'?", e.getMessage());
    }

    @Test
    void aMissingKeyIsReportedAtTheKeyOfItsMapping() {
        ConfigMap training = YamlFile.parse(TEXT, "x.yaml").asMap().require("training").asMap();

        ConfigException e = assertThrows(ConfigException.class, () -> training.require("loss"));

        assertEquals("x.yaml:2: training: missing required key 'loss'", e.getMessage());
    }

    @Test
    void aNullValueCountsAsAbsent() {
        ConfigMap training = YamlFile.parse(TEXT, "x.yaml").asMap().require("training").asMap();

        assertNull(training.get("limit"));
        assertEquals(7, training.integer("limit", 1, 7));
    }

    @Test
    void valuesComeOutAsYamlGivesThemToPrograms() {
        ConfigNode node = YamlFile.parse("{a: 1, b: 2.5, c: same, d: [1, true], e: 12345678901}", "x.yaml");

        assertEquals(Map.of("a", 1, "b", 2.5, "c", "same", "d", List.of(1, true), "e", 12345678901L), node.value());
    }

    @Test
    void textIsNotANumberAndNumbersAreNotText() {
        ConfigMap map = YamlFile.parse("{rate: '0.5', name: 3}", "x.yaml").asMap();

        assertEquals("x.yaml:1: rate: expected a number, got '0.5'",
                assertThrows(ConfigException.class, () -> map.require("rate").asDouble()).getMessage());
        assertEquals("x.yaml:1: name: expected text, got 3",
                assertThrows(ConfigException.class, () -> map.require("name").asString()).getMessage());
    }

    @Test
    void duplicateKeysAreRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> YamlFile.parse("epochs: 1\nbatch_size: 2\nepochs: 3\n", "x.yaml").asMap());

        assertEquals("x.yaml:3: epochs: duplicate key 'epochs' (first on line 1)", e.getMessage());
    }

    @Test
    void syntaxErrorsAndEmptyFilesAreLocatedToo() {
        ConfigException syntax = assertThrows(ConfigException.class,
                () -> YamlFile.parse("data:\n  name: [digits\nmodel: 1\n", "x.yaml"));
        ConfigException empty = assertThrows(ConfigException.class, () -> YamlFile.parse("# nothing\n", "x.yaml"));

        assertEquals("x.yaml", syntax.source());
        assertEquals(3, syntax.line(), syntax.getMessage());
        assertEquals("x.yaml:1: the file is empty", empty.getMessage());
    }
}
