package dev.nabla.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Nabla's version, as Maven wrote it into {@code version.properties} at build time. */
final class NablaVersion {

    private NablaVersion() {
    }

    /** The version, e.g. {@code 0.1.0-SNAPSHOT}. */
    static String get() {
        try (InputStream in = NablaVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown (version.properties missing from the build)";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers {@code nabla --version}. */
    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Nabla " + get()};
        }
    }
}
