package dev.nabla.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/** One {@code local[2]} Spark session for all the tests of a JVM (starting one takes seconds), bound to 127.0.0.1. */
final class LocalSpark {

    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().config(SparkSessions.configuration("local[2]", "nabla-spark-tests"))
                    .getOrCreate();
        }
        return session;
    }

    /** Stops the session (a test that needs a context of its own, on a cluster); the next use starts a new one. */
    static synchronized void stop() {
        if (session != null) {
            session.stop();
            session = null;
        }
    }

    static JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(session().sparkContext());
    }
}
