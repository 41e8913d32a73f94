package dev.nabla.spark;

import org.apache.spark.SparkConf;

/** The Spark configuration Nabla starts with when it creates the context itself (the command line, the tests). */
public final class SparkSessions {

    private SparkSessions() {
    }

    /**
     * A configuration for {@code master} ({@code local[2]}, {@code spark://host:7077}): the web UI off,
     * a driver on 127.0.0.1 for local masters, and a task retried up to 4 times (also locally, where
     * Spark would otherwise try once), so a replica that dies mid-round is run again.
     */
    public static SparkConf configuration(String master, String applicationName) {
        SparkConf configuration = new SparkConf().setMaster(master.startsWith("local") && !master.contains(",")
                        ? localWithRetries(master) : master)
                .setAppName(applicationName)
                .set("spark.ui.enabled", "false")
                .set("spark.task.maxFailures", "4")
                .set("spark.rpc.message.maxSize", "512");
        if (master.startsWith("local") || master.contains("127.0.0.1") || master.contains("localhost")) {
            configuration.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        return configuration;
    }

    /** {@code local[N]} as {@code local[N,4]}: N threads, a failed task tried up to 4 times. */
    private static String localWithRetries(String master) {
        return master.endsWith("]") ? master.substring(0, master.length() - 1) + ",4]" : master;
    }
}
