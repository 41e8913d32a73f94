package dev.nabla.cli.tune;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.cli.config.YamlFile;
import dev.nabla.cli.experiment.Experiment;
import dev.nabla.tune.Search;
import dev.nabla.tune.StudyFile;
import dev.nabla.tune.Trial;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What {@code nabla tune} does: reads the file, checks it, runs or resumes the study, writes the results. */
public final class Tuning {

    private Tuning() {
    }

    /** Tunes {@code file}; returns every trial of the study. */
    public static List<Trial> run(Path file, TuneSpec.Overrides overrides, Path output, Integer limit, boolean resume,
                                  PrintWriter out) throws IOException {
        return run(file, overrides, output, limit, resume, out, null);
    }

    /**
     * Tunes {@code file}, training each trial through {@code execution} (a cluster), or when it is null here
     * (one worker) or in child processes (several); returns every trial of the study.
     */
    public static List<Trial> run(Path file, TuneSpec.Overrides overrides, Path output, Integer limit, boolean resume,
                                  PrintWriter out, TrialExecution execution) throws IOException {
        ConfigNode root = YamlFile.read(file);
        ConfigMap map = root.asMap();
        if (!map.has("tune")) {
            throw root.error("has no tune section to say what to search; see docs/tuning.md");
        }
        Experiment experiment = Experiment.read(file, new Experiment.Overrides(null, null, limit));
        TuneSpec spec = TuneSpec.parse(map.get("tune"), experiment.training().epochs(), overrides);
        @SuppressWarnings("unchecked")
        Map<String, Object> document = (Map<String, Object>) root.value();
        document.remove("tune");
        String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        Path directory = output != null ? output : Path.of("runs", name + "-tune");
        Path studyFile = directory.resolve("study.json");
        Path base = file.toAbsolutePath().getParent();
        TrialRunner runner = new TrialRunner(document, base, directory, spec, spec.workers() > 1, limit)
                .executedBy(execution);
        check(spec, runner, map.get("tune"), file.toString());
        List<Trial> saved = List.of();
        if (Files.exists(studyFile)) {
            if (!resume) {
                throw new IllegalArgumentException(studyFile + " holds a study already: pass --resume to continue it,"
                        + " or --output for a new one");
            }
            StudyFile.Contents contents = StudyFile.read(studyFile);
            Map<String, Object> expected = spec.settings();
            if (!contents.settings().equals(expected)) {
                throw new IllegalArgumentException(studyFile + " was started with " + contents.settings()
                        + ", not " + expected + "; resume it with the same settings, or use --output for a new study");
            }
            saved = contents.trials();
        }
        Search search = spec.search();
        out.printf("tuning %s: %s search, objective %s (%s), %d worker%s%s, study in %s%s%n", file, spec.algorithm(),
                spec.metric(), spec.direction().name().toLowerCase(java.util.Locale.ROOT), spec.workers(),
                spec.workers() == 1 ? "" : "s", execution == null ? "" : " (cluster tasks)", directory, saved.isEmpty() ? "" : " (resuming: "
                        + saved.stream().filter(Trial::finished).count() + " trials finished)");
        out.flush();
        List<Trial> trials = new StudyRunner(search, spec, runner, studyFile, saved).run(out);
        TuneResults.write(directory, spec, trials, runner, Path.of("runs", name + "-best").toString(), out);
        return trials;
    }

    /**
     * Reads {@code file} and checks its tune section without training: every key path can be set,
     * and the experiment with a sampled configuration reads as one.
     */
    public static TuneSpec check(Path file) throws IOException {
        ConfigNode root = YamlFile.read(file);
        if (!root.asMap().has("tune")) {
            throw root.error("has no tune section to say what to search; see docs/tuning.md");
        }
        Experiment experiment = Experiment.read(file, Experiment.Overrides.NONE);
        TuneSpec spec = TuneSpec.parse(root.asMap().get("tune"), experiment.training().epochs(),
                new TuneSpec.Overrides(null, null, null, null));
        @SuppressWarnings("unchecked")
        Map<String, Object> document = (Map<String, Object>) root.value();
        document.remove("tune");
        check(spec, new TrialRunner(document, file.toAbsolutePath().getParent(), Path.of("probe"), spec, false, null),
                root.asMap().get("tune"), file.toString());
        return spec;
    }

    /** Sets every key path with a sampled configuration and reads the result as an experiment. */
    private static void check(TuneSpec spec, TrialRunner runner, ConfigNode tune, String source) {
        for (Map<String, Object> parameters : List.of(spec.space().sample(Search.generator(spec.seed(), 0)))) {
            Map<String, Object> document;
            try {
                document = runner.experiment(parameters, spec.maxEpochs(), Path.of("probe"));
            } catch (IllegalArgumentException e) {
                throw tune.error(e.getMessage());
            }
            Experiment.parse(YamlFile.parse(TrialRunner.yaml(document), source + " (with " + parameters + ")"),
                    Path.of("probe"), Experiment.Overrides.NONE);
        }
    }
}
