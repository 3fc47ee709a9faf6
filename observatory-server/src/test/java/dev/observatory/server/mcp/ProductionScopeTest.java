package dev.observatory.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.registry.Registry;
import dev.observatory.core.release.ReleaseSettings;
import dev.observatory.core.release.Releases;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.mcp.McpExtras;
import dev.observatory.mcp.McpSettings;
import dev.observatory.mcp.ToolRegistry;
import dev.observatory.model.ApiKey;
import dev.observatory.model.registry.NewModel;
import dev.observatory.model.registry.NewModelVersion;
import dev.observatory.server.http.ApiKeyAuth;
import dev.observatory.server.http.HttpServer;
import dev.observatory.store.memory.InMemoryStorage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production gate over real HTTP (tool bridge and API keys): propose_release_config needs allow_production_changes
 * AND a key with the production scope; a write-scoped key is refused with 403 READ_ONLY.
 */
class ProductionScopeTest {
    static final Actor ADA = new Actor("ada", "test");
    static final String PROPOSAL = "{\"name\": \"propose_release_config\", \"arguments\": {\"machine\": \"w1\","
            + " \"deployment\": \"chat-2\", \"model\": \"llama\", \"version\": \"1\", \"template\": \"vllm\","
            + " \"port\": 8100, \"gpus\": [\"2\"]}}";

    @TempDir
    Path repo;
    final InMemoryStorage store = new InMemoryStorage();
    final HttpClient client = HttpClient.newHttpClient();
    Auditor auditor;
    Tracking tracking;
    McpHttp mcp;
    HttpServer server;
    Git git;

    @BeforeEach
    void start() throws Exception {
        auditor = new Auditor(store.audit(), Clock.systemUTC());
        tracking = new Tracking(store, Clock.systemUTC(), false, auditor);
        new Registry(tracking).createModel(ADA, NewModel.named("llama"));
        new Registry(tracking).createVersion(ADA, NewModelVersion.of("llama", "s3://m/1", null));
        git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call();
        Files.createDirectories(repo.resolve("machines"));
        Files.writeString(repo.resolve("machines/w1.yaml"), "machine: w1\ngpus: 4\ndeployments: []\n");
        git.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent("t", "t@localhost");
        git.commit().setMessage("init").setAuthor(who).setCommitter(who).call();
        Releases.configure(tracking, ReleaseSettings.local(repo, true));
        McpSettings settings = new McpSettings(Set.of("release"), McpSettings.DEFAULT_BUDGET, "http://obs.test", "t");
        mcp = McpHttp.create(tracking, new ToolRegistry(tracking, new Meters(), settings), McpExtras.none(),
                McpHttpSettings.defaults());
        server = mcp.mountOn(HttpServer.builder().host("127.0.0.1").port(0).tracking(tracking)
                .auth(new ApiKeyAuth(store.keys(), List.of())).stopTimeout(Duration.ZERO)).build();
        server.start();
    }

    @AfterEach
    void stop() {
        Releases.configure(tracking, null);
        server.stop();
        mcp.close();
        git.close();
        auditor.close();
        store.close();
    }

    HttpResponse<String> propose(String key) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/mcp/tool"))
                        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(PROPOSAL)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String key(String name, ApiKey.Scope... scopes) {
        return ApiKeyAuth.createKey(store.keys(), name, EnumSet.copyOf(List.of(scopes)), Clock.systemUTC().instant());
    }

    @Test
    void aKeyWithoutTheProductionScopeIsRefusedEvenWithTheGateOpen() throws Exception {
        HttpResponse<String> refused = propose(key("trainer", ApiKey.Scope.READ, ApiKey.Scope.WRITE));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("READ_ONLY", "production scope", "trainer");
        assertThat(git.branchList().call()).hasSize(1);
    }

    @Test
    void aKeyWithTheProductionScopeProposesABranch() throws Exception {
        HttpResponse<String> ok = propose(
                key("releaser", ApiKey.Scope.READ, ApiKey.Scope.WRITE, ApiKey.Scope.PRODUCTION));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).contains("observatory/deploy-llama-1-as-chat-2-on-w1-");
        assertThat(git.branchList().call()).hasSize(2);
        assertThat(store.audit().list(Long.MAX_VALUE, 5))
                .anyMatch(e -> e.action().equals("release.propose") && e.actor().equals("releaser"));
    }

    @Test
    void theProductionScopeDoesNotOpenAClosedGate() throws Exception {
        Releases.configure(tracking, ReleaseSettings.local(repo, false));
        HttpResponse<String> refused = propose(key("releaser", ApiKey.Scope.WRITE, ApiKey.Scope.PRODUCTION));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("OBSERVATORY_ALLOW_PRODUCTION_CHANGES");
    }
}
