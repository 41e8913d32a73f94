package dev.nabla.cli.tune;

import dev.nabla.tune.Search;
import dev.nabla.tune.StudyFile;
import dev.nabla.tune.Trial;
import dev.nabla.tune.TrialRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The loop of {@code nabla tune}: starts trials while workers are free and the search has one
 * to give, records each as it finishes, and saves {@code study.json} whenever a trial starts
 * or ends. A resumed study keeps its finished trials and runs its interrupted ones again
 * (same number, same values) before asking the search for more.
 */
final class StudyRunner {

    private final Search search;
    private final TuneSpec spec;
    private final TrialRunner runner;
    private final Path studyFile;
    private final List<Trial> trials = new ArrayList<>();

    StudyRunner(Search search, TuneSpec spec, TrialRunner runner, Path studyFile, List<Trial> saved) {
        this.search = search;
        this.spec = spec;
        this.runner = runner;
        this.studyFile = studyFile;
        this.trials.addAll(saved);
    }

    /** Runs the study to its end; returns every trial. */
    List<Trial> run(PrintWriter out) throws IOException {
        Thread hook = new Thread(runner::destroyChildren);
        Runtime.getRuntime().addShutdownHook(hook);
        ExecutorService pool = Executors.newFixedThreadPool(spec.workers());
        CompletionService<Trial> done = new ExecutorCompletionService<>(pool);
        int running = 0;
        try {
            for (Trial interrupted : List.copyOf(trials)) {
                if (!interrupted.finished()) {
                    submit(done, interrupted.number(), request(interrupted));
                    running++;
                }
            }
            while (true) {
                TrialRequest request;
                while (running < spec.workers() && (request = search.next(trials)) != null) {
                    int number = trials.size();
                    trials.add(request.started(number));
                    save();
                    submit(done, number, request);
                    running++;
                }
                if (running == 0) {
                    break;
                }
                Trial finished = done.take().get();
                running--;
                trials.set(finished.number(), finished);
                save();
                out.println(line(finished));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a trial's runner failed", e.getCause());
        } finally {
            pool.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: nothing to remove
            }
        }
        return List.copyOf(trials);
    }

    private void submit(CompletionService<Trial> done, int number, TrialRequest request) {
        List<List<Double>> others = trials.stream().filter(t -> t.finished() && t.rung() == request.rung())
                .map(Trial::curve).filter(c -> !c.isEmpty()).toList();
        Future<Trial> ignored = done.submit(() -> runner.run(number, request, others));
    }

    private static TrialRequest request(Trial trial) {
        return new TrialRequest(trial.config(), trial.bracket(), trial.rung(), trial.epochs(), trial.parameters());
    }

    private void save() throws IOException {
        Files.createDirectories(studyFile.getParent());
        StudyFile.write(studyFile, spec.settings(), trials);
    }

    /** {@code trial 3 (config 3, 9 epochs): val_accuracy 0.8512, 12.3 s} or its failure. */
    static String line(Trial trial) {
        String budget = trial.epochs() > 0 ? ", " + trial.epochs() + " epochs" : "";
        String result = trial.status() == Trial.Status.FAILED ? "FAILED: " + trial.message()
                : String.format(Locale.ROOT, "%.6g%s", trial.objective(),
                trial.status() == Trial.Status.STOPPED ? " (stopped early)" : "");
        return String.format(Locale.ROOT, "trial %d (config %d%s): %s, %.1f s %s", trial.number(), trial.config(),
                budget, result, trial.seconds(), trial.parameters());
    }
}
