package dev.nabla.kernels;

/**
 * Prints which kernels this JVM chose: the description on the first line, the short
 * description on the second, the class on the third. {@link KernelProviderTest} runs it in
 * a child JVM without the Vector API module.
 */
public final class PrintKernels {

    private PrintKernels() {
    }

    public static void main(String[] args) {
        System.out.println(KernelProvider.description());
        System.out.println(KernelProvider.shortDescription());
        System.out.println(KernelProvider.get().getClass().getName());
    }
}
