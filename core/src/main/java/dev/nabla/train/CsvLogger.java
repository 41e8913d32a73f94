package dev.nabla.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes one CSV row per epoch, {@code epoch,loss,...} (Keras's {@code CSVLogger}); flushed each epoch. */
public final class CsvLogger implements Callback {

    private final Path file;
    private BufferedWriter writer;
    private List<String> columns;

    /** Logs to {@code file}, replacing it. */
    public CsvLogger(Path file) {
        this.file = file;
    }

    @Override
    public void onTrainBegin(Model model) {
        try {
            writer = Files.newBufferedWriter(file);
        } catch (IOException e) {
            throw new UncheckedIOException("CsvLogger: cannot write " + file, e);
        }
        columns = null;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        try {
            if (columns == null) {
                columns = new ArrayList<>(logs.keySet());
                writer.write("epoch," + String.join(",", columns) + "\n");
            }
            StringBuilder row = new StringBuilder().append(epoch);
            for (String c : columns) {
                Double v = logs.get(c);
                row.append(',').append(v == null ? "" : String.format(Locale.ROOT, "%.8g", v));
            }
            writer.write(row.append('\n').toString());
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("CsvLogger: cannot write " + file, e);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("CsvLogger: cannot close " + file, e);
        }
    }
}
