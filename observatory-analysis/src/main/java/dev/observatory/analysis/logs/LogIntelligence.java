package dev.observatory.analysis.logs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Log intelligence: error and warning signatures, out-of-memory and NaN detection, and clustering of repeated lines by
 * signature with counts and first/last position. One pass; no regular expressions on the hot path.
 * <p>
 * Input: a list of {@link LogRecord} (null list or null records throw {@link IllegalArgumentException}); an empty list
 * gives an empty report. INFO/DEBUG lines count only when their text reports an OOM or a NaN.
 */
public final class LogIntelligence {

    /** Clusters listed at most. */
    public static final int MAX_CLUSTERS = 50;
    /** Count from which an error signature counts as repeated. */
    public static final int REPEATED = 3;

    private static final String[] OOM = { "out of memory", "outofmemoryerror", "cuda oom", "oom-kill", "oom killer",
            "cannot allocate memory", "std::bad_alloc", "memoryerror", "resource_exhausted", "killed process" };
    private static final String[] NAN = { "nan", "inf", "non-finite", "nonfinite", "not finite", "overflow",
            "gradient overflow", "found inf" };

    private LogIntelligence() {
    }

    /** Analyses the lines; see the class comment. */
    public static LogReport analyse(List<LogRecord> records) {
        if (records == null) {
            throw new IllegalArgumentException("records must not be null");
        }
        Map<String, Acc> bySignature = new HashMap<>();
        int errors = 0;
        int warnings = 0;
        int ooms = 0;
        int nans = 0;
        Long firstOom = null;
        Long firstNan = null;
        for (LogRecord r : records) {
            if (r == null) {
                throw new IllegalArgumentException("records must not contain null");
            }
            String text = r.message() == null ? "" : r.message();
            String lower = text.toLowerCase(Locale.ROOT);
            String level = severity(r.level(), lower);
            boolean oom = containsAny(lower, OOM);
            boolean nan = !oom && mentionsNan(lower);
            errors += "error".equals(level) ? 1 : 0;
            warnings += "warning".equals(level) ? 1 : 0;
            if (oom) {
                ooms++;
                firstOom = firstOom == null ? r.position() : Math.min(firstOom, r.position());
            }
            if (nan) {
                nans++;
                firstNan = firstNan == null ? r.position() : Math.min(firstNan, r.position());
            }
            if (level == null && !oom && !nan) {
                continue;
            }
            String category = oom ? "oom" : nan ? "nan" : level;
            String effectiveLevel = level == null ? (oom ? "error" : "warning") : level;
            bySignature.computeIfAbsent(Signatures.of(text), s -> new Acc(s, category, text)).add(r.position(),
                    effectiveLevel);
        }
        List<LogCluster> clusters = new ArrayList<>();
        int repeated = 0;
        for (Acc a : bySignature.values()) {
            clusters.add(a.toCluster());
            repeated += !"warning".equals(a.category) && a.count >= REPEATED ? 1 : 0;
        }
        clusters.sort(
                Comparator.comparingInt(LogCluster::count).reversed().thenComparingLong(LogCluster::firstPosition));
        int distinct = clusters.size();
        List<LogCluster> top = List.copyOf(clusters.subList(0, Math.min(MAX_CLUSTERS, distinct)));
        return new LogReport(records.size(), errors, warnings, ooms, nans, firstOom, firstNan, top, distinct, repeated);
    }

    /** "error", "warning" or null (info/debug/unknown and nothing error-looking in the text). */
    static String severity(String level, String lowerText) {
        String l = level == null ? "" : level.strip().toUpperCase(Locale.ROOT);
        switch (l) {
            case "ERROR", "FATAL", "CRITICAL", "SEVERE", "ERR", "CRIT", "EMERG", "ALERT":
                return "error";
            case "WARN", "WARNING":
                return "warning";
            case "":
                break;
            default:
                return null;
        }
        if (lowerText.startsWith("traceback") || lowerText.contains("exception") || lowerText.startsWith("error")
                || lowerText.contains(" error:") || lowerText.startsWith("fatal")) {
            return "error";
        }
        return lowerText.startsWith("warning") || lowerText.contains("warning:") ? "warning" : null;
    }

    /** Whether the text reports a NaN/Inf: the words "nan"/"inf" standing alone, or a known phrase. */
    static boolean mentionsNan(String lower) {
        for (String token : NAN) {
            int from = 0;
            int at;
            while ((at = lower.indexOf(token, from)) >= 0) {
                int end = at + token.length();
                boolean alone = (at == 0 || !Character.isLetter(lower.charAt(at - 1)))
                        && (end == lower.length() || !Character.isLetter(lower.charAt(end)));
                if (alone) {
                    return true;
                }
                from = at + 1;
            }
        }
        return false;
    }

    private static boolean containsAny(String lower, String[] needles) {
        for (String n : needles) {
            if (lower.contains(n)) {
                return true;
            }
        }
        return false;
    }

    private static final class Acc {
        final String signature;
        final String category;
        final String example;
        String level = "warning";
        int count;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;

        Acc(String signature, String category, String example) {
            this.signature = signature;
            this.category = category;
            this.example = example.length() > 300 ? example.substring(0, 300) : example;
        }

        void add(long position, String lineLevel) {
            count++;
            first = Math.min(first, position);
            last = Math.max(last, position);
            if ("error".equals(lineLevel)) {
                level = "error";
            }
        }

        LogCluster toCluster() {
            return new LogCluster(signature, category, level, count, first, last, example);
        }
    }
}
