package dev.observatory.server.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A second, independent client: the {@code mlflow} npm package (2.0.7) run by Node against a real server. Needs
 * {@code node} and {@code npm} on the PATH; the package is installed once into ~/.cache/observatory-ci/mlflow-npm
 * (network on the first run). Skipped, saying why, where Node or the package cannot be had.
 */
class MlflowNpmClientIT {
    static final String PACKAGE = "mlflow@2.0.7";
    static final Path CACHE = Path.of(System.getProperty("user.home"), ".cache", "observatory-ci", "mlflow-npm");

    @TempDir
    Path dir;

    @Test
    void theNodeClientLogsSearchesReadsHistoryAndListsArtifacts() throws Exception {
        assumeTrue(run(List.of("node", "--version"), 30).exit() == 0, "node is not on the PATH");
        Path modules = CACHE.resolve("node_modules");
        if (!Files.exists(modules.resolve("mlflow/package.json"))) {
            Files.createDirectories(CACHE);
            Result npm = run(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix",
                    CACHE.toString(), PACKAGE), 180);
            assumeTrue(npm.exit() == 0, "cannot install " + PACKAGE + ": " + npm.err());
        }
        Path script = dir.resolve("npm-smoke.js");
        try (InputStream in = getClass().getResourceAsStream("/mlflow/npm-smoke.js")) {
            Files.write(script, in.readAllBytes());
        }
        try (MlflowTestServer server = MlflowTestServer.duckDbWithBlobs(dir)) {
            Result r = run(List.of("node", script.toString(), modules.toString(), server.uri()), 120);

            assertThat(r.exit()).as(r.err()).isZero();
            JsonNode out = MlflowJson.MAPPER.readTree(r.out());
            assertThat(out.path("status").asString()).isEqualTo("FINISHED");
            assertThat(out.path("history").asInt()).isEqualTo(1005);
            assertThat(out.path("found").get(0).asString()).isEqualTo(out.path("run_id").asString());
            assertThat(out.path("experiments").toString()).contains("npm-smoke", "Default");
            assertThat(server.tracking.getRun(out.path("run_id").asString()).tags()).contains("team=js", "stage=smoke");
            String runId = out.path("run_id").asString();
            assertThat(out.path("downloaded_matches").asBoolean()).isTrue();
            assertThat(out.path("artifacts").size()).isEqualTo(1);
            assertThat(out.path("artifacts").get(0).path("path").asString()).isEqualTo("model/weights.txt");
            assertThat(out.path("artifacts").get(0).path("is_dir").asBoolean()).isFalse();
            assertThat(out.path("artifacts").get(0).path("file_size").asLong())
                    .isEqualTo(("weights from node " + runId).length());
        }
    }

    record Result(int exit, String out, String err) {
    }

    private Result run(List<String> cmd, int seconds) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out.txt").toFile())
                    .redirectError(dir.resolve("err.txt").toFile()).start();
        } catch (IOException e) {
            return new Result(127, "", e.getMessage());
        }
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(124, "", "timed out after " + seconds + " s");
        }
        return new Result(p.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }
}
