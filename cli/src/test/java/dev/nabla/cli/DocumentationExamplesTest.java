package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code java} code block in README.md and docs/*.md compiles and runs: the block's
 * imports are kept, its statements become a main method. A trailing comment of the form
 * {@code // prints VALUE} or {@code // ... = VALUE} on a println line is checked against
 * what the line printed.
 */
class DocumentationExamplesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern EXPECTED = Pattern.compile("println\\(.*//.*= ([^=]+)$");

    @TestFactory
    Stream<DynamicTest> examplesCompileAndRun() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path doc : documents()) {
            Matcher m = BLOCK.matcher(Files.readString(doc));
            for (int i = 1; m.find(); i++) {
                String code = m.group(1);
                String name = ROOT.relativize(doc) + " example " + i;
                tests.add(DynamicTest.dynamicTest(name, () -> run(code)));
            }
        }
        assertFalse(tests.isEmpty(), "README.md has Java examples");
        return tests.stream();
    }

    /**
     * No shell example starts a plain {@code java}: where the {@code java} on the PATH is older
     * than 25 (Debian's default is 17) it fails with UnsupportedClassVersionError. Examples name
     * a JDK 25's java, or use ./nabla, which finds one.
     */
    @Test
    void shellExamplesNeverRunThePlainJavaOfThePath() throws IOException {
        Pattern shell = Pattern.compile("```(?:sh|bash|shell)\\n(.*?)```", Pattern.DOTALL);
        List<String> plain = new ArrayList<>();
        for (Path doc : documents()) {
            Matcher m = shell.matcher(Files.readString(doc));
            while (m.find()) {
                m.group(1).lines().filter(line -> line.strip().startsWith("java "))
                        .forEach(line -> plain.add(ROOT.relativize(doc) + ": " + line.strip()));
            }
        }
        assertEquals(List.of(), plain);
    }

    private static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        Path dir = ROOT.resolve("docs");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
            }
        }
        return docs;
    }

    private static void run(String code) throws Exception {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (String line : code.split("\n")) {
            if (line.startsWith("import ")) {
                imports.append(line).append('\n');
            } else {
                body.append(line).append('\n');
                Matcher e = EXPECTED.matcher(line.strip());
                if (e.find()) {
                    expected.add(e.group(1).strip());
                }
            }
        }
        // Not "Example": the examples import dev.nabla.data.Example.
        String source = imports + "public class DocumentationExample {\n public static void main(String[] args) throws Exception {\n"
                + body + "}\n}\n";
        Path dir = Files.createTempDirectory("nabla-doc-example");
        Files.writeString(dir.resolve("DocumentationExample.java"), source);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        boolean ok = compiler.getTask(errors, null, null,
                List.of("--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                        "-d", dir.toString()), null,
                compiler.getStandardFileManager(null, null, null).getJavaFileObjects(dir.resolve("DocumentationExample.java")))
                .call();
        assertTrue(ok, "example does not compile:\n" + source + "\n" + errors);
        String printed = runMain(dir);
        List<String> lines = printed.lines().toList();
        assertEquals(expected, lines.subList(0, Math.min(lines.size(), expected.size())),
                "printed values of\n" + source);
    }

    private static String runMain(Path dir) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                DocumentationExamplesTest.class.getClassLoader())) {
            Method main = loader.loadClass("DocumentationExample").getMethod("main", String[].class);
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
