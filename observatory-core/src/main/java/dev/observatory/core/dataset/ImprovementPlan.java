package dev.observatory.core.dataset;

import java.util.List;
import java.util.Map;

/**
 * The changes auto_improve_dataset plans (dry run) or made (applied), every one reversible.
 *
 * @param applied
 *            false for a dry run (nothing touched)
 * @param counts
 *            changes per reason
 * @param runId
 *            when applied: the id of this application; {@code undo} with it moves everything back
 * @param manifest
 *            when applied: the manifest listing every change, relative to the dataset folder
 */
public record ImprovementPlan(String path, boolean applied, List<DatasetChange> changes, Map<String, Long> counts,
        String runId, String manifest) {
}
