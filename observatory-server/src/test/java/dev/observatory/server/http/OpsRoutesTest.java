package dev.observatory.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

class OpsRoutesTest {

    @Test
    void slosAreCreatedListedReportedAndDeleted() {
        try (TestServer s = TestServer.start()) {
            TestServer.Response created = s.post("/api/v1/slos",
                    "{\"name\":\"api\",\"type\":\"latency\",\"percentile\":99,\"selector\":{\"service\":\"api\"}}");
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.json().get("threshold_ms").asDouble()).isEqualTo(5000);
            assertThat(s.get("/api/v1/slos").json().get("slos").get(0).get("name").asString()).isEqualTo("api");
            TestServer.Response status = s.get("/api/v1/slos/api/status");
            assertThat(status.status()).isEqualTo(200);
            assertThat(status.json().get("events").asLong()).isZero();
            assertThat(status.json().get("alerts")).hasSize(4);
            assertThat(s.get("/api/v1/slos/nope/status").status()).isEqualTo(404);
            assertThat(s.send(HttpRequest.newBuilder(s.uri("/api/v1/slos/api")).DELETE()).status()).isEqualTo(200);
            assertThat(s.get("/api/v1/slos").json().get("slos")).isEmpty();
        }
    }

    @Test
    void impossibleSlosAreBadRequests() {
        try (TestServer s = TestServer.start()) {
            TestServer.Response r = s.post("/api/v1/slos",
                    "{\"name\":\"api\",\"target\":100,\"selector\":{\"service\":\"api\"}}");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body()).contains("impossible target");
            assertThat(s.post("/api/v1/slos", "{\"name\":\"api\",\"selector\":{}}").body()).contains("empty selector");
        }
    }

    @Test
    void alertsRulesAndDeliveriesAreListed() {
        try (TestServer s = TestServer.start()) {
            assertThat(s.get("/api/v1/alerts").json().get("alerts")).isEmpty();
            assertThat(s.get("/api/v1/alerts/rules").json().get("rules")).isEmpty();
            assertThat(s.get("/api/v1/alerts/deliveries?limit=5").json().get("deliveries")).isEmpty();
            assertThat(s.get("/api/v1/alerts/deliveries?limit=0").status()).isEqualTo(400);
        }
    }
}
