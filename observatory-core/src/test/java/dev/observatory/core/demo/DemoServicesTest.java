package dev.observatory.core.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.apm.Apm;
import dev.observatory.core.apm.ApmWindow;
import dev.observatory.core.apm.ServiceMap;
import dev.observatory.core.registry.Registry;
import dev.observatory.core.slo.SloStatus;
import dev.observatory.core.slo.Slos;
import dev.observatory.model.registry.Stage;
import dev.observatory.store.memory.InMemoryStorage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** serve --demo: the registry, traces and SLOs written next to the demo runs are usable by their services. */
class DemoServicesTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static InMemoryStorage store;
    private static Auditor auditor;
    private static Tracking tracking;
    private static String summary;

    @BeforeAll
    static void writeDemo() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        store = new InMemoryStorage(clock);
        auditor = new Auditor(store.audit(), clock);
        tracking = new Tracking(store, clock, false, auditor);
        DemoData.write(store, 42, NOW);
        summary = DemoServices.write(tracking, 42, NOW);
    }

    @AfterAll
    static void close() {
        auditor.close();
        store.close();
    }

    @Test
    void eachTrainingProjectHasAModelWhoseChampionIsTheNewestFinishedRunInProduction() {
        Registry registry = new Registry(tracking);
        var champion = registry.getByAlias("resnet-classifier", "champion");
        assertThat(champion.stage()).isEqualTo(Stage.PRODUCTION);
        assertThat(tracking.getRun(champion.runId()).project()).isEqualTo(DemoRuns.VISION);
        assertThat(registry.latestVersion("assistant-llm", Stage.PRODUCTION)).isNotNull();
        if (champion.version() > 1) {
            assertThat(registry.getVersion("resnet-classifier", champion.version() - 1).stage())
                    .isEqualTo(Stage.STAGING);
        }
        assertThat(summary).startsWith("2 models");
    }

    @Test
    void theChatServiceCallsTheRetrieverAndTheMcpServerOnTheServiceMap() {
        ServiceMap map = new Apm(tracking).serviceMap(new ApmWindow(NOW.minus(Duration.ofDays(1)), NOW), null, 50);
        assertThat(map.edges()).extracting(e -> e.caller() + "->" + e.callee()).contains("chat-api->retriever",
                "chat-api->docs-mcp");
        var retriever = map.edges().stream().filter(e -> e.callee().equals("retriever")).findFirst().orElseThrow();
        assertThat(retriever.calls()).isEqualTo(DemoServices.TRACES);
    }

    @Test
    void theAvailabilitySloSeesEveryRequestAndSomeFailures() {
        SloStatus s = new Slos(tracking).status("chat-availability");
        assertThat(s.events()).isEqualTo(DemoServices.TRACES);
        assertThat(s.badEvents()).isPositive();
        assertThat(s.compliancePercent()).isBetween(90.0, 100.0);
    }
}
