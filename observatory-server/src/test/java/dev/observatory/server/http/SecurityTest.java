package dev.observatory.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.Actor;
import dev.observatory.model.ApiKey;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecurityTest {

    /** Stands in for the MCP servlet: echoes what the filter put on the request. */
    static final class EchoServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if (req.getParameter("fail") != null) {
                resp.sendError(418, "short and stout");
                return;
            }
            byte[] body = req.getInputStream().readAllBytes();
            Actor a = (Actor) req.getAttribute(HttpServer.ACTOR_ATTRIBUTE);
            resp.setContentType("text/plain");
            resp.getWriter().print(a.name() + "/" + a.surface() + "/" + body.length + "/"
                    + req.getAttribute(HttpServer.SCOPES_ATTRIBUTE));
        }
    }

    private static TestServer withKeys(List<String> configured) {
        return new TestServer(false, HttpSettings.defaults().withMaxBodyBytes(1024), configured,
                b -> b.addServlet("/mcp", new EchoServlet(), true).addServlet("/mcp/tool", new EchoServlet(), false));
    }

    @Test
    void withoutKeysEveryCallerIsAnonymous() {
        try (TestServer s = withKeys(List.of())) {
            assertThat(s.get("/api/v1/projects").status()).isEqualTo(200);
            TestServer.Response mcp = s.post("/mcp", "{}");
            assertThat(mcp.body()).startsWith("anonymous/mcp/2/");
            assertThat(s.post("/mcp/tool", "{}").body()).startsWith("anonymous/bridge/");
        }
    }

    @Test
    void aConfiguredKeyIsRequiredEverywhereButHealth() {
        try (TestServer s = withKeys(List.of("s3cret-config-key"))) {
            TestServer.Response none = s.get("/api/v1/projects");
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.errorCode()).isEqualTo("UNAUTHENTICATED");
            assertThat(none.headers().firstValue("WWW-Authenticate")).isPresent();
            TestServer.Response refusedPost = s.post("/mcp", "{}");
            assertThat(refusedPost.status()).isEqualTo(401);
            assertThat(refusedPost.headers().firstValue("Connection"))
                    .as("answered before its body was read: the client must not reuse the connection")
                    .hasValue("close");
            assertThat(none.headers().firstValue("Connection")).as("a GET has no body to skip").isEmpty();
            assertThat(s.get("/metrics").status()).isEqualTo(401);
            assertThat(s.get("/health").status()).isEqualTo(200);

            s.withKey("wrong-key");
            assertThat(s.get("/api/v1/projects").errorCode()).isEqualTo("UNAUTHENTICATED");
            assertThat(s.get("/health").status()).isEqualTo(200);

            s.withKey("s3cret-config-key");
            assertThat(s.get("/api/v1/projects").status()).isEqualTo(200);
            assertThat(s.post("/api/v1/projects", "{\"name\":\"p\"}").status()).isEqualTo(201);
            assertThat(s.post("/mcp", "{}").body()).startsWith("config-1/mcp/");
            TestServer.Response xApiKey = s.withKey(null).send(
                    HttpRequest.newBuilder(s.uri("/api/v1/projects")).header("X-API-Key", "s3cret-config-key").GET());
            assertThat(xApiKey.status()).isEqualTo(200);
            assertThat(s.tracking.store().audit().list(Long.MAX_VALUE, 10).get(0).actor()).isEqualTo("config-1");
        }
    }

    @Test
    void storedKeysAreCheckedByHashAndScope() {
        try (TestServer s = withKeys(List.of())) {
            String reader = ApiKeyAuth.createKey(s.store.keys(), "dashboard", EnumSet.of(ApiKey.Scope.READ),
                    s.clock.instant());
            String writer = ApiKeyAuth.createKey(s.store.keys(), "trainer", EnumSet.of(ApiKey.Scope.WRITE),
                    s.clock.instant());
            assertThat(reader).startsWith("obs_").hasSize(36);
            assertThat(s.store.keys().list()).allSatisfy(k -> assertThat(k.hash()).hasSize(64)
                    .isEqualTo(ApiKeyAuth.sha256Hex(k.name().equals("dashboard") ? reader : writer)));

            assertThat(s.get("/api/v1/projects").status()).isEqualTo(401);
            s.withKey(reader);
            assertThat(s.get("/api/v1/projects").status()).isEqualTo(200);
            TestServer.Response denied = s.post("/api/v1/projects", "{\"name\":\"p\"}");
            assertThat(denied.status()).isEqualTo(403);
            assertThat(denied.errorCode()).isEqualTo("FORBIDDEN");
            assertThat(denied.errorMessage()).contains("'dashboard'", "write scope");
            assertThat(s.post("/mcp", "{}").body()).startsWith("dashboard/mcp/2/[READ]");

            s.withKey(writer);
            assertThat(s.post("/api/v1/projects", "{\"name\":\"p\"}").status()).isEqualTo(201);
            assertThat(s.get("/api/v1/projects/p").status()).isEqualTo(200);

            s.store.keys().revoke("trainer");
            s.auth.invalidate();
            assertThat(s.get("/api/v1/projects").status()).isEqualTo(401);
        }
    }

    @Test
    void rejectsForeignHostsAndOrigins() throws Exception {
        try (TestServer s = withKeys(List.of())) {
            String foreign = s.raw(
                    "GET /api/v1/projects HTTP/1.1\r\nHost: attacker.example:8765\r\n" + "Connection: close\r\n\r\n");
            assertThat(foreign).startsWith("HTTP/1.1 403").contains("\"code\":\"FORBIDDEN\"", "attacker.example");
            String loopback = s
                    .raw("GET /api/v1/projects HTTP/1.1\r\nHost: localhost:1234\r\n" + "Connection: close\r\n\r\n");
            assertThat(loopback).startsWith("HTTP/1.1 200");
            String mcp = s.raw("POST /mcp HTTP/1.1\r\nHost: attacker.example\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n");
            assertThat(mcp).startsWith("HTTP/1.1 403");

            TestServer.Response evil = s.send(
                    HttpRequest.newBuilder(s.uri("/api/v1/projects")).header("Origin", "https://evil.example").GET());
            assertThat(evil.status()).isEqualTo(403);
            assertThat(evil.errorMessage()).contains("Origin 'https://evil.example'");
            TestServer.Response local = s.send(
                    HttpRequest.newBuilder(s.uri("/api/v1/projects")).header("Origin", "http://localhost:5173").GET());
            assertThat(local.status()).isEqualTo(200);
            assertThat(local.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");
        }
    }

    @Test
    void configuredHostsAndOriginsAreAllowed() throws Exception {
        HttpSettings settings = HttpSettings.defaults().withAllowedHosts(List.of("observatory.internal"))
                .withAllowedOrigins(List.of("https://dash.example.com"));
        try (TestServer s = new TestServer(false, settings, List.of(), b -> {
        })) {
            assertThat(s.raw("GET /health HTTP/1.1\r\nHost: observatory.internal:8765\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 200");
            TestServer.Response preflight = s.send(HttpRequest.newBuilder(s.uri("/api/v1/runs"))
                    .header("Origin", "https://dash.example.com").header("Access-Control-Request-Method", "POST")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
            assertThat(preflight.status()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
                    .contains("Authorization");
            assertThat(s.send(HttpRequest.newBuilder(s.uri("/api/v1/projects"))
                    .header("Origin", "https://other.example.com").GET()).status()).isEqualTo(403);
        }
    }

    @Test
    void mountedServletsGetTheBodyLimitAndJsonErrors() {
        try (TestServer s = withKeys(List.of())) {
            TestServer.Response big = s.post("/mcp", "x".repeat(2048));
            assertThat(big.status()).isEqualTo(413);
            assertThat(big.errorCode()).isEqualTo("PAYLOAD_TOO_LARGE");
            TestServer.Response streamed = s.send(HttpRequest.newBuilder(s.uri("/mcp")).POST(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[4096]))));
            assertThat(streamed.status()).isEqualTo(413);
            TestServer.Response teapot = s.get("/mcp?fail=1");
            assertThat(teapot.status()).isEqualTo(418);
            assertThat(teapot.errorCode()).isEqualTo("HTTP_418");
            assertThat(teapot.errorMessage()).isEqualTo("short and stout");
        }
    }

    @Test
    void readOnlyModeRefusesWritesWith403() {
        try (TestServer s = new TestServer(true, HttpSettings.defaults(), List.of(), b -> {
        })) {
            TestServer.Response r = s.post("/api/v1/projects", "{\"name\":\"p\"}");
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.errorCode()).isEqualTo("READ_ONLY");
            assertThat(s.get("/api/v1/projects").status()).isEqualTo(200);
        }
    }

    @Test
    void writeImpliesReadAndAdminImpliesEverything() {
        var write = new ApiKeyAuth.Principal("w", Set.of(ApiKey.Scope.WRITE));
        var admin = new ApiKeyAuth.Principal("a", Set.of(ApiKey.Scope.ADMIN));
        var read = new ApiKeyAuth.Principal("r", Set.of(ApiKey.Scope.READ));
        assertThat(write.allows(ApiKey.Scope.READ)).isTrue();
        assertThat(read.allows(ApiKey.Scope.WRITE)).isFalse();
        assertThat(admin.allows(ApiKey.Scope.PRODUCTION)).isTrue();
    }
}
