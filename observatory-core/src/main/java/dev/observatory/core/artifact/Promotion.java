package dev.observatory.core.artifact;

import dev.observatory.core.Actor;
import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.Tracking;
import dev.observatory.core.registry.Registry;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.artifact.Artifact;
import dev.observatory.model.artifact.ArtifactKind;
import dev.observatory.model.artifact.EntityKind;
import dev.observatory.model.artifact.EntityRef;
import dev.observatory.model.artifact.LineageEdge;
import dev.observatory.model.registry.ModelVersion;
import dev.observatory.model.registry.NewModel;
import dev.observatory.model.registry.NewModelVersion;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Promotes a checkpoint to a model version in one step: the version's source is the checkpoint's storage URI, its run
 * is the checkpoint's run, its metrics snapshot holds the run's metric values at the checkpoint's step, and the lineage
 * edge {@code model_version derived_from artifact} is recorded.
 */
public final class Promotion {
    /** Most metrics put in the snapshot. */
    static final int MAX_METRICS = 100;

    private final Tracking tracking;
    private final Artifacts artifacts;
    private final Checkpoints checkpoints;

    public Promotion(Tracking tracking) {
        this.tracking = tracking;
        this.artifacts = new Artifacts(tracking);
        this.checkpoints = new Checkpoints(tracking);
    }

    /**
     * Creates the next version of {@code model} from the checkpoint (creating the model first when {@code createModel}
     * and it does not exist). Only checkpoints and models can be promoted.
     */
    public ModelVersion promote(Actor actor, String artifactId, String model, String description,
            Map<String, String> tags, boolean createModel) {
        if (tracking.readOnly()) {
            throw new ReadOnlyException("checkpoint.promote");
        }
        Artifact a = artifacts.get(artifactId);
        if (a.kind() != ArtifactKind.CHECKPOINT && a.kind() != ArtifactKind.MODEL) {
            throw new IllegalArgumentException("artifact " + artifactId + " is a " + a.kind().wire()
                    + ", not a checkpoint or model: only those can become model versions");
        }
        Registry registry = new Registry(tracking);
        if (createModel && tracking.store().registry().getModel(model).isEmpty()) {
            registry.createModel(actor, new NewModel(model, null, null, null));
        }
        String text = description != null ? description
                : "promoted from checkpoint " + a.path() + (a.step() == null ? "" : " (step " + a.step() + ")")
                        + " of run " + a.runId();
        Map<String, String> allTags = new TreeMap<>(tags == null ? Map.of() : tags);
        allTags.putIfAbsent("observatory.artifact_id", a.id());
        NewModelVersion v = new NewModelVersion(model, artifacts.storageUri(a), a.runId(), text, allTags, null, null,
                null, snapshot(a));
        ModelVersion created = registry.createVersion(actor, v);
        tracking.store().lineage()
                .link(new LineageEdge(EntityRef.of(EntityKind.MODEL_VERSION, created.id()),
                        EntityRef.of(EntityKind.ARTIFACT, a.id()), LineageEdge.DERIVED_FROM, tracking.clock().instant(),
                        LineageEdge.Source.INGEST));
        return created;
    }

    /** The run's metric values at the checkpoint's step; empty (registry default: last values) without a step. */
    private Map<String, Double> snapshot(Artifact a) {
        Map<String, Double> out = new TreeMap<>();
        if (a.step() == null) {
            return out;
        }
        for (MetricSummary s : tracking.store().metrics().summaries(a.runId())) {
            if (out.size() >= MAX_METRICS) {
                break;
            }
            if (s.count() > 0 && s.firstStep() <= a.step()) {
                CheckpointMetric m = checkpoints.metricAt(a.runId(), s.key(), List.of(a)).get(a.id());
                if (m != null) {
                    out.put(s.key(), m.value());
                }
            }
        }
        return out;
    }
}
