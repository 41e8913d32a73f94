package dev.nabla.spark;

import dev.nabla.cli.Main;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The main class of the shaded jar for {@code spark-submit}: Nabla's command line, with
 * {@code train}'s and {@code tune}'s {@code --spark} taken from the master spark-submit was given when the
 * arguments do not name one.
 *
 * <pre>
 * spark-submit --master spark://host:7077 spark/target/nabla-spark.jar train experiment.yaml
 * </pre>
 */
public final class SparkSubmitMain {

    private SparkSubmitMain() {
    }

    public static void main(String[] args) {
        List<String> arguments = new ArrayList<>(Arrays.asList(args));
        String master = System.getProperty("spark.master");
        if (!arguments.isEmpty() && List.of("train", "tune").contains(arguments.getFirst()) && master != null
                && !arguments.contains("--spark")) {
            arguments.addAll(List.of("--spark", master));
        }
        System.exit(Main.commandLine().execute(arguments.toArray(String[]::new)));
    }
}
