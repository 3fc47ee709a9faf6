package dev.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release and benchmark keys: repository, pull-request target, tokens from the environment only, the gate. */
class ReleaseConfigKeysTest {

    @Test
    void readsTheReleaseRepositoryPullRequestTargetGateAndBenchmarkHostsFromTheEnvironment() {
        Config c = Config.load(null,
                Map.of("OBSERVATORY_RELEASE_REPO", "/srv/releases", "OBSERVATORY_RELEASE_BRANCH", "prod",
                        "OBSERVATORY_RELEASE_PR_PROVIDER", "GitHub", "OBSERVATORY_RELEASE_PR_REPO", "acme/releases",
                        "OBSERVATORY_GITHUB_TOKEN", "ghp_SECRET", "OBSERVATORY_ALLOW_PRODUCTION_CHANGES", "true",
                        "OBSERVATORY_BENCHMARK_ALLOWED_HOSTS", "gpu-1.internal, gpu-2.internal"),
                Map.of());
        assertThat(c.releases().repo()).isEqualTo("/srv/releases");
        assertThat(c.releases().branch()).isEqualTo("prod");
        assertThat(c.releases().prProvider()).isEqualTo("github");
        assertThat(c.releases().prRepo()).isEqualTo("acme/releases");
        assertThat(c.releases().githubToken()).isEqualTo("ghp_SECRET");
        assertThat(c.releases().githubApiUrl()).isEqualTo("https://api.github.com");
        assertThat(c.releases().allowProductionChanges()).isTrue();
        assertThat(c.benchmarkAllowedHosts()).containsExactly("gpu-1.internal", "gpu-2.internal");
        assertThat(c.releases().toString() + c).doesNotContain("SECRET");
        assertThat(ConfigKey.GITHUB_TOKEN.secret()).isTrue();
    }

    @Test
    void defaultsHaveNoRepositoryAndTheProductionGateClosed() {
        Config c = Config.load(null, Map.of(), Map.of());
        assertThat(c.releases().repo()).isNull();
        assertThat(c.releases().allowProductionChanges()).isFalse();
        assertThat(c.benchmarkAllowedHosts()).isEmpty();
    }

    @Test
    void tokensAreRefusedInAConfigFileAndAnUnknownProviderIsAnError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("obs.properties");
        Files.writeString(file, "github_token = ghp_x\n");
        assertThatThrownBy(() -> Config.load(file, Map.of(), Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OBSERVATORY_GITHUB_TOKEN").hasMessageNotContaining("ghp_x");
        assertThatThrownBy(() -> Config.load(null, Map.of("OBSERVATORY_RELEASE_PR_PROVIDER", "bitbucket"), Map.of()))
                .hasMessageContaining("github or gitlab");
    }
}
