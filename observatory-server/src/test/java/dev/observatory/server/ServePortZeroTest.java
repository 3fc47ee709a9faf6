package dev.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.Actor;
import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code serve --port 0}: the deep links in MCP answers name the port the server really listens on. */
class ServePortZeroTest {

    @Test
    void deepLinksOfToolAnswersNameTheChosenPortNotZero() throws Exception {
        Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
        flags.put(ConfigKey.STORAGE, "memory");
        flags.put(ConfigKey.PORT, "0");
        try (ServeCommand.Running s = ServeCommand.start(Config.load(null, Map.of(), flags))) {
            int port = s.http().port();
            Actor actor = Actor.anonymous("test");
            s.observatory().tracking.createProject(actor, "p", null);
            Run run = s.observatory().tracking.createRun(actor, NewRun.of("p", "r"));

            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp/tool"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"name\":\"get_run_logs\",\"arguments\":{\"run_id\":\"" + run.id() + "\"}}"))
                            .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(port).isPositive();
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"url\":\"http://127.0.0.1:" + port + "/runs/" + run.id() + "/logs\"");
        }
    }
}
