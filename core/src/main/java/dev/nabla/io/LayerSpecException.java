package dev.nabla.io;

/**
 * A layer spec that {@link LayerSpecs#create} cannot turn into a layer, saying where: the
 * {@link #key()} of the offending entry relative to the spec ({@code units},
 * {@code type}, {@code layers[3].type}, {@code nodes[2].inputs}; empty for the spec as a
 * whole), so a caller reading a configuration file can prefix its own path and line.
 */
public final class LayerSpecException extends IllegalArgumentException {

    private final String specPath;
    private final String entry;
    private final String detail;

    /** An error in the top-level spec's {@code entry} ("" for the whole spec). */
    LayerSpecException(String entry, String detail) {
        this("", entry, detail, null);
    }

    /** An error in the top-level spec's {@code entry}, caused by an exception of a layer's constructor. */
    LayerSpecException(String entry, String detail, Throwable cause) {
        this("", entry, detail, cause);
    }

    private LayerSpecException(String specPath, String entry, String detail, Throwable cause) {
        super(specPath.isEmpty() ? detail : join(specPath, entry) + ": " + detail, cause);
        this.specPath = specPath;
        this.entry = entry;
        this.detail = detail;
    }

    /** The same error seen from the container spec holding this one at {@code childKey} ({@code layers[3]}). */
    LayerSpecException within(String childKey) {
        LayerSpecException outer = new LayerSpecException(join(childKey, specPath), entry, detail, getCause());
        outer.setStackTrace(getStackTrace());
        return outer;
    }

    /** Where the error is, relative to the spec given to {@code create}: {@code layers[3].units}; "" for the whole spec. */
    public String key() {
        return join(specPath, entry);
    }

    /** What is wrong, without the location: {@code Dense: argument 'unitz' is not known; known: units, ...}. */
    public String detail() {
        return detail;
    }

    /** The message with the location written under {@code root}: {@code model.layers[3].type: unknown layer type ...}. */
    public String messageUnder(String root) {
        String location = join(root, key());
        return location.isEmpty() ? detail : location + ": " + detail;
    }

    private static String join(String outer, String inner) {
        return outer.isEmpty() ? inner : inner.isEmpty() ? outer : outer + "." + inner;
    }
}
