package dev.nabla.examples;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nabla.data.FashionMnist;
import java.io.FileNotFoundException;
import java.io.IOException;

/** Skips a test cleanly when Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist). */
final class FashionMnistData {

    private FashionMnistData() {
    }

    static void assumeInstalled() throws IOException {
        boolean installed;
        try {
            FashionMnist.load();
            installed = true;
        } catch (FileNotFoundException absent) {
            installed = false;
        }
        assumeTrue(installed, "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist); skipping");
    }
}
