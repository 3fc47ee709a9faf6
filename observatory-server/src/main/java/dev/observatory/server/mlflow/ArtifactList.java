package dev.observatory.server.mlflow;

import dev.observatory.core.artifact.Artifacts;
import dev.observatory.model.Run;
import java.io.IOException;
import tools.jackson.core.JsonGenerator;

/**
 * {@code GET artifacts/list}: one directory level of a run's artifacts ({@code path}, default the root), as the
 * official clients' {@code listArtifacts} reads it: {@code root_uri} (the run's artifact_uri) and {@code files} with
 * paths relative to that root. Every entry comes in one answer (MLflow's own server does not page it either).
 */
final class ArtifactList {
    private final MlflowRuns runs;
    private final Artifacts artifacts;

    ArtifactList(MlflowRuns runs, Artifacts artifacts) {
        this.runs = runs;
        this.artifacts = artifacts;
    }

    void list(MlflowRequest req, MlflowServlet.Reply reply) throws IOException {
        Run run = runs.run(req.runId());
        String path = req.string("path");
        long experiment = runs.experimentOf(run).id();
        JsonGenerator g = reply.json();
        g.writeStartObject();
        g.writeStringProperty("root_uri", Views.artifactRoot(experiment) + "/" + run.id() + "/artifacts");
        g.writeArrayPropertyStart("files");
        for (ArtifactListing.FileInfo f : ArtifactListing.list(artifacts, run.id(), path, false)) {
            Views.fileInfo(g, f);
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
