package dev.nabla.spark;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Spark standalone cluster on 127.0.0.1 for a test: a master and workers started as processes
 * of the JDK running the tests, from the Spark jars on the test's class path (linked into a
 * SPARK_HOME of their own), each worker with one core. {@link #close} stops them all.
 */
final class StandaloneCluster implements AutoCloseable {

    /** The flags an executor's JVM needs: Spark's openings of JDK internals and Nabla's vector module. */
    static final String EXECUTOR_FLAGS = String.join(" ", SparkJvmFlags.FLAGS);
    private static final String HOST = "127.0.0.1";

    private final Path directory;
    private final List<Process> processes = new ArrayList<>();
    private final String masterUrl;
    private final String classPath;

    StandaloneCluster(Path directory, int workers) throws IOException, InterruptedException {
        this.directory = directory;
        classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path home = sparkHome();
        int port = freePort();
        masterUrl = "spark://" + HOST + ":" + port;
        start(home, "master", "org.apache.spark.deploy.master.Master", "--host", HOST, "--port",
                Integer.toString(port), "--webui-port", Integer.toString(freePort()));
        awaitPort(port);
        for (int w = 0; w < workers; w++) {
            Path work = Files.createDirectories(directory.resolve("work-" + w));
            start(home, "worker-" + w, "org.apache.spark.deploy.worker.Worker", masterUrl, "--host", HOST,
                    "--cores", "1", "--memory", "1g", "--webui-port", Integer.toString(freePort()),
                    "--work-dir", work.toString());
        }
    }

    /** The URL to give {@code setMaster}. */
    String masterUrl() {
        return masterUrl;
    }

    /** The class path executors need beyond Spark's jars: the test's own. */
    String classPath() {
        return classPath;
    }

    /** Kills one executor JVM (a worker's child process) at once, as a crashed machine would; returns its pid. */
    Optional<Long> killOneExecutor() {
        // The workers' children are their executors (the master, first, has none).
        return processes.stream().skip(1).flatMap(Process::children)
                .filter(ProcessHandle::isAlive)
                .findFirst()
                .map(p -> {
                    p.destroyForcibly();
                    return p.pid();
                });
    }

    private Path sparkHome() throws IOException {
        Path jars = Files.createDirectories(directory.resolve("spark-home/jars"));
        for (String entry : classPath.split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(jar)) {
                Path link = jars.resolve(jar.getFileName());
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, jar.toAbsolutePath());
                }
            }
        }
        return jars.getParent();
    }

    private void start(Path home, String name, String mainClass, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-cp", home.resolve("jars") + "/*",
                mainClass));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve(name + ".log").toFile());
        Map<String, String> environment = builder.environment();
        environment.put("SPARK_HOME", home.toString());
        environment.put("SPARK_SCALA_VERSION", "2.13");
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("SPARK_LOCAL_IP", HOST);
        environment.put("SPARK_NO_DAEMONIZE", "1");
        // Executors inherit it: without, Hadoop asks Subject.getSubject for the user, which JDK 25 refuses.
        environment.put("SPARK_USER", System.getProperty("user.name"));
        processes.add(builder.start());
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static void awaitPort(int port) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket(HOST, port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IOException("the Spark master did not open port " + port + " within 60 s");
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
