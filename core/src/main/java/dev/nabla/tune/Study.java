package dev.nabla.tune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A hyperparameter study run in this process, one trial after another: asks the
 * {@link Search} for a trial, evaluates the {@link Objective}, records the outcome and asks
 * again until the search is done. A failed trial (an exception, NaN) is recorded and the
 * study goes on. With {@link #saveTo} the study is written after every trial and, if the
 * file exists, resumed from it: finished trials are kept, an interrupted one runs again.
 *
 * <pre>{@code
 * Study study = new Study(Search.sampled(space, new BayesianSampler(5), 30, 0, Direction.MINIMIZE, 1));
 * study.optimize((parameters, epochs, progress) -> loss(parameters));
 * Trial best = study.best().orElseThrow();
 * }</pre>
 */
public final class Study {

    private final Search search;
    private final Direction direction;
    private final List<Trial> trials = new ArrayList<>();
    private MedianStoppingRule stopping;
    private Path file;
    private Map<String, Object> settings = Map.of();

    /** A study of {@code search}; the direction is the search's. */
    public Study(Search search, Direction direction) {
        this.search = search;
        this.direction = direction;
    }

    /** A study of a sampled search, in its direction. */
    public Study(Search.SampledSearch search) {
        this(search, search.direction());
    }

    /** Ends poor trials early by the rule (trials report through their {@link TrialProgress}). */
    public Study stopping(MedianStoppingRule rule) {
        this.stopping = rule;
        return this;
    }

    /**
     * Saves the study to {@code studyFile} after every trial, and resumes from it if it exists.
     *
     * @param studySettings written into the file and compared with the saved ones on resuming
     * @throws IOException if the file cannot be read, or was saved with other settings
     */
    public Study saveTo(Path studyFile, Map<String, Object> studySettings) throws IOException {
        this.file = studyFile;
        this.settings = new LinkedHashMap<>(studySettings);
        if (Files.exists(studyFile)) {
            StudyFile.Contents saved = StudyFile.read(studyFile);
            if (!saved.settings().equals(StudyFile.normalized(settings))) {
                throw new IOException(studyFile + " was saved by a study with other settings " + saved.settings()
                        + "; this one has " + settings + "; start it in another place");
            }
            trials.clear();
            saved.trials().stream().filter(Trial::finished).forEach(trials::add);
        }
        return this;
    }

    /** Runs trials until the search is done; returns all trials. */
    public List<Trial> optimize(Objective objective) throws IOException {
        TrialRequest request;
        while ((request = search.next(trials)) != null) {
            trials.add(run(objective, request, trials.size()));
            if (file != null) {
                StudyFile.write(file, settings, trials);
            }
        }
        return trials();
    }

    private Trial run(Objective objective, TrialRequest request, int number) {
        List<List<Double>> others = trials.stream().filter(t -> t.rung() == request.rung()).map(Trial::curve)
                .filter(c -> !c.isEmpty()).toList();
        TrialProgress progress = new TrialProgress(stopping, others);
        long start = System.nanoTime();
        double value;
        String message = "";
        try {
            value = objective.evaluate(request.parameters(), request.epochs(), progress);
            if (Double.isNaN(value)) {
                message = "the objective is NaN";
            }
        } catch (Exception e) {
            value = Double.NaN;
            message = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Trial.Status status = !message.isEmpty() ? Trial.Status.FAILED
                : progress.stopped() ? Trial.Status.STOPPED : Trial.Status.COMPLETE;
        return new Trial(number, request.config(), request.bracket(), request.rung(), request.epochs(),
                request.parameters(), status, value, progress.curve(), seconds,
                status == Trial.Status.STOPPED ? "stopped by the median rule" : message);
    }

    /** The trials so far. */
    public List<Trial> trials() {
        return List.copyOf(trials);
    }

    /** The best scored trial (on the highest rung reached, for budget searches, since budgets differ). */
    public Optional<Trial> best() {
        return best(trials, direction);
    }

    /** The best scored trial among {@code trials}: of those given the largest budget, the best objective. */
    public static Optional<Trial> best(List<Trial> trials, Direction direction) {
        int top = trials.stream().filter(Trial::scored).mapToInt(Trial::epochs).max().orElse(-1);
        return trials.stream().filter(Trial::scored).filter(t -> t.epochs() == top).min(Search.bestFirst(direction));
    }
}
