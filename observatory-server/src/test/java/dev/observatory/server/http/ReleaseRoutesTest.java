package dev.observatory.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.release.ReleaseSettings;
import dev.observatory.core.release.Releases;
import dev.observatory.model.benchmark.Benchmark;
import dev.observatory.model.benchmark.BenchmarkLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The read-only REST views of the production topology and of benchmarks. */
class ReleaseRoutesTest {
    @TempDir
    Path repo;

    @Test
    void servesTheTopologyOfAGitRepositoryWithItsConflicts() throws Exception {
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call();
                TestServer s = TestServer.start()) {
            Files.writeString(repo.resolve("w1.yaml"), "machine: w1\ngpus: 2\ndeployments:\n  - name: a\n"
                    + "    model: ghost\n    version: 1\n    template: vllm\n    port: 8000\n    gpus: [0]\n");
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("t", "t@localhost");
            git.commit().setMessage("init").setAuthor(who).setCommitter(who).call();
            Releases.configure(s.tracking, ReleaseSettings.local(repo, false));

            TestServer.Response r = s.get("/api/v1/release/topology");
            assertThat(r.status()).isEqualTo(200);
            JsonNode m = r.json().get("machines").get(0);
            assertThat(m.get("free_gpus").toString()).isEqualTo("[1]");
            assertThat(r.json().get("conflicts").get(0).get("kind").asString()).isEqualTo("unknown_model_version");
            assertThat(s.get("/api/v1/release/topology?machine=w9").status()).isEqualTo(404);
            Releases.configure(s.tracking, null);
        }
    }

    @Test
    void listsAndGetsBenchmarksAndTheSummary() {
        try (TestServer s = TestServer.start()) {
            BenchmarkLevel l = new BenchmarkLevel(4, 100, 1, 2, 50, 1, 2, 3, 4, 1.5, 200L, 100.0, "HTTP 500");
            s.store.benchmarks()
                    .save(new Benchmark("b1", "llama", "1", "http://127.0.0.1:1/v1/completions", null, "ada",
                            TestServer.START, TestServer.START.plusSeconds(2), Benchmark.COMPLETED, null, Map.of(),
                            List.of(l)));
            TestServer.Response list = s.get("/api/v1/benchmarks?model=llama");
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.json().get("total").asLong()).isEqualTo(1);
            JsonNode b = s.get("/api/v1/benchmarks/b1").json();
            assertThat(b.get("levels").get(0).get("p95_ms").asDouble()).isEqualTo(2.0);
            assertThat(b.get("levels").get(0).get("tokens_per_second").asDouble()).isEqualTo(100.0);
            assertThat(s.get("/api/v1/benchmarks/nope").status()).isEqualTo(404);
            assertThat(s.get("/api/v1/benchmark-summary?model=llama").json().get("versions").get(0).get("version")
                    .asString()).isEqualTo("1");
            assertThat(s.get("/api/v1/benchmarks?bogus=1").status()).isEqualTo(400);
        }
    }
}
