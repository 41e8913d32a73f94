package dev.nabla.tensor;

/**
 * A mistake whose fix is said twice: in Java, for code ({@code write new Dense(10)}), and in
 * the terms of an experiment file, for the command line ({@code {type: dense, units: 10}}).
 * {@link #getMessage()} is the Java one, {@code "Dense: expected ...; write new Dense(10) ..."};
 * a reader of files names the subject its own way and adds {@link #fileMessage()}.
 */
public class AdvisedException extends IllegalArgumentException {

    private final String subject;
    private final String problem;
    private final String fileAdvice;

    /**
     * @param subject    who complains, in Java terms: a layer's path, a loss's class name
     * @param problem    what is wrong, in terms both audiences share (shapes, sizes)
     * @param javaAdvice the likely fix in Java, or empty
     * @param fileAdvice the likely fix in an experiment file, or empty
     */
    public AdvisedException(String subject, String problem, String javaAdvice, String fileAdvice) {
        super(subject + ": " + problem + (javaAdvice.isEmpty() ? "" : "; " + javaAdvice));
        this.subject = subject;
        this.problem = problem;
        this.fileAdvice = fileAdvice;
    }

    /** Who complains, in Java terms: {@code Sequential.2}, {@code MeanSquaredError}, {@code F1Score}. */
    public String subject() {
        return subject;
    }

    /** What is wrong and the fix in an experiment file, without the subject: {@code expected ...; give in_features: 64}. */
    public String fileMessage() {
        return problem + (fileAdvice.isEmpty() ? "" : "; " + fileAdvice);
    }
}
