package dev.observatory.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CliArgsTest {

    @Test
    void readsOptionsAndKeepsTheCommandAfterTheDoubleDash() {
        CliArgs a = CliArgs.parse(new String[] { "--runs", "5", "--", "./observatory", "mcp" }, Set.of("runs"));

        assertThat(a.integer("runs", 11)).isEqualTo(5);
        assertThat(a.text("stderr", "/dev/null")).isEqualTo("/dev/null");
        assertThat(a.rest()).containsExactly("./observatory", "mcp");
    }

    @Test
    void aMistypedOptionIsAnErrorNamingTheKnownOnes() {
        assertThatThrownBy(() -> CliArgs.parse(new String[] { "--client", "4" }, Set.of("clients", "seconds")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--client")
                .hasMessageContaining("--clients, --seconds");
        assertThatThrownBy(
                () -> CliArgs.parse(new String[] { "--clients", "four" }, Set.of("clients")).integer("clients", 4))
                        .hasMessageContaining("whole number");
    }

    @Test
    void loadToolsRefuseAnyServerThatIsNotOnLoopback() {
        LoopbackHttp.requireLoopback(URI.create("http://127.0.0.1:8765"));
        LoopbackHttp.requireLoopback(URI.create("http://localhost:8765"));
        assertThatThrownBy(() -> LoopbackHttp.requireLoopback(URI.create("http://10.1.2.3:8765")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
        assertThatThrownBy(() -> LoopbackHttp.requireLoopback(URI.create("https://127.0.0.1:8765")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
