package dev.nabla.cli.config;

/**
 * A mistake in a configuration file, located: {@code examples/cnn.yaml:14:
 * model.sequential[3].type: unknown layer 'Conv3x'; known: ...}. The message is meant to be
 * printed as it is, without a stack trace.
 */
public final class ConfigException extends RuntimeException {

    private final String source;
    private final int line;
    private final String path;
    private final String problem;

    /**
     * A mistake at a place of a file.
     *
     * @param source  the file's name as the user gave it
     * @param line    the line, counted from 1
     * @param path    the key path, e.g. {@code training.optimizer.learning_rate} (empty for the whole file)
     * @param problem what is wrong and, when it can be said, what would be right
     */
    public ConfigException(String source, int line, String path, String problem) {
        super(source + ":" + line + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
        this.source = source;
        this.line = line;
        this.path = path;
        this.problem = problem;
    }

    /** The file's name as the user gave it. */
    public String source() {
        return source;
    }

    /** The line of the mistake, counted from 1. */
    public int line() {
        return line;
    }

    /** The key path of the mistake, e.g. {@code model.sequential[3].type}. */
    public String path() {
        return path;
    }

    /** What is wrong, without the place. */
    public String problem() {
        return problem;
    }
}
