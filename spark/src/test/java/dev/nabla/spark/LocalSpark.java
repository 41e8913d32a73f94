package dev.nabla.spark;

import org.apache.spark.api.java.JavaSparkContext;

/** One {@code local[2]} Spark context for all the tests of a JVM (starting one takes seconds), bound to 127.0.0.1. */
final class LocalSpark {

    private static JavaSparkContext context;

    private LocalSpark() {
    }

    static synchronized JavaSparkContext context() {
        if (context == null) {
            context = new JavaSparkContext(SparkSessions.configuration("local[2]", "nabla-spark-tests"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> context.stop()));
        }
        return context;
    }
}
