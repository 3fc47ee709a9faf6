package dev.observatory.server.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenTelemetry JavaScript SDK's OTLP/HTTP exporter (JSON encoding) run by Node against a real server. Needs
 * {@code node} and {@code npm}; the packages are installed once into ~/.cache/observatory-ci/otel-npm (network on the
 * first run). Skipped, saying why, where Node or the packages cannot be had.
 */
class OtelJsExportIT {
    static final List<String> PACKAGES = List.of("@opentelemetry/sdk-trace-base@2.12.1",
            "@opentelemetry/exporter-trace-otlp-http@0.223.1", "@opentelemetry/resources@2.12.1",
            "@opentelemetry/api@1.9.1");
    static final Path CACHE = Path.of(System.getProperty("user.home"), ".cache", "observatory-ci", "otel-npm");

    @TempDir
    Path dir;

    @Test
    void storesGenAiSpansSentAsOtlpJsonByTheJavaScriptSdk() throws Exception {
        assumeTrue(run(List.of("node", "--version"), 30).exit() == 0, "node is not on the PATH");
        Path modules = CACHE.resolve("node_modules");
        if (!Files.exists(modules.resolve("@opentelemetry/exporter-trace-otlp-http/package.json"))) {
            Files.createDirectories(CACHE);
            List<String> cmd = new java.util.ArrayList<>(List.of("npm", "install", "--no-audit", "--no-fund",
                    "--loglevel=error", "--prefix", CACHE.toString()));
            cmd.addAll(PACKAGES);
            Result npm = run(cmd, 180);
            assumeTrue(npm.exit() == 0, "cannot install the OpenTelemetry JS SDK: " + npm.err());
        }
        Path script = dir.resolve("otel-js-export.js");
        try (InputStream in = getClass().getResourceAsStream("/otlp/otel-js-export.js")) {
            Files.write(script, in.readAllBytes());
        }
        try (OtlpTestServer server = new OtlpTestServer(OtlpSettings.defaults(), List.of("js-key"), i -> i)) {
            Result r = run(List.of("node", script.toString(), modules.toString(), server.endpoint(), "js-key"), 120);

            assertThat(r.exit()).as(r.err()).isZero();
            String traceId = JsonMapper.builder().build().readTree(r.out()).path("trace_id").asString();
            List<Span> spans = server.trace(traceId);
            assertThat(spans).extracting(Span::name).containsExactlyInAnyOrder("POST /chat", "chat claude-sonnet-4");
            Span llm = spans.stream().filter(s -> s.kind() == SpanKind.CLIENT).findFirst().orElseThrow();
            assertThat(llm.service()).isEqualTo("js-chat");
            assertThat(llm.scope()).isEqualTo("js-test");
            assertThat(llm.status()).isEqualTo(SpanStatus.ERROR);
            assertThat(llm.statusMessage()).isEqualTo("overloaded");
            assertThat(llm.parentSpanId()).isNotNull();
            assertThat(llm.attributes()).containsEntry("gen_ai.request.model", "claude-sonnet-4")
                    .containsEntry("gen_ai.usage.input_tokens", 321L).containsEntry("observatory.confidence", 0.91)
                    .containsEntry("gen_ai.response.finish_reasons", List.of("end_turn"));
            assertThat(llm.events()).singleElement()
                    .satisfies(e -> assertThat(e.attributes()).containsEntry("attempt", 1L));
        }
    }

    record Result(int exit, String out, String err) {
    }

    private Result run(List<String> cmd, int seconds) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).start();
        } catch (IOException e) {
            return new Result(-1, "", e.getMessage());
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "", "timed out");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }
}
