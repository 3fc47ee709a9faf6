package dev.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {

    @Test
    void defaultsBindToLoopbackWithTheEmbeddedStore() {
        Config c = Config.load(null, Map.of(), Map.of());
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(8765);
        assertThat(c.storage()).isEqualTo("duckdb");
        assertThat(c.toolsets()).containsExactly("core");
        assertThat(c.readOnly()).isFalse();
        assertThat(c.baseUrl(8765)).isEqualTo("http://127.0.0.1:8765");
    }

    @Test
    void fileThenEnvironmentThenFlagsEachOverrideTheLayerBefore(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("obs.properties");
        Files.writeString(file, "port = 9000\nstorage = memory\nread_only = true\ntoolsets=core,runs\n");
        Config fileOnly = Config.load(file, Map.of(), Map.of());
        assertThat(fileOnly.port()).isEqualTo(9000);
        assertThat(fileOnly.storage()).isEqualTo("memory");
        assertThat(fileOnly.toolsets()).containsExactlyInAnyOrder("core", "runs");

        Config withEnv = Config.load(file, Map.of("OBSERVATORY_PORT", "9100", "PATH", "/bin"), Map.of());
        assertThat(withEnv.port()).isEqualTo(9100);
        assertThat(withEnv.readOnly()).isTrue();

        Config withFlag = Config.load(file, Map.of("OBSERVATORY_PORT", "9100"), Map.of(ConfigKey.PORT, "9200"));
        assertThat(withFlag.port()).isEqualTo(9200);
    }

    @Test
    void unknownFileKeyIsAnErrorNamingTheValidKeys(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("obs.properties");
        Files.writeString(file, "prot = 9000\n");
        assertThatThrownBy(() -> Config.load(file, Map.of(), Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown key 'prot'").hasMessageContaining("port");
    }

    @Test
    void unknownEnvironmentVariableIsAnError() {
        assertThatThrownBy(() -> Config.load(null, Map.of("OBSERVATORY_PROT", "1"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OBSERVATORY_PROT")
                .hasMessageContaining("OBSERVATORY_PORT");
    }

    @Test
    void badValuesSayWhatIsExpected() {
        assertThatThrownBy(() -> Config.load(null, Map.of(), Map.of(ConfigKey.PORT, "http")))
                .hasMessageContaining("port must be a whole number");
        assertThatThrownBy(() -> Config.load(null, Map.of(), Map.of(ConfigKey.PORT, "70000")))
                .hasMessageContaining("between 0 and 65535");
        assertThatThrownBy(() -> Config.load(null, Map.of(), Map.of(ConfigKey.STORAGE, "sqlite")))
                .hasMessageContaining("duckdb, postgres or memory");
        assertThatThrownBy(() -> Config.load(null, Map.of(), Map.of(ConfigKey.STORAGE, "postgres")))
                .hasMessageContaining("postgres_url");
        assertThatThrownBy(() -> Config.load(null, Map.of(), Map.of(ConfigKey.READ_ONLY, "maybe")))
                .hasMessageContaining("true or false");
    }

    @Test
    void toStringNeverShowsSecrets() {
        Config c = Config.load(null,
                Map.of("OBSERVATORY_API_KEYS", "s3cret-key", "OBSERVATORY_POSTGRES_PASSWORD", "pw-123"), Map.of());
        assertThat(c.apiKeys()).containsExactly("s3cret-key");
        assertThat(c.toString()).doesNotContain("s3cret-key").doesNotContain("pw-123");
    }

    @Test
    void readmeConfigurationTableListsEveryKey() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (ConfigKey k : ConfigKey.values()) {
            assertThat(readme).as("README row for " + k).contains("| `" + k.fileKey() + "` | `" + k.envVar() + "` |");
        }
    }

    @Test
    void datasetAndModelRootsAreCommaListsDefaultingUnderTheDataDirectory() {
        Config defaults = Config.load(null, Map.of("OBSERVATORY_DATA_DIR", "/srv/obs"), Map.of());
        assertThat(defaults.datasets().datasetRoots()).containsExactly(Path.of("/srv/obs/datasets"));
        assertThat(defaults.datasets().modelRoots()).containsExactly(Path.of("/srv/obs/models"));

        Config set = Config.load(null,
                Map.of("OBSERVATORY_DATASET_ROOTS", "/data/a, /data/b", "OBSERVATORY_MODEL_ROOTS", "/models"),
                Map.of());
        assertThat(set.datasets().datasetRoots()).containsExactly(Path.of("/data/a"), Path.of("/data/b"));
        assertThat(set.datasets().modelRoots()).containsExactly(Path.of("/models"));
    }
}
