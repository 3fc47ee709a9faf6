package dev.observatory.core.deploy;

import com.github.dockerjava.api.exception.DockerException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One-line explanations of what the Docker engine answered (or why it did not), for status messages and errors: the
 * engine's own {@code message} for an HTTP error, the root cause for a connection that failed. Never a stack trace.
 */
final class EngineErrors {
    private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final int MAX = 300;

    private EngineErrors() {
    }

    /** The HTTP status of an engine error, or 0 when the engine did not answer (connection refused, timeout). */
    static int status(Throwable e) {
        return e instanceof DockerException d ? d.getHttpStatus() : 0;
    }

    /** What went wrong, in one line: the engine's message, or the root cause of a failed connection. */
    static String reason(Throwable e) {
        if (e instanceof DockerException d) {
            String msg = d.getMessage() == null ? "" : d.getMessage();
            Matcher m = MESSAGE.matcher(msg);
            String text = m.find() ? m.group(1).replace("\\\"", "\"") : msg.replaceFirst("^Status \\d+: ", "").trim();
            return shorten("HTTP " + d.getHttpStatus() + ": " + text);
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return shorten("the engine did not answer (" + why + ")");
    }

    /** Why creating a deployment's container failed, with what to do about it. */
    static String createFailed(Throwable e, String image, String name, String host) {
        return switch (status(e)) {
            case 404 -> "the image " + image + " is not on the Docker engine at " + host + " (" + reason(e)
                    + "): build it with trigger_docker_build (kind docker) or pull it (docker pull " + image
                    + "), then start the deployment again";
            case 409 -> "a container named " + name + " already exists on the Docker engine at " + host + " ("
                    + reason(e) + "): remove it (docker rm -f " + name + ") and start the deployment again";
            case 0 -> "the Docker engine at " + host + " stopped answering: " + reason(e);
            default -> "the Docker engine at " + host + " refused the container: " + reason(e);
        };
    }

    private static String shorten(String s) {
        String one = s.replace('\n', ' ').replace('\r', ' ');
        return one.length() > MAX ? one.substring(0, MAX) + "..." : one;
    }
}
