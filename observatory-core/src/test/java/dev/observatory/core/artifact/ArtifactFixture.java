package dev.observatory.core.artifact;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.model.MetricColumns;
import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.store.blob.FileBlobStore;
import dev.observatory.store.memory.InMemoryStorage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** An in-memory store with a filesystem blob store in a temporary directory, one project and a run. */
final class ArtifactFixture implements AutoCloseable {
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    static final Actor ACTOR = new Actor("test", "rest");

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final InMemoryStorage store = new InMemoryStorage(clock);
    final Auditor auditor = new Auditor(store.audit(), clock);
    final FileBlobStore blobs;
    final Tracking tracking;
    final Artifacts artifacts;
    final Run run;

    ArtifactFixture(Path dir) {
        this(dir, false);
    }

    ArtifactFixture(Path dir, boolean readOnly) {
        blobs = FileBlobStore.open(dir.resolve("blobs"), () -> "http://obs.test", clock);
        tracking = new Tracking(store, clock, readOnly, auditor, blobs);
        artifacts = new Artifacts(tracking);
        Tracking writer = new Tracking(store, clock, false, auditor, blobs);
        writer.createProject(ACTOR, "vision", null);
        run = writer.createRun(ACTOR, NewRun.of("vision", "resnet"));
    }

    Run newRun(String name) {
        return tracking.createRun(ACTOR, NewRun.of("vision", name));
    }

    /** Uploads text content to a path of the run. */
    dev.observatory.model.artifact.Artifact upload(Run r, String path, String content) {
        return artifacts.upload(ACTOR, Upload.of(r.id(), path, stream(content)));
    }

    static ByteArrayInputStream stream(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }

    /** eval/loss logged every 100 steps from step 100 to 1000: lowest (0.2) at step 600. */
    void evalLoss(Run r) {
        long[] steps = new long[10];
        double[] values = { 0.9, 0.7, 0.5, 0.4, 0.3, 0.2, 0.25, 0.3, 0.35, 0.4 };
        long[] ts = new long[10];
        for (int i = 0; i < 10; i++) {
            steps[i] = (i + 1) * 100L;
            ts[i] = NOW.toEpochMilli() + i;
        }
        tracking.logMetrics(ACTOR, r.id(), Map.of("eval/loss", new MetricColumns(steps, values, ts)));
    }

    @Override
    public void close() {
        auditor.close();
        blobs.close();
        store.close();
    }
}
