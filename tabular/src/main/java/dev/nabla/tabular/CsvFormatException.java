package dev.nabla.tabular;

import java.io.IOException;

/**
 * A malformed CSV file, located: {@code patients.csv:7: column 3 'age': 'abc' is not a
 * number, ...}. The message is meant to be printed as it is.
 */
public final class CsvFormatException extends IOException {

    private final String file;
    private final long line;
    private final int column;

    /**
     * A mistake at a place of a file.
     *
     * @param file    the file's name as given
     * @param line    the line, counted from 1
     * @param column  the column, counted from 1, or 0 when the mistake is the whole line's
     * @param name    the column's name, or null
     * @param problem what is wrong and what would be right
     */
    public CsvFormatException(String file, long line, int column, String name, String problem) {
        super(file + ":" + line + ": " + (column == 0 ? "" : "column " + column + (name == null ? "" : " '" + name + "'")
                + ": ") + problem);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    /** The file's name as given. */
    public String file() {
        return file;
    }

    /** The line, counted from 1. */
    public long line() {
        return line;
    }

    /** The column, counted from 1; 0 when the whole line is wrong. */
    public int column() {
        return column;
    }
}
