package dev.observatory.core.analysis;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Markdown summary of an observability report: health, scores, gates, bottlenecks, recommendations, charts. */
final class ReportMarkdown {
    private ReportMarkdown() {
    }

    /** {@code charts}: file name (relative to the report) to the metric it shows. */
    static String render(TrainingObservability t, Map<String, String> charts, String generatedAt) {
        StringBuilder md = new StringBuilder();
        md.append("# Observability report: ").append(esc(t.run().name())).append("\n\n");
        md.append("- Run: `").append(t.run().id()).append("` in project `").append(t.run().project())
                .append("`, status ").append(t.run().status()).append('\n');
        md.append("- Health: **").append(t.health()).append("**\n");
        md.append("- Generated: ").append(generatedAt)
                .append(" (contract training-observability.v1, see report.json)\n");
        md.append("- Primary metric: `").append(t.context().primaryMetric()).append("` (")
                .append(t.context().direction().name().toLowerCase(Locale.ROOT)).append("), run class ")
                .append(t.context().runClass()).append("\n\n");
        Scores s = t.scores();
        md.append("## Scores (0-100)\n\n| overall | convergence | stability | speed |\n|---|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| %.1f | %.1f | %.1f | %.1f |%n%n", s.overall(), s.convergence(),
                s.stability(), s.speed()));
        md.append("## Decision gates\n\n");
        t.decisionGates()
                .forEach((k, v) -> md.append("- ").append(k).append(": ").append(v ? "yes" : "no").append('\n'));
        if (!t.releaseBlockers().isEmpty()) {
            md.append("- Release blockers: ").append(String.join(", ", t.releaseBlockers())).append('\n');
        }
        md.append("\n## Bottlenecks\n\n");
        if (t.bottlenecks().isEmpty()) {
            md.append("None found.\n");
        }
        for (Bottleneck b : t.bottlenecks()) {
            md.append(String.format(Locale.ROOT, "- **%s** (%s, confidence %.2f from %s)%s: %s%n", b.code(),
                    b.severity(), b.confidence(), b.confidenceSource(), b.step() == null ? "" : " at step " + b.step(),
                    esc(b.message())));
        }
        md.append("\n## Recommendations\n\n");
        if (t.recommendations().isEmpty()) {
            md.append("None.\n");
        }
        for (Recommendation r : t.recommendations()) {
            md.append("- [").append(r.priority()).append("] **").append(esc(r.title())).append("**: ")
                    .append(esc(r.detail())).append('\n');
        }
        TrainingObservability.Errors e = t.errors();
        md.append(String.format(Locale.ROOT,
                "%n## Logs%n%n%d lines analysed: %d errors, %d warnings, %d out-of-memory, %d NaN warnings, %d"
                        + " distinct signatures.%n",
                e.linesAnalysed(), e.errorCount(), e.warningCount(), e.oomCount(), e.nanCount(),
                e.distinctSignatures()));
        if (!charts.isEmpty()) {
            md.append("\n## Charts\n\n");
            charts.forEach(
                    (file, metric) -> md.append("![").append(esc(metric)).append("](").append(file).append(")\n\n"));
        }
        return md.toString();
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("\n", " ").replace("|", "\\|");
    }

    /** The metrics worth a chart: primary, eval counterpart and throughput, without repeats or nulls. */
    static List<String> keyMetrics(TrainingObservability t) {
        return java.util.stream.Stream
                .of(t.context().primaryMetric(), t.quality().evalMetric(), t.context().throughputMetric())
                .filter(java.util.Objects::nonNull).distinct().limit(4).toList();
    }
}
