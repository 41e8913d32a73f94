package dev.nabla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Dependencies point one way (ARCHITECTURE.md): user API → differentiable ops → raw kernels. */
class ArchitectureTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/nabla");

    /** Which of Nabla's packages each package may use. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("kernels", Set.of()),
            Map.entry("tensor", Set.of("kernels")),
            Map.entry("nn", Set.of("tensor")),
            Map.entry("loss", Set.of("tensor")),
            Map.entry("optim", Set.of("tensor", "nn")),
            Map.entry("metrics", Set.of("tensor")),
            Map.entry("data", Set.of("tensor")),
            Map.entry("io", Set.of("tensor", "nn", "optim")),
            Map.entry("train", Set.of("tensor", "nn", "loss", "optim", "metrics", "data", "io")),
            // Hyperparameter searches sit above training: a trial's stopping rule is a fit callback.
            Map.entry("tune", Set.of("train", "io")),
            Map.entry("explain", Set.of("tensor", "nn")),
            Map.entry("generative", Set.of("tensor", "nn", "loss", "optim", "metrics", "data", "io", "train")),
            Map.entry("zoo", Set.of("tensor", "nn", "optim", "io")));

    private static final int LINE_BUDGET = 400;
    private static final int EXTENDED_BUDGET = 500;

    private static final Pattern NABLA_REFERENCE = Pattern.compile("\\bdev\\.nabla\\.([a-z]+)\\b");

    @Test
    void packagesDependOnlyInTheAgreedDirection() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles()) {
            String pkg = topPackage(file);
            Set<String> allowed = ALLOWED.get(pkg);
            if (allowed == null) {
                violations.add(file + ": package dev.nabla." + pkg + " is not in ARCHITECTURE.md's table");
                continue;
            }
            Matcher m = NABLA_REFERENCE.matcher(codeOf(file));
            while (m.find()) {
                String used = m.group(1);
                if (!used.equals(pkg) && !allowed.contains(used)) {
                    violations.add(file + ": dev.nabla." + pkg + " must not use dev.nabla." + used);
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void onlyKernelsUseTheVectorApi() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles()) {
            if (!topPackage(file).equals("kernels") && codeOf(file).contains("jdk.incubator.vector")) {
                violations.add(file + " uses jdk.incubator.vector; only dev.nabla.kernels may");
            }
        }
        assertEquals(List.of(), violations);
    }

    /**
     * Files aim for 300 lines (STYLE.md); past {@link #LINE_BUDGET} a file is telling us about a
     * missing concept. A file may go up to {@link #EXTENDED_BUDGET} when a comment in it starts
     * with "Line budget:" and says why (a kernel whose loops must stay in one method, say).
     */
    @Test
    void everyJavaFileOfEveryModuleStaysWithinTheLineBudget() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("..").toAbsolutePath().normalize())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/")
                    && !f.toString().contains("/target/")).toList()) {
                List<String> lines = Files.readAllLines(file);
                boolean explained = lines.stream().anyMatch(l -> l.matches("\\s*(//|\\*)\\s*(<p>)?Line budget: .+"));
                int budget = explained ? EXTENDED_BUDGET : LINE_BUDGET;
                if (lines.size() > budget) {
                    violations.add(file + ": " + lines.size() + " lines, over " + budget
                            + (explained ? "" : " (a 'Line budget:' comment saying why allows " + EXTENDED_BUDGET + ")"));
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void theScanSeesTheSources() throws IOException {
        assertTrue(javaFiles().size() > 10, "expected Nabla's sources under " + SOURCES.toAbsolutePath());
    }

    private static List<Path> javaFiles() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }

    private static String topPackage(Path file) {
        return SOURCES.relativize(file).getName(0).toString();
    }

    /** The file without comments, so that Javadoc mentioning a package is not a dependency. */
    private static String codeOf(Path file) throws IOException {
        String text = Files.readString(file);
        return text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
    }
}
