package dev.nabla.cli.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a YAML file into {@link ConfigNode}s with SnakeYAML's node API, so that every value
 * keeps its line. Syntax errors become {@link ConfigException}s at their line too.
 */
public final class YamlFile {

    private YamlFile() {
    }

    /** The file's one document; {@code file} as given names it in messages. */
    public static ConfigNode read(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    /** The one document of {@code text}; {@code source} names it in messages. */
    public static ConfigNode parse(String text, String source) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        try {
            Iterator<Node> documents = yaml.composeAll(new StringReader(text)).iterator();
            if (!documents.hasNext()) {
                throw new ConfigException(source, 1, "", "the file is empty");
            }
            Node document = documents.next();
            if (documents.hasNext()) {
                Node second = documents.next();
                throw new ConfigException(source, second.getStartMark().getLine() + 1, "",
                        "holds more than one YAML document (---); keep one");
            }
            return new ConfigNode(document, source, "", new PlainValues());
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new ConfigException(source, mark == null ? 1 : mark.getLine() + 1, "",
                    "not valid YAML: " + problem + context);
        } catch (YAMLException e) {
            throw new ConfigException(source, 1, "", "not valid YAML: " + e.getMessage());
        }
    }
}
