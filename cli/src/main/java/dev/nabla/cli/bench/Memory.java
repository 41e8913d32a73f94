package dev.nabla.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What the benchmarks report about memory: bytes allocated on the heap by every thread of
 * the JVM (the caller, the kernel pool, a data loader's thread) between two points, through
 * {@code com.sun.management.ThreadMXBean}; and the process's peak resident set size, from
 * {@code VmHWM} in {@code /proc/self/status} (Linux).
 */
public final class Memory {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Memory() {
    }

    /** Bytes allocated so far by each live thread, by thread id. */
    public static Map<Long, Long> allocatedByThread() {
        if (!THREADS.isThreadAllocatedMemorySupported()) {
            return Map.of();
        }
        if (!THREADS.isThreadAllocatedMemoryEnabled()) {
            THREADS.setThreadAllocatedMemoryEnabled(true);
        }
        long[] ids = THREADS.getAllThreadIds();
        long[] bytes = THREADS.getThreadAllocatedBytes(ids);
        Map<Long, Long> byThread = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) { // -1: the thread ended between the two calls
                byThread.put(ids[i], bytes[i]);
            }
        }
        return byThread;
    }

    /**
     * Bytes allocated by all live threads since {@code before} (from {@link #allocatedByThread()});
     * threads started since count from zero. A thread that ended in between is not counted.
     */
    public static long allocatedSince(Map<Long, Long> before) {
        long total = 0;
        for (Map.Entry<Long, Long> now : allocatedByThread().entrySet()) {
            total += now.getValue() - before.getOrDefault(now.getKey(), 0L);
        }
        return total;
    }

    /** The peak resident set size of this process in bytes (VmHWM), or empty where /proc is absent. */
    public static OptionalLong peakResidentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String kilobytes = line.substring("VmHWM:".length()).replace("kB", "").trim();
                    return OptionalLong.of(Long.parseLong(kilobytes) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
