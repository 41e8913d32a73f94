package dev.nabla.cli.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;

/** Turns a YAML node into the plain Java values SnakeYAML's safe loader gives (no classes from the file). */
final class PlainValues extends SafeConstructor {

    PlainValues() {
        super(strict());
    }

    private static LoaderOptions strict() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return options;
    }

    Object of(Node node) {
        return constructObject(node);
    }
}
