package dev.nabla.cli.tune;

import dev.nabla.cli.experiment.Experiment;
import dev.nabla.cli.experiment.ExperimentRun;
import dev.nabla.tune.Direction;
import dev.nabla.tune.Trial;
import dev.nabla.tune.TrialRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs one trial of {@code nabla tune}: writes the experiment with the trial's values into
 * the trial's directory ({@code trials/trial-0007/experiment.yaml}, its output the directory
 * itself, so the run's usual files land beside it), trains it in this process or in a child
 * process, and reads the objective from the run's {@code history.csv} or {@code metrics.json}.
 */
public final class TrialRunner {

    private final Map<String, Object> document;
    private final Path base;
    private final Path studyDirectory;
    private final TuneSpec spec;
    private final boolean childProcesses;
    private final Integer limit;
    private final List<Process> children = new ArrayList<>();
    private TrialExecution execution;

    /**
     * @param document       the experiment file as plain values, without its tune section
     * @param base           the directory the experiment's relative paths start from
     * @param childProcesses whether each trial runs in a JVM of its own
     * @param limit          the most training and test examples a trial uses, or null for all
     */
    TrialRunner(Map<String, Object> document, Path base, Path studyDirectory, TuneSpec spec, boolean childProcesses,
                Integer limit) {
        this.limit = limit;
        this.document = document;
        this.base = base.toAbsolutePath();
        this.studyDirectory = studyDirectory.toAbsolutePath();
        this.spec = spec;
        this.childProcesses = childProcesses;
    }

    /** This runner training its trials through {@code execution} (a cluster), or as before when it is null. */
    TrialRunner executedBy(TrialExecution execution) {
        this.execution = execution;
        return this;
    }

    /** The directory of trial {@code number}. */
    Path directory(int number) {
        return studyDirectory.resolve("trials").resolve(String.format(Locale.ROOT, "trial-%04d", number));
    }

    /** The experiment with a configuration's values set, as plain values. */
    Map<String, Object> experiment(Map<String, Object> parameters, int epochs, Path output) {
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) KeyPaths.deepCopy(document);
        parameters.forEach((path, value) -> KeyPaths.set(copy, path, value));
        if (epochs > 0) {
            KeyPaths.set(copy, "training.epochs", epochs);
        }
        copy.put("output", output.toString());
        return copy;
    }

    /** Runs the trial and returns it finished; {@code others} are the curves the stopping rule compares with. */
    Trial run(int number, TrialRequest request, List<List<Double>> others) {
        long start = System.nanoTime();
        Path directory = directory(number);
        String failure = null;
        try {
            deleteRecursively(directory);
            Files.createDirectories(directory);
            Map<String, Object> trial = experiment(request.parameters(), request.epochs(), directory);
            if (spec.stopping() != null) {
                Path curves = directory.resolve("others.csv");
                Files.writeString(curves, others.stream().map(c -> c.stream().map(String::valueOf)
                        .collect(Collectors.joining(","))).collect(Collectors.joining("\n", "", "\n")));
                addStoppingCallback(trial, curves);
            }
            Path file = directory.resolve("experiment.yaml");
            Files.writeString(file, yaml(trial));
            failure = execution != null ? execution.train(number, file, base, limit, directory.resolve("trial.log"))
                    : childProcesses ? runChild(file, directory) : runHere(file, directory);
        } catch (IOException | RuntimeException e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Double> curve = List.of();
        double objective = Double.NaN;
        if (failure == null) {
            try {
                curve = ObjectiveReader.curve(directory, spec.metric());
                objective = ObjectiveReader.objective(directory, spec.metric(), spec.direction(), curve);
                if (Double.isNaN(objective)) {
                    failure = "the objective " + spec.metric() + " is NaN";
                }
            } catch (IOException | RuntimeException e) {
                failure = e.getMessage();
            }
        }
        int epochs = request.epochs() > 0 ? request.epochs() : spec.maxEpochs();
        Trial.Status status = failure != null ? Trial.Status.FAILED
                : spec.stopping() != null && curve.size() < epochs && spec.stopping().shouldStop(curve, others)
                ? Trial.Status.STOPPED : Trial.Status.COMPLETE;
        String message = failure != null ? failure.replace('\n', ' ')
                : status == Trial.Status.STOPPED ? "stopped by the median rule" : "";
        return new Trial(number, request.config(), request.bracket(), request.rung(), request.epochs(),
                request.parameters(), status, objective, curve, seconds, message);
    }

    @SuppressWarnings("unchecked")
    private void addStoppingCallback(Map<String, Object> trial, Path curves) {
        Map<String, Object> training = (Map<String, Object>) trial.get("training");
        Object existing = training.get("callbacks");
        List<Object> callbacks = existing instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>();
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("type", "median_stopping");
        rule.put("monitor", spec.metric());
        rule.put("mode", spec.direction() == Direction.MINIMIZE ? "min" : "max");
        rule.put("grace_epochs", spec.stopping().graceEpochs());
        rule.put("minimum_trials", spec.stopping().minimumTrials());
        rule.put("curves", curves.toString());
        callbacks.add(rule);
        training.put("callbacks", callbacks);
    }

    /** Trains the trial's experiment in this process; null, or why it failed. */
    private String runHere(Path file, Path directory) throws IOException {
        try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(directory.resolve("trial.log")))) {
            runTrial(file, base, limit, log);
            return null;
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** What {@code nabla tune-trial} does: trains an experiment file whose relative paths start from {@code base}. */
    public static void runTrial(Path file, Path base, Integer limit, PrintWriter out) throws IOException {
        ExperimentRun.run(Experiment.read(file, base, new Experiment.Overrides(null, null, limit)), out);
    }

    /** Trains the trial's experiment in a new JVM with this one's flags and class path; null, or why it failed. */
    private String runChild(Path file, Path directory) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib:jdwp")).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.nabla.cli.Main", "tune-trial",
                "--base", base.toString(), file.toString()));
        if (limit != null) {
            command.addAll(List.of("--limit", limit.toString()));
        }
        Path log = directory.resolve("trial.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        synchronized (children) {
            children.add(process);
        }
        try {
            int code = process.waitFor();
            if (code == 0) {
                return null;
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "exit code " + code + ": " + String.join(" ", lines.subList(Math.max(0, lines.size() - 3),
                    lines.size()));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            synchronized (children) {
                children.remove(process);
            }
        }
    }

    /** Ends the trials running in child processes (on Ctrl-C, so none outlives the study). */
    void destroyChildren() {
        synchronized (children) {
            children.forEach(Process::destroyForcibly);
        }
    }

    static String yaml(Map<String, Object> document) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.AUTO);
        options.setIndent(2);
        options.setWidth(120);
        return new Yaml(options).dump(document);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
