package dev.nabla.spark;

import java.io.Closeable;
import java.io.IOException;
import org.apache.spark.TaskContext;

/**
 * Closes a task's connection when Spark kills the task (a partner of its barrier stage failed): a
 * thread blocked reading a socket does not notice an interrupt, so without this it would hold its
 * slot until the exchange times out, and the stage's retry could not start.
 */
final class KillWatch implements AutoCloseable {

    private final Thread watcher;

    KillWatch(TaskContext task, Closeable connection) {
        watcher = Thread.ofVirtual().name("nabla-kill-watch").start(() -> {
            try {
                while (!task.isInterrupted()) {
                    Thread.sleep(200);
                }
                connection.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();   // the task ended normally
            } catch (IOException e) {
                // already closed
            }
        });
    }

    @Override
    public void close() {
        watcher.interrupt();
    }
}
