package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The programs of examples/newcomer/ are the guide's: every line of the Java block under a
 * heading of docs/java.md appears in the program, in the same order (the program may add
 * lines, such as the package, the class and the kernels it runs on). .ci/newcomer.sh builds
 * and runs those programs; this keeps them from drifting away from what the guide shows.
 */
class NewcomerProjectTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path PROGRAMS = ROOT.resolve("examples/newcomer/src/main/java/com/example/newcomer");

    @ParameterizedTest
    @CsvSource({
        "'## 3. Train a model, Keras style', KerasStyle.java",
        "'## 6. Train with your own loop, PyTorch style', PyTorchStyle.java"})
    void programHoldsTheGuidesBlock(String heading, String program) throws IOException {
        List<String> guide = lines(firstJavaBlockAfter(heading));
        List<String> source = lines(Files.readString(PROGRAMS.resolve(program)));
        assertTrue(guide.size() > 10, "docs/java.md has a Java block under '" + heading + "'");
        int next = 0;
        for (String line : guide) {
            int found = source.subList(next, source.size()).indexOf(line);
            assertTrue(found >= 0, program + " lacks the guide's line\n    " + line + "\n(in order, after the lines"
                    + " before it) of the block under '" + heading + "' in docs/java.md; keep the two the same");
            next += found + 1;
        }
    }

    /**
     * The guide's Maven block pastes into a pom: wrapped in a project element it is well-formed
     * XML (a comment holding "--", say, is not), and each of its sections is in the newcomer's
     * pom, which CI builds.
     */
    @Test
    void theGuidesMavenBlockIsWellFormedAndInTheNewcomersPom() throws Exception {
        String guide = Files.readString(ROOT.resolve("docs/java.md"));
        int start = guide.indexOf("```xml\n", guide.indexOf("\n### Maven\n")) + "```xml\n".length();
        String block = guide.substring(start, guide.indexOf("```", start));
        var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        var project = factory.newDocumentBuilder().parse(new org.xml.sax.InputSource(
                new java.io.StringReader("<project>" + block + "</project>")));
        String pom = Files.readString(ROOT.resolve("examples/newcomer/pom.xml"));
        var sections = project.getDocumentElement().getChildNodes();
        for (int i = 0; i < sections.getLength(); i++) {
            if (sections.item(i) instanceof org.w3c.dom.Element section) {
                assertTrue(pom.contains("<" + section.getTagName() + ">"), "examples/newcomer/pom.xml lacks <"
                        + section.getTagName() + ">");
            }
        }
        assertTrue(block.contains("<id>default-cli</id>"), "exec:exec's arguments stay out of exec:java's way");
    }

    private static String firstJavaBlockAfter(String heading) throws IOException {
        String guide = Files.readString(ROOT.resolve("docs/java.md"));
        int section = guide.indexOf("\n" + heading + "\n");
        assertTrue(section >= 0, "docs/java.md has the heading '" + heading + "'");
        int start = guide.indexOf("```java\n", section) + "```java\n".length();
        return guide.substring(start, guide.indexOf("```", start));
    }

    /** The non-blank lines without their indentation, which differs inside a class. */
    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
}
