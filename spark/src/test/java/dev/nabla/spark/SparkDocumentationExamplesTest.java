package dev.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
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
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code java spark} block of docs/spark.md compiles against the spark module (the cli's
 * documentation test cannot see its classes): the block's imports are kept and its statements become
 * the body of a method given a {@code SparkSession spark}, a {@code Layer network} and a
 * {@code Dataset<Row> images}. Compiled, not run: running them is training Fashion-MNIST, which
 * {@code SparkTrainerTest}, {@code BatchInferenceTest} and {@code SparkTuningTest} do.
 */
class SparkDocumentationExamplesTest {

    private static final Path PAGE = Path.of("..", "docs", "spark.md");
    private static final Pattern BLOCK = Pattern.compile("```java spark\\n(.*?)```", Pattern.DOTALL);
    private static final String GIVEN = """
            import dev.nabla.nn.Layer;
            import org.apache.spark.sql.Dataset;
            import org.apache.spark.sql.Row;
            import org.apache.spark.sql.SparkSession;
            """;

    @TestFactory
    Stream<DynamicTest> theJavaExamplesOfTheSparkGuideCompile() throws IOException {
        Matcher blocks = BLOCK.matcher(Files.readString(PAGE));
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 1; blocks.find(); i++) {
            String code = blocks.group(1);
            tests.add(DynamicTest.dynamicTest("docs/spark.md example " + i, () -> compile(code)));
        }
        assertTrue(tests.size() >= 3, "docs/spark.md has its Java examples: " + tests.size());
        return tests.stream();
    }

    private static void compile(String code) throws IOException {
        StringBuilder imports = new StringBuilder(GIVEN);
        StringBuilder body = new StringBuilder();
        for (String line : code.split("\n")) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        String source = imports + "public class SparkExample {\n static void example(SparkSession spark, Layer network,"
                + " Dataset<Row> images) throws Exception {\n" + body + "}\n}\n";
        Path directory = Files.createTempDirectory("nabla-spark-example");
        Path file = directory.resolve("SparkExample.java");
        Files.writeString(file, source);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        boolean compiled = compiler.getTask(errors, null, null, List.of("--add-modules", "jdk.incubator.vector",
                        "-proc:none", "-cp", System.getProperty("java.class.path"), "-d", directory.toString()), null,
                compiler.getStandardFileManager(null, null, null).getJavaFileObjects(file)).call();
        assertTrue(compiled, "example does not compile:\n" + source + "\n" + errors);
    }
}
