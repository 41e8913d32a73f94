package dev.nabla.kernels;

import java.io.PrintStream;

/**
 * Chooses the kernels once per JVM, on first use: {@link VectorKernels} when the incubating
 * Vector API ({@code jdk.incubator.vector}) is present and usable, otherwise
 * {@link ScalarKernels}, about ten times slower, with one {@code WARNING} line on stderr that
 * says why and how to get the fast path.
 *
 * <p>With the environment variable {@code NABLA_REQUIRE_VECTOR=1}, falling back is an
 * error instead: {@link #get()} throws a {@link VectorKernelsUnavailableException} with the
 * same fix, so a benchmark or a production job never runs slow by accident.
 */
public final class KernelProvider {

    /** The JVM option that loads the Vector API module. */
    public static final String FLAG = "--add-modules jdk.incubator.vector";
    /** The environment variable that turns the scalar fallback into an error when set to 1 (or true). */
    public static final String REQUIRE_VECTOR = "NABLA_REQUIRE_VECTOR";
    static final String FIX = "add " + FLAG + " to the java command (to MAVEN_OPTS for mvn exec,"
            + " to Surefire's argLine for tests), or run through ./nabla";

    private static volatile Kernels kernels;
    private static volatile String reason = "";

    private KernelProvider() {
    }

    /**
     * The kernels in use.
     *
     * @throws VectorKernelsUnavailableException when only the scalar kernels can run and
     *                                           {@code NABLA_REQUIRE_VECTOR=1} asks for the vector ones
     */
    public static Kernels get() {
        Kernels k = kernels;
        if (k == null) {
            synchronized (KernelProvider.class) {
                k = kernels;
                if (k == null) {
                    k = choose(isRequired(System.getenv(REQUIRE_VECTOR)), System.err);
                    kernels = k;
                }
            }
        }
        return k;
    }

    /**
     * One line for {@code nabla info}: which kernels, their width, and for the scalar ones
     * why and the fix, e.g. {@code vector (512-bit, jdk.incubator.vector)}.
     */
    public static String description() {
        Kernels k = get();
        if (k.vectorBitSize() > 0) {
            return k.name() + " (" + k.vectorBitSize() + "-bit, jdk.incubator.vector)";
        }
        return k.name() + " (slow: " + reason + ")";
    }

    /**
     * A few words for the first line of a training run: {@code vector (512-bit)}, or
     * {@code scalar (slow: add --add-modules jdk.incubator.vector)}.
     */
    public static String shortDescription() {
        Kernels k = get();
        if (k.vectorBitSize() > 0) {
            return k.name() + " (" + k.vectorBitSize() + "-bit)";
        }
        return k.name() + (reason.contains(FLAG) ? " (slow: add " + FLAG + ")" : " (slow: " + reason + ")");
    }

    /** Whether the variable's value asks for the vector kernels: {@code 1} or {@code true}. */
    static boolean isRequired(String value) {
        return value != null && (value.trim().equals("1") || value.trim().equalsIgnoreCase("true"));
    }

    /** The kernels this JVM can run; a fallback is warned about on {@code err}, or refused when {@code required}. */
    static Kernels choose(boolean required, PrintStream err) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return fallBack("the Vector API module is not loaded; " + FIX, required, err);
        }
        try {
            Kernels vector = VectorSupport.create();
            if (vector.vectorBitSize() < 128) {
                return fallBack("this CPU offers only " + vector.vectorBitSize() + "-bit vectors", required, err);
            }
            return vector;
        } catch (LinkageError | RuntimeException e) {
            return fallBack("the Vector API failed to start (" + e + ")", required, err);
        }
    }

    private static Kernels fallBack(String why, boolean required, PrintStream err) {
        if (required) {
            throw new VectorKernelsUnavailableException("Nabla cannot use its vector kernels and " + REQUIRE_VECTOR
                    + " is set: " + why + " (or unset " + REQUIRE_VECTOR + " to accept the scalar kernels,"
                    + " about 10x slower)");
        }
        reason = why;
        err.println("WARNING: Nabla runs on its scalar kernels, about 10x slower: " + why);
        err.flush();
        return new ScalarKernels();
    }

    /** Isolates the one reference to VectorKernels so this class loads without the module. */
    private static final class VectorSupport {
        static Kernels create() {
            return new VectorKernels();
        }
    }
}
