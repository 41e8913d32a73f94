package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nabla.cli.experiment.GenerativeSpec;
import dev.nabla.cli.experiment.Vocabulary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceCommandTest {

    private static final Path REFERENCE = Path.of("..", "docs", "reference.md");

    @Test
    void docsReferenceIsWhatTheRegistriesDescribeNow() throws IOException {
        String written = Files.readString(REFERENCE, StandardCharsets.UTF_8);
        String generated = ReferenceMarkdown.render();
        if (!written.equals(generated)) {
            List<String> before = written.lines().toList();
            List<String> now = generated.lines().toList();
            int line = 0;
            while (line < Math.min(before.size(), now.size()) && before.get(line).equals(now.get(line))) {
                line++;
            }
            fail("docs/reference.md is out of date: from the repository's root, run\n    "
                    + ReferenceMarkdown.COMMAND + "\nFirst difference at line " + (line + 1) + ":\n  written:   "
                    + (line < before.size() ? before.get(line) : "(end of file)") + "\n  generated: "
                    + (line < now.size() ? now.get(line) : "(end of file)"));
        }
    }

    @Test
    void printsTheReferenceOrWritesItToAFile(@TempDir Path directory) throws IOException {
        Run printed = Run.nabla("reference");
        Path file = directory.resolve("reference.md");
        Run written = Run.nabla("reference", "--output", file.toString());

        assertEquals(0, printed.exitCode(), printed.err());
        assertTrue(printed.out().startsWith("# Reference\n"), printed.out());
        assertTrue(printed.out().contains("\n### Conv2d\n"), printed.out());
        assertTrue(printed.out().contains("| `stride` (`strides`) | an integer or a list of integers | `1` |"));
        assertEquals(0, written.exitCode(), written.err());
        assertEquals(printed.out(), Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void defaultsAreWrittenAsAYamlFileHoldsThem() {
        assertEquals("0.25", ReferenceMarkdown.yaml(0.25f));
        assertEquals("1.0e-5", ReferenceMarkdown.yaml(1e-5f));
        assertEquals("2.5e-8", ReferenceMarkdown.yaml(2.5e-8));
        assertEquals("0", ReferenceMarkdown.yaml(0.0));
        assertEquals("10000", ReferenceMarkdown.yaml(1e4));
        assertEquals("[1, 2]", ReferenceMarkdown.yaml(List.of(1, 2)));
        assertEquals("true", ReferenceMarkdown.yaml(true));
    }

    @Test
    void everyEntryHasOneDescriptionAndEveryDescriptionAnEntry() {
        List<String> keys = new ArrayList<>();
        Stream.of(Vocabulary.layers(), Vocabulary.losses(), Vocabulary.metrics(), Vocabulary.optimizers(),
                Vocabulary.callbacks(), Vocabulary.schedules()).flatMap(List::stream)
                .forEach(entry -> keys.add(entry.implementation().getName()));
        Vocabulary.activations().forEach(activation -> keys.add(ReferenceMarkdown.key(activation.function())));
        GenerativeSpec.KEYS.forEach(key -> keys.add(ReferenceMarkdown.generativeKey(key)));
        Properties descriptions = ReferenceMarkdown.descriptions();
        List<String> missing = keys.stream().filter(key -> descriptions.getProperty(key, "").isBlank()).toList();
        List<String> unused = descriptions.stringPropertyNames().stream().filter(key -> !keys.contains(key)).sorted()
                .toList();

        assertEquals(List.of(), missing, "add a one-line description of each to cli/src/main/resources/dev/nabla/cli/"
                + ReferenceMarkdown.DESCRIPTIONS);
        assertEquals(List.of(), unused, "these descriptions in " + ReferenceMarkdown.DESCRIPTIONS
                + " describe nothing the reference lists (renamed or removed?)");
    }
}
