package dev.observatory.core.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pull requests through the GitHub and GitLab REST APIs. There is no internet here, so the API is a local JDK
 * HttpServer on port 0 that records each request and answers like the provider; the origin is a bare repository on
 * disk.
 */
class PullRequestTest extends ReleaseTestBase {
    record Recorded(String method, String path, Map<String, List<String>> headers, String body) {
    }

    final List<Recorded> requests = new CopyOnWriteArrayList<>();
    HttpServer recorder;
    Git origin;

    String startRecorder(int status, String answer) throws Exception {
        recorder = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        recorder.createContext("/", ex -> {
            requests.add(new Recorded(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), ex.getRequestHeaders(),
                    new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        recorder.start();
        return "http://127.0.0.1:" + recorder.getAddress().getPort();
    }

    /** A bare origin holding main, set as the release repository's origin remote. */
    Path bareOrigin() throws Exception {
        Path bare = tmp.resolve("origin.git");
        origin = Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call();
        StoredConfig cfg = repo.git.getRepository().getConfig();
        cfg.setString("remote", "origin", "url", bare.toUri().toString());
        cfg.save();
        repo.git.push().setRemote("origin").add("main").call();
        return bare;
    }

    ReleaseSettings settings(String provider, String api, String token) {
        return new ReleaseSettings(repo.dir.toString(), "main", tmp, true, provider, "acme/releases",
                "github".equals(provider) ? api : null, "gitlab".equals(provider) ? api : null,
                "github".equals(provider) ? token : null, "gitlab".equals(provider) ? token : null, null);
    }

    @AfterEach
    void stop() {
        if (recorder != null) {
            recorder.stop(0);
        }
        if (origin != null) {
            origin.close();
        }
    }

    @Test
    void opensAPullRequestAgainstALocalRecorderBecauseThereIsNoInternetHere() throws Exception {
        String api = startRecorder(201, "{\"number\": 7, \"html_url\": \"https://github.com/acme/releases/pull/7\"}");
        bareOrigin();
        ObjectId originMain = origin.getRepository().exactRef("refs/heads/main").getObjectId();
        Releases.configure(tracking, settings("github", api, "ghp_SECRET_TOKEN"));

        ReleaseProposal p = releases().propose(ADA, ProposalRequest.upsert("gpu-worker-02",
                deployment("llama-b", "llama-3-70b", "2", 8100, 1), "Add llama-b"));

        assertThat(p.pullRequestUrl()).isEqualTo("https://github.com/acme/releases/pull/7");
        assertThat(p.pullRequestSkipped()).isNull();
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/repos/acme/releases/pulls");
            assertThat(r.headers().get("Authorization")).containsExactly("Bearer ghp_SECRET_TOKEN");
            JsonNode body = JsonMapper.builder().build().readTree(r.body());
            assertThat(body.path("head").asString()).isEqualTo(p.branch());
            assertThat(body.path("base").asString()).isEqualTo("main");
            assertThat(body.path("title").asString()).isEqualTo("Add llama-b");
        });
        assertThat(origin.getRepository().exactRef("refs/heads/" + p.branch()).getObjectId().name())
                .isEqualTo(p.commitId());
        assertThat(origin.getRepository().exactRef("refs/heads/main").getObjectId()).isEqualTo(originMain);
        assertThat(p.toString()).doesNotContain("SECRET");
        assertThat(tracking.toString() + settings("github", api, "ghp_SECRET_TOKEN")).doesNotContain("SECRET");
    }

    @Test
    void opensAGitLabMergeRequestAgainstALocalRecorderBecauseThereIsNoInternetHere() throws Exception {
        String api = startRecorder(201,
                "{\"iid\": 3, \"web_url\": \"https://gitlab.com/acme/releases/-/merge_requests/3\"}");
        bareOrigin();
        Releases.configure(tracking, settings("gitlab", api, "glpat-SECRET"));

        ReleaseProposal p = releases().propose(ADA, ProposalRequest.remove("gpu-worker-01", "whisper", null));

        assertThat(p.pullRequestUrl()).endsWith("/merge_requests/3");
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/projects/acme%2Freleases/merge_requests");
            assertThat(r.headers().get("Private-token")).containsExactly("glpat-SECRET");
            assertThat(r.body()).contains("\"source_branch\":\"" + p.branch() + "\"")
                    .contains("\"target_branch\":\"main\"");
        });
    }

    @Test
    void withoutATokenTheBranchAndDiffAreReturnedAndThePullRequestIsSkippedWithTheReason() throws Exception {
        String api = startRecorder(201, "{}");
        bareOrigin();
        Releases.configure(tracking, settings("github", api, null));

        ReleaseProposal p = releases().propose(ADA, ProposalRequest.remove("gpu-worker-01", "whisper", null));

        assertThat(p.pullRequestUrl()).isNull();
        assertThat(p.pullRequestSkipped()).contains("no github token").contains("OBSERVATORY_GITHUB_TOKEN");
        assertThat(p.branch()).startsWith("observatory/");
        assertThat(p.diff()).contains("-  - name: whisper");
        assertThat(requests).isEmpty();
        assertThat(origin.getRepository().exactRef("refs/heads/" + p.branch())).isNull();
    }

    @Test
    void aRejectedPullRequestIsReportedWithoutTheToken() throws Exception {
        String api = startRecorder(422, "{\"message\": \"Validation Failed for ghp_SECRET_TOKEN\"}");
        bareOrigin();
        Releases.configure(tracking, settings("github", api, "ghp_SECRET_TOKEN"));

        ReleaseProposal p = releases().propose(ADA, ProposalRequest.remove("gpu-worker-01", "whisper", null));

        assertThat(p.pullRequestUrl()).isNull();
        assertThat(p.pullRequestSkipped()).contains("HTTP 422").contains("Validation Failed").doesNotContain("SECRET");
    }

    @Test
    void readsTheProviderAndRepositoryFromTheRemoteUrl() {
        ReleaseSettings none = ReleaseSettings.local(Path.of("/tmp/x"), true);
        assertThat(PullRequests.provider(none, "https://github.com/acme/releases.git")).isEqualTo("github");
        assertThat(PullRequests.repository(none, "https://github.com/acme/releases.git")).isEqualTo("acme/releases");
        assertThat(PullRequests.repository(none, "git@github.com:acme/releases.git")).isEqualTo("acme/releases");
        assertThat(PullRequests.provider(none, "https://gitlab.example.com/group/sub/releases")).isEqualTo("gitlab");
        assertThat(PullRequests.repository(none, "https://user@gitlab.example.com/group/sub/releases"))
                .isEqualTo("group/sub/releases");
        assertThat(PullRequests.provider(none, "file:///srv/releases.git")).isNull();
    }
}
