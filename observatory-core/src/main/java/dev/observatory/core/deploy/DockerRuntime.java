package dev.observatory.core.deploy;

import dev.observatory.store.ConflictException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The docker runtime: first asks the Docker Engine API ({@link DockerEngine}: DOCKER_HOST or the default unix socket)
 * whether an engine answers, then needs a docker CLI on PATH that reaches it ({@code docker version}); never pretends.
 * When both exist the deployment runs {@code docker run --rm} in the foreground through the process executor (so stop,
 * logs and re-attachment work as for a process); environment values reach the container by name ({@code -e NAME}),
 * never on the command line.
 */
final class DockerRuntime {
    private DockerRuntime() {
    }

    /** The docker CLI, or ConflictException saying why docker is not available on this host. */
    static Path requireAvailable() {
        String engineProblem;
        try (DockerEngine engine = DockerEngine.at(DockerEngine.configuredHost())) {
            engineProblem = engine.unavailableReason();
        } catch (RuntimeException e) {
            engineProblem = "the Docker client could not be set up for " + DockerEngine.configuredHost() + ": "
                    + e.getMessage();
        }
        if (engineProblem != null) {
            throw new ConflictException(
                    "docker is not available on this host: " + engineProblem + "; use" + " runtime=process");
        }
        Path cli = findCli();
        if (cli == null) {
            throw new ConflictException(
                    "docker is not available on this host: no docker CLI on PATH; use" + " runtime=process");
        }
        String why = daemonProblem(cli);
        if (why != null) {
            throw new ConflictException("docker is not available on this host: " + why + "; use runtime=process");
        }
        return cli;
    }

    static Path findCli() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "docker");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Null when {@code docker version} reaches a daemon, else why not. */
    private static String daemonProblem(Path cli) {
        try {
            Process p = new ProcessBuilder(cli.toString(), "version", "--format", "{{.Server.Version}}")
                    .redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "the docker daemon did not answer within 10 s";
            }
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.exitValue() == 0 ? null
                    : "the docker CLI cannot reach a daemon (" + (out.length() > 200 ? out.substring(0, 200) : out)
                            + ")";
        } catch (IOException e) {
            return "the docker CLI cannot run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while checking the docker daemon";
        }
    }

    /** {@code docker run --rm --name observatory-<id> -p port:containerPort -e NAME... image command...}. */
    static List<String> command(Path cli, String id, String image, int port, int containerPort, Map<String, String> env,
            List<String> command) {
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("the docker runtime needs a template with an image");
        }
        List<String> argv = new ArrayList<>(List.of(cli.toString(), "run", "--rm", "--name", "observatory-" + id, "-p",
                "127.0.0.1:" + port + ":" + containerPort));
        env.keySet().forEach(k -> argv.addAll(List.of("-e", k)));
        argv.add(image);
        argv.addAll(command);
        return argv;
    }
}
