package dev.observatory.model.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A build of a serving image or package: a command run in a context directory, its log, outcome and output size.
 *
 * @param name
 *            the image tag or package name being built
 * @param kind
 *            {@code package} (any command producing a file or directory) or {@code docker} (an image built by a docker
 *            engine)
 * @param context
 *            the directory the command runs in (the docker build context)
 * @param template
 *            the serving template the build is for, or null
 * @param argv
 *            the command as run
 * @param output
 *            the produced file or directory (package builds) or image tag (docker builds), or null
 * @param exitCode
 *            the command's exit code; null while running or when it never started
 * @param sizeBytes
 *            size of the output once built; null when unknown
 * @param finishedAt
 *            null while running
 */
public record Build(String id, String name, String kind, String context, String template, List<String> argv,
        String output, BuildStatus status, String statusMessage, Integer exitCode, String logPath, Long sizeBytes,
        String createdBy, Instant createdAt, Instant finishedAt) {

    public Build {
        argv = List.copyOf(argv);
    }

    /** Wall time from start to end (or to {@code now} while running). */
    public Duration duration(Instant now) {
        return Duration.between(createdAt, finishedAt != null ? finishedAt : now);
    }

    /** This build ended with the given status, exit code, message and output size. */
    public Build finished(BuildStatus newStatus, Integer code, String message, Long size, Instant at) {
        return new Build(id, name, kind, context, template, argv, output, newStatus, message, code, logPath, size,
                createdBy, createdAt, at);
    }
}
