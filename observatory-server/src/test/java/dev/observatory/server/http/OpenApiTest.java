package dev.observatory.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenApiTest {

    @Test
    void documentsEveryRouteAndNothingElse() {
        try (TestServer s = TestServer.start()) {
            TestServer.Response r = s.get("/api/v1/openapi.json");
            assertThat(r.status()).isEqualTo(200);
            JsonNode doc = r.json();
            assertThat(doc.get("openapi").asString()).startsWith("3.1");
            JsonNode paths = doc.get("paths");
            List<String> routes = s.server.routes();
            assertThat(routes).hasSizeGreaterThan(20);
            for (String route : routes) {
                String[] mp = route.split(" ", 2);
                assertThat(paths.has(mp[1])).as("path %s is documented", mp[1]).isTrue();
                assertThat(paths.get(mp[1]).has(mp[0].toLowerCase(Locale.ROOT))).as("%s is documented", route).isTrue();
            }
            List<String> documented = new ArrayList<>();
            Set<String> methods = Set.of("get", "post", "patch", "put", "delete");
            paths.forEachEntry((path, ops) -> ops.propertyNames().stream().filter(methods::contains)
                    .forEach(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + path)));
            assertThat(documented).containsExactlyInAnyOrderElementsOf(routes);
        }
    }

    @Test
    void everySchemaReferenceResolves() {
        String text = new String(ServiceRoutes.openApiDocument(), java.nio.charset.StandardCharsets.UTF_8);
        JsonNode schemas = TestServer.JSON.readTree(text).get("components").get("schemas");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("#/components/schemas/(\\w+)").matcher(text);
        while (m.find()) {
            assertThat(schemas.has(m.group(1))).as("schema %s exists", m.group(1)).isTrue();
        }
    }
}
