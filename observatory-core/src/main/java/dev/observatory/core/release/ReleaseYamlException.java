package dev.observatory.core.release;

/**
 * A release config file that is not valid YAML or does not follow the release config schema. The message names the
 * file, the line and (for schema errors) the path of the offending value, e.g.
 * {@code machines/a.yaml line 7, deployments[0].gpus: expected a list of GPU ids}.
 */
public final class ReleaseYamlException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String problem;

    public ReleaseYamlException(String file, int line, String path, String problem) {
        super(file + " line " + line + (path == null || path.isEmpty() ? "" : ", " + path) + ": " + problem);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    /** The file inside the release repository. */
    public String file() {
        return file;
    }

    /** 1-based line of the problem. */
    public int line() {
        return line;
    }

    /** What is wrong, without file and line. */
    public String problem() {
        return problem;
    }
}
