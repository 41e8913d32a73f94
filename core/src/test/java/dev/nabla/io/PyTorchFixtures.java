package dev.nabla.io;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The safetensors files written by {@code fixtures/generate_safetensors.py} with PyTorch. */
final class PyTorchFixtures {

    private PyTorchFixtures() {
    }

    /** The path of {@code fixtures/safetensors/NAME.safetensors} on the test class path. */
    static Path path(String name) {
        String resource = "/fixtures/safetensors/" + name + ".safetensors";
        URL url = PyTorchFixtures.class.getResource(resource);
        assertNotNull(url, "missing fixture " + resource + "; run generate_safetensors.py");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
