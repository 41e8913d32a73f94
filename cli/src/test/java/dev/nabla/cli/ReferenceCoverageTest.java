package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.cli.experiment.Vocabulary;
import dev.nabla.loss.Loss;
import dev.nabla.metrics.Metric;
import dev.nabla.nn.Layer;
import dev.nabla.optim.LearningRateSchedule;
import dev.nabla.optim.Optimizer;
import dev.nabla.train.Callback;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every concrete public layer, loss, metric, optimizer, learning-rate schedule and callback
 * class of nabla-core is in the reference: an experiment file can name it, or the reference
 * says why it need not (the always-on callbacks). Found by scanning core's compiled classes.
 */
class ReferenceCoverageTest {

    /** The kinds of class the reference lists. */
    private static final List<Class<?>> KINDS = List.of(Layer.class, Loss.class, Metric.class, Optimizer.class,
            LearningRateSchedule.class, Callback.class);

    @Test
    void everyPublicLayerLossMetricOptimizerScheduleAndCallbackOfCoreIsListed() throws Exception {
        Set<Class<?>> listed = new HashSet<>(Vocabulary.unlistedCallbacks().keySet());
        Stream.of(Vocabulary.layers(), Vocabulary.losses(), Vocabulary.metrics(), Vocabulary.optimizers(),
                Vocabulary.callbacks(), Vocabulary.schedules()).flatMap(List::stream)
                .forEach(entry -> listed.add(entry.implementation()));
        List<Class<?>> concrete = concreteClassesOfCore();
        List<String> missing = concrete.stream().filter(c -> !listed.contains(c))
                .map(c -> c.getName() + " (a " + kindOf(c).getSimpleName() + ")").toList();

        // Listed classes of other modules (the tensorboard callback of nabla-monitoring) are not core's to scan.
        Set<Class<?>> listedOfCore = new HashSet<>(listed);
        listedOfCore.removeIf(c -> c.getProtectionDomain().getCodeSource() != Layer.class.getProtectionDomain().getCodeSource()
                && !c.getProtectionDomain().getCodeSource().getLocation().equals(
                        Layer.class.getProtectionDomain().getCodeSource().getLocation()));
        assertTrue(concrete.containsAll(listedOfCore), "the scan of " + coreLocation() + " missed listed classes");
        assertEquals(List.of(), missing, "public classes of core missing from docs/reference.md: register each in its"
                + " registry with an experiment-file name (LayerSpecs, Losses, Metrics, Optimizers, CallbackSpec,"
                + " ScheduleSpec), then run " + ReferenceMarkdown.COMMAND);
    }

    private static List<Class<?>> concreteClassesOfCore() throws IOException, URISyntaxException {
        Path location = coreLocation();
        if (Files.isDirectory(location)) {
            return concreteClasses(location);
        }
        try (FileSystem jar = FileSystems.newFileSystem(location)) {
            return concreteClasses(jar.getPath("/"));
        }
    }

    private static List<Class<?>> concreteClasses(Path root) throws IOException {
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("dev/nabla"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String path = root.relativize(file).toString().replace('\\', '/');
                Class<?> type = load(path.substring(0, path.length() - ".class".length()).replace('/', '.'));
                int modifiers = type.getModifiers();
                boolean concrete = Modifier.isPublic(modifiers) && !Modifier.isAbstract(modifiers)
                        && !type.isInterface() && !type.isAnonymousClass() && !type.isLocalClass();
                if (concrete && kindOf(type) != null) {
                    out.add(type);
                }
            }
        }
        return out;
    }

    private static Class<?> kindOf(Class<?> type) {
        return KINDS.stream().filter(kind -> kind.isAssignableFrom(type)).findFirst().orElse(null);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ReferenceCoverageTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("cannot load " + name, e);
        }
    }

    /** Core's compiled classes: its {@code target/classes} in a reactor build, else its jar. */
    private static Path coreLocation() throws URISyntaxException {
        return Path.of(Layer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
