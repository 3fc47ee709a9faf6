package dev.observatory.core.deploy;

import dev.observatory.model.deploy.Deployment;
import dev.observatory.store.ConflictException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The docker runtime through the Docker Engine API ({@link DockerEngine}: DOCKER_HOST or the default unix socket; no
 * docker CLI): availability (never pretends), the recorded form of a container deployment and its start. A docker
 * deployment's argv is recorded in {@code docker run}'s argument order without the program:
 * {@code -p 127.0.0.1:<port>:<containerPort> [-v <path>:<path>:ro] [-e NAME]... <image> <command>...} (environment
 * values are never in it: they go in the create request's body), so a restart knows the image, ports and mounts.
 */
final class DockerRuntime {
    private DockerRuntime() {
    }

    /** ConflictException saying why docker is not available on this host, unless the engine answers. */
    static void requireAvailable(DockerEngine engine) {
        String why = unavailableReason(engine);
        if (why != null) {
            throw new ConflictException("docker is not available on this host: " + why + "; use runtime=process");
        }
    }

    /** Null when the engine answers {@code /_ping}, else why not (one line). */
    static String unavailableReason(DockerEngine engine) {
        try {
            return engine.unavailableReason();
        } catch (RuntimeException e) {
            return "the Docker client could not be set up for " + engine.host() + ": " + EngineErrors.reason(e);
        }
    }

    /** The recorded argv of a container deployment (no environment values). */
    static List<String> argv(String image, int port, int containerPort, String modelPath, Map<String, String> env,
            List<String> command) {
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException(
                    "the docker runtime needs a template with an image (list_docker_templates"
                            + " shows them; a command alone runs with runtime=process)");
        }
        List<String> argv = new ArrayList<>(List.of("-p", "127.0.0.1:" + port + ":" + containerPort));
        if (modelPath != null && modelPath.startsWith("/") && Files.exists(Path.of(modelPath))) {
            argv.addAll(List.of("-v", modelPath + ":" + modelPath + ":ro"));
        }
        env.keySet().forEach(k -> argv.addAll(List.of("-e", k)));
        argv.add(image);
        argv.addAll(command);
        return argv;
    }

    /** A recorded argv read back. */
    record ContainerArgs(int port, int containerPort, List<String> mounts, String image, List<String> command) {
    }

    /** Reads back {@link #argv}; IllegalArgumentException for a record of the former CLI-based runtime. */
    static ContainerArgs parse(List<String> argv) {
        int port = -1;
        int containerPort = -1;
        List<String> mounts = new ArrayList<>();
        int i = 0;
        try {
            while (i + 1 < argv.size() && argv.get(i).startsWith("-")) {
                String opt = argv.get(i);
                String val = argv.get(i + 1);
                switch (opt) {
                    case "-p" -> {
                        String[] parts = val.split(":");
                        port = Integer.parseInt(parts[parts.length - 2]);
                        containerPort = Integer.parseInt(parts[parts.length - 1]);
                    }
                    case "-v" -> mounts.add(val.substring(0, val.indexOf(':')));
                    case "-e" -> {
                        // names only; the values are the deployment's env
                    }
                    default -> throw new IllegalArgumentException(opt);
                }
                i += 2;
            }
        } catch (RuntimeException e) {
            port = -1;
        }
        if (port < 0 || i >= argv.size()) {
            throw new IllegalArgumentException("this docker deployment was recorded by the former CLI-based docker"
                    + " runtime (" + String.join(" ", argv.subList(0, Math.min(3, argv.size()))) + " ...): deploy the"
                    + " version again with runtime=docker");
        }
        return new ContainerArgs(port, containerPort, mounts, argv.get(i), argv.subList(i + 1, argv.size()));
    }

    /**
     * Creates and starts the deployment's container and follows it. A leftover container of the same deployment (a
     * failed removal, a previous life) is removed first; a container that was created but did not start is removed
     * again. IllegalStateException with the engine's reason (image not found, name in use, engine unreachable).
     */
    static ContainerProcess start(DockerEngine engine, Deployment d, Duration grace) {
        ContainerArgs a = parse(d.argv());
        String name = DockerEngine.containerName(d.id());
        try {
            DockerEngine.LabelledContainer old = engine.labelled().get(d.id());
            if (old != null) {
                engine.remove(old.containerId());
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "the Docker engine at " + engine.host() + " does not answer: " + EngineErrors.reason(e));
        }
        String id;
        try {
            id = engine.create(new DockerEngine.ContainerSpec(d.id(), a.image(), d.port(), a.containerPort(), d.env(),
                    a.command(), Map.of(DockerEngine.MODEL_LABEL, String.valueOf(d.model()), DockerEngine.VERSION_LABEL,
                            String.valueOf(d.version())),
                    a.mounts()));
        } catch (RuntimeException e) {
            throw new IllegalStateException(EngineErrors.createFailed(e, a.image(), name, engine.host()));
        }
        try {
            engine.start(id);
            return ContainerProcess.follow(engine, id, name, grace, null);
        } catch (RuntimeException e) {
            try {
                engine.remove(id);
            } catch (RuntimeException ignored) {
                // the reason below matters more
            }
            throw new IllegalStateException(
                    "the Docker engine at " + engine.host() + " did not start " + name + ": " + EngineErrors.reason(e));
        }
    }
}
