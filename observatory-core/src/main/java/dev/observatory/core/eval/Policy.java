package dev.observatory.core.eval;

import dev.observatory.model.eval.EvalSubject;
import java.time.Instant;
import java.util.List;

/**
 * A trained policy: a checkpoint (or model artifact) of a run, or a version of a registered model.
 *
 * @param name
 *            {@code <run name>@<step>} (or {@code <run name>/<path>} without a step) for a checkpoint,
 *            {@code <model>:v<version>} for a model version
 * @param project
 *            the project of its run; null for a model version without a source run
 * @param user
 *            the run's user for a checkpoint, who registered it for a model version; may be null
 * @param tags
 *            the run's tags for a checkpoint, the version's tags as {@code key=value} for a model version
 * @param step
 *            the checkpoint's step; null when unknown
 */
public record Policy(EvalSubject subject, String name, String project, String runId, String user, List<String> tags,
        Long step, Instant createdAt) {

    public Policy {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** {@code checkpoint} or {@code model_version}. */
    public String type() {
        return subject.kind().wire();
    }
}
