package dev.observatory.analysis.logs;

import java.util.List;

/**
 * What the logs of a run say about its health.
 *
 * @param lines
 *            lines analysed
 * @param errorCount
 *            lines at ERROR/FATAL/CRITICAL/SEVERE level, or with no level but an error-looking text (Traceback,
 *            Exception, "error:")
 * @param warningCount
 *            lines at WARN/WARNING level
 * @param oomCount
 *            lines reporting out-of-memory (CUDA/CPU OOM, OutOfMemoryError, bad_alloc, "Killed" by the OOM killer)
 * @param nanCount
 *            lines reporting NaN/Inf values (loss is nan, non-finite, overflow in gradients, ...)
 * @param firstOomPosition
 *            position of the first OOM line; null when none
 * @param firstNanPosition
 *            position of the first NaN line; null when none
 * @param clusters
 *            error, warning, OOM and NaN lines grouped by signature, most frequent first (at most
 *            {@link LogIntelligence#MAX_CLUSTERS}; ties by first position)
 * @param distinctSignatures
 *            number of distinct signatures (may exceed the clusters listed)
 * @param repeatedErrorSignatures
 *            signatures of error-category clusters seen at least {@link LogIntelligence#REPEATED} times
 */
public record LogReport(int lines, int errorCount, int warningCount, int oomCount, int nanCount, Long firstOomPosition,
        Long firstNanPosition, List<LogCluster> clusters, int distinctSignatures, int repeatedErrorSignatures) {
}
