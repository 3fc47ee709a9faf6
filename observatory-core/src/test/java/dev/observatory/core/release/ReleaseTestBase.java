package dev.observatory.core.release;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.registry.Registry;
import dev.observatory.model.registry.NewModel;
import dev.observatory.model.registry.NewModelVersion;
import dev.observatory.store.memory.InMemoryStorage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A tracking with llama-3-70b versions 1-2 and audio-model-v3 version 1 (alias champion), and a release repo. */
abstract class ReleaseTestBase {
    static final Actor ADA = new Actor("ada", "mcp");
    final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    final InMemoryStorage store = new InMemoryStorage(clock);
    final Auditor auditor = new Auditor(store.audit(), clock);
    final Tracking tracking = new Tracking(store, clock, false, auditor);
    @TempDir
    Path tmp;
    ReleaseRepoFixture repo;

    @BeforeEach
    void setUp() throws Exception {
        Registry r = new Registry(tracking);
        r.createModel(ADA, NewModel.named("llama-3-70b"));
        r.createVersion(ADA, NewModelVersion.of("llama-3-70b", "s3://m/1", null));
        r.createVersion(ADA, NewModelVersion.of("llama-3-70b", "s3://m/2", null));
        r.createModel(ADA, NewModel.named("audio-model-v3"));
        r.createVersion(ADA, NewModelVersion.of("audio-model-v3", "s3://a/1", null));
        r.setAlias(ADA, "audio-model-v3", "champion", 1);
        repo = new ReleaseRepoFixture(tmp.resolve("releases"));
        Releases.configure(tracking, ReleaseSettings.local(repo.dir, true));
    }

    @AfterEach
    void tearDown() {
        Releases.configure(tracking, null);
        repo.close();
        auditor.close();
        store.close();
    }

    Releases releases() {
        return new Releases(tracking);
    }

    static ReleaseDeployment deployment(String name, String model, String version, int port, Integer... gpus) {
        return new ReleaseDeployment(name, model, version, "vllm", 1, java.util.List.of(port), java.util.List.of(gpus),
                null, 0);
    }
}
