package dev.nabla.cli.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Every tune section of the examples and of docs/tuning.md reads, and every key path it tunes can be set. */
class TuneExamplesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path directory;

    @TestFactory
    Stream<DynamicTest> everyTuneSectionReads() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("examples"))) {
            for (Path file : files.filter(f -> f.toString().endsWith("-tune.yaml")).sorted().toList()) {
                tests.add(DynamicTest.dynamicTest(ROOT.relativize(file).toString(), () -> Tuning.check(file)));
            }
        }
        assertEquals(2, tests.size(), "the tuning examples");
        Matcher m = BLOCK.matcher(Files.readString(ROOT.resolve("docs/tuning.md")));
        for (int i = 1; m.find(); i++) {
            String text = m.group(1);
            if (text.contains("\ntune:")) {
                Path file = directory.resolve("tuning-block-" + i + ".yaml");
                tests.add(DynamicTest.dynamicTest("docs/tuning.md yaml block " + i, () -> {
                    Files.writeString(file, text);
                    Tuning.check(file);
                }));
            }
        }
        assertFalse(tests.size() == 2, "docs/tuning.md shows a tune section");
        return tests.stream();
    }
}
