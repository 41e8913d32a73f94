package dev.nabla.examples;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The data files shipped in {@code examples/data}, found from the project's root or from {@code examples/}. */
final class ExampleData {

    private ExampleData() {
    }

    /** {@code examples/data/NAME}, or {@code data/NAME} when run from {@code examples/} (as the tests are). */
    static Path file(String name) throws FileNotFoundException {
        for (Path candidate : new Path[] {Path.of("examples", "data", name), Path.of("data", name)}) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new FileNotFoundException("examples/data/" + name + " is not here; run the example from the project's"
                + " root directory (" + Path.of("").toAbsolutePath() + " is the current one)");
    }
}
