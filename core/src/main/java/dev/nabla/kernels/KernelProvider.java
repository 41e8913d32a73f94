package dev.nabla.kernels;

import java.util.logging.Logger;

/**
 * Chooses the kernels once per JVM: {@link VectorKernels} when the incubating Vector API
 * ({@code jdk.incubator.vector}) is present and usable, otherwise {@link ScalarKernels},
 * with one log line that says why and which flag enables the fast path.
 */
public final class KernelProvider {

    private static final Logger LOG = Logger.getLogger(KernelProvider.class.getName());
    private static final String FLAG = "--add-modules jdk.incubator.vector";

    private static volatile Kernels kernels;
    private static volatile String reason = "";

    private KernelProvider() {
    }

    /** The kernels in use. */
    public static Kernels get() {
        Kernels k = kernels;
        if (k == null) {
            synchronized (KernelProvider.class) {
                k = kernels;
                if (k == null) {
                    k = choose();
                    kernels = k;
                }
            }
        }
        return k;
    }

    /** One line for people: which kernels, their width, and why scalar if scalar. */
    public static String description() {
        Kernels k = get();
        if (k.vectorBitSize() > 0) {
            return k.name() + " (" + k.vectorBitSize() + "-bit, jdk.incubator.vector)";
        }
        return k.name() + " (" + reason + ")";
    }

    private static Kernels choose() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            reason = "the Vector API module is not loaded; run java with " + FLAG;
            LOG.info("Nabla uses scalar kernels: " + reason);
            return new ScalarKernels();
        }
        try {
            Kernels vector = VectorSupport.create();
            if (vector.vectorBitSize() < 128) {
                reason = "this CPU offers only " + vector.vectorBitSize() + "-bit vectors";
                LOG.info("Nabla uses scalar kernels: " + reason);
                return new ScalarKernels();
            }
            return vector;
        } catch (LinkageError | RuntimeException e) {
            reason = "the Vector API failed to start (" + e + ")";
            LOG.warning("Nabla uses scalar kernels: " + reason);
            return new ScalarKernels();
        }
    }

    /** Isolates the one reference to VectorKernels so this class loads without the module. */
    private static final class VectorSupport {
        static Kernels create() {
            return new VectorKernels();
        }
    }
}
