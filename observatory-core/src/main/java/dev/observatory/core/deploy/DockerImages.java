package dev.observatory.core.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the docker CLI says about images and disk use; only called where {@link DockerRuntime} found an engine. */
final class DockerImages {
    private DockerImages() {
    }

    /**
     * Size in bytes of a local image (Engine API image inspect, else {@code docker image inspect}), -1 when unknown.
     */
    static long size(Path cli, String image) {
        try (DockerEngine engine = DockerEngine.at(DockerEngine.configuredHost())) {
            return engine.imageSize(image);
        } catch (RuntimeException e) {
            // fall back to the CLI below
        }
        String out = run(List.of(cli.toString(), "image", "inspect", "--format", "{{.Size}}", image));
        try {
            return out == null ? -1 : Long.parseLong(out.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code docker system df} lines (one JSON object per type), or null when it did not answer. */
    static List<String> systemDf(Path cli) {
        String out = run(List.of(cli.toString(), "system", "df", "--format", "{{json .}}"));
        return out == null ? null : out.lines().filter(l -> !l.isBlank()).toList();
    }

    private static String run(List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
