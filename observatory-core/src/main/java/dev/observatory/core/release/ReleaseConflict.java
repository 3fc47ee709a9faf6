package dev.observatory.core.release;

/**
 * A problem in the production topology that a proposal must not introduce.
 *
 * @param kind
 *            one of {@link #GPU_DOUBLE_ASSIGNED}, {@link #GPU_OUT_OF_RANGE}, {@link #PORT_CLASH},
 *            {@link #UNKNOWN_MODEL_VERSION}, {@link #UNKNOWN_TEMPLATE}, {@link #DUPLICATE_MACHINE},
 *            {@link #DUPLICATE_DEPLOYMENT}, {@link #INVALID_FILE}
 * @param machine
 *            the machine, null for a file that could not be read
 * @param line
 *            1-based line in the file, 0 when unknown
 */
public record ReleaseConflict(String kind, String machine, String file, int line, String message) {
    /** One GPU id given to two deployments (or twice to one). */
    public static final String GPU_DOUBLE_ASSIGNED = "gpu_double_assigned";
    /** A GPU id the machine does not have (over-allocation). */
    public static final String GPU_OUT_OF_RANGE = "gpu_out_of_range";
    /** One port used twice on a machine. */
    public static final String PORT_CLASH = "port_clash";
    /** A model version (number or alias) that the registry does not know. */
    public static final String UNKNOWN_MODEL_VERSION = "unknown_model_version";
    /** A template that is neither built in nor in the repository's templates/. */
    public static final String UNKNOWN_TEMPLATE = "unknown_template";
    /** Two files describing the same machine. */
    public static final String DUPLICATE_MACHINE = "duplicate_machine";
    /** Two deployments of one machine with the same name. */
    public static final String DUPLICATE_DEPLOYMENT = "duplicate_deployment";
    /** A file with a YAML syntax or schema error. */
    public static final String INVALID_FILE = "invalid_file";

    @Override
    public String toString() {
        return kind + " " + (file == null ? "" : file + (line > 0 ? " line " + line : "") + ": ") + message;
    }
}
