package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What the documentation shows a command printing is what it prints. A block of output in
 * README.md or docs/*.md is marked by an HTML comment right above it,
 * {@code <!-- output: nabla demo -->}, naming the command; this test runs the command and
 * compares, line by line:
 * <ul>
 *   <li>a line {@code ...} in the documentation stands for any number of printed lines;</li>
 *   <li>text must be equal, whole numbers too (parameter counts, epochs);</li>
 *   <li>decimals (losses, accuracies) may differ by 5 percent or 0.005, since float sums
 *       round differently on CPUs with other vector widths;</li>
 *   <li>durations ({@code 2s}, {@code 248us/step}) are not compared;</li>
 *   <li>with {@code | labels} after the command ({@code <!-- output: nabla info | labels -->})
 *       only each line's first word is compared: for output that depends on the machine.</li>
 * </ul>
 */
class DocumentedOutputTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern MARKED = Pattern.compile(
            "<!-- output: nabla ([^|>]*?)( \\| labels)? -->\\s*\\n```[a-z]*\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TOKEN = Pattern.compile(
            "(?<duration>\\d+(?:\\.\\d+)?(?:us|ms|s)(?:/step)?\\b)|(?<number>-?\\d[\\d,]*(?:\\.\\d+)?)");
    private static final String ANY_LINES = "...";

    @TestFactory
    Stream<DynamicTest> documentedOutputsMatchWhatTheCommandsPrint() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path doc : documents()) {
            Matcher m = MARKED.matcher(Files.readString(doc));
            while (m.find()) {
                String command = m.group(1).strip();
                boolean labelsOnly = m.group(2) != null;
                List<String> documented = m.group(3).lines().toList();
                tests.add(DynamicTest.dynamicTest(ROOT.relativize(doc) + ": nabla " + command, () -> {
                    assertMatches(documented, printed(command.split(" +")), labelsOnly);
                }));
            }
        }
        assertFalse(tests.isEmpty(), "README.md marks the output of its commands");
        return tests.stream();
    }

    /**
     * What {@code nabla ARGS} prints on standard output, run as its own process on this test's
     * class path and JVM flags, so that the command's lines and fit's progress bar (written to
     * {@code System.out}) come in the order a terminal shows them.
     */
    private static List<String> printed(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-modules") || a.startsWith("--enable-native-access")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "nabla " + String.join(" ", args) + " did not finish");
        assertEquals(0, process.exitValue(), "nabla " + String.join(" ", args) + " failed, printing:\n" + out);
        return out.lines().toList();
    }

    private static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    /** Each documented line in order, {@code ...} skipping printed lines up to the next match. */
    static void assertMatches(List<String> documented, List<String> printed, boolean labelsOnly) {
        int next = 0;
        boolean skipping = false;
        for (String expected : documented) {
            if (expected.strip().equals(ANY_LINES)) {
                skipping = true;
                continue;
            }
            int found = -1;
            for (int i = next; i < printed.size() && (found < 0); i++) {
                if (lineMatches(expected, printed.get(i), labelsOnly)) {
                    found = i;
                } else if (!skipping) {
                    break;
                }
            }
            if (found < 0) {
                fail("documented line\n  " + expected + "\nis not printed" + (skipping ? " after" : " at")
                        + " line " + (next + 1) + "; the command printed:\n" + String.join("\n", printed));
            }
            next = found + 1;
            skipping = false;
        }
        assertTrue(skipping || next == printed.size(), "the command printed more than is documented, from line "
                + (next + 1) + ":\n" + String.join("\n", printed.subList(Math.min(next, printed.size()), printed.size())));
    }

    static boolean lineMatches(String expected, String actual, boolean labelsOnly) {
        if (labelsOnly) {
            return firstWord(expected).equals(firstWord(actual));
        }
        Matcher e = TOKEN.matcher(expected);
        Matcher a = TOKEN.matcher(actual);
        int ePosition = 0;
        int aPosition = 0;
        while (true) {
            boolean eFound = e.find();
            boolean aFound = a.find();
            String eText = expected.substring(ePosition, eFound ? e.start() : expected.length());
            String aText = actual.substring(aPosition, aFound ? a.start() : actual.length());
            if (!eText.equals(aText) || eFound != aFound) {
                return false;
            }
            if (!eFound) {
                return true;
            }
            if ((e.group("duration") != null) != (a.group("duration") != null)) {
                return false;
            }
            if (e.group("number") != null && !numbersMatch(e.group("number"), a.group("number"))) {
                return false;
            }
            ePosition = e.end();
            aPosition = a.end();
        }
    }

    private static boolean numbersMatch(String expected, String actual) {
        if (!expected.contains(".") || !actual.contains(".")) {
            return expected.equals(actual);
        }
        double x = Double.parseDouble(expected.replace(",", ""));
        double y = Double.parseDouble(actual.replace(",", ""));
        return Math.abs(x - y) <= Math.max(0.005, 0.05 * Math.abs(x));
    }

    private static String firstWord(String line) {
        String stripped = line.strip();
        int space = stripped.indexOf(' ');
        return space < 0 ? stripped : stripped.substring(0, space);
    }

    @Test
    void theComparisonSkipsDurationsAndAllowsRoundingButNotOtherText() {
        assertTrue(lineMatches("41/41 ━━ 0s 248us/step - loss: 0.0639", "41/41 ━━ 2s 59ms/step - loss: 0.0650", false));
        assertFalse(lineMatches("41/41 ━━ 0s 248us/step - loss: 0.0639", "41/41 ━━ 0s 248us/step - loss: 0.0900",
                false));
        assertFalse(lineMatches(" Total params: 4,810 (18.79 KB)", " Total params: 4,811 (18.79 KB)", false));
        assertFalse(lineMatches("step 0 loss 7.1700", "step 0 cost 7.1700", false));
        assertTrue(lineMatches("Java        25.0.3, OpenJDK", "Java        26.0.1, other", true));
        assertMatches(List.of("a 1", "...", "z 2"), List.of("a 1", "b", "c", "z 2"), false);
    }
}
