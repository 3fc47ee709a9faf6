package dev.observatory.client.apm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The last N calls' signals, for snapshots and alerts. Adding is O(1) under a lock; reading copies the ring. */
final class Window {
    /** One call's signals; null means "not reported". */
    record Sample(long durationNanos, Double costUsd, boolean fallback, boolean retried, Double confidence,
            Boolean gateBlocked, Double promptDiff, Boolean shadowAgreement, boolean deterministicFallback,
            boolean highRisk, Boolean goldenPassed, boolean error, long promptTokens, long completionTokens) {
    }

    private final Sample[] ring;
    private long added;

    Window(int size) {
        this.ring = new Sample[size];
    }

    synchronized void add(Sample s) {
        ring[(int) (added % ring.length)] = s;
        added++;
    }

    synchronized List<Sample> samples() {
        int n = (int) Math.min(added, ring.length);
        List<Sample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(ring[i]);
        }
        return out;
    }

    static MetricsSnapshot snapshot(String service, List<Sample> samples, AlertThresholds t) {
        long n = samples.size();
        double cost = 0;
        long costed = 0;
        long fallback = 0, retried = 0, detFallback = 0, highRisk = 0, errors = 0, in = 0, out = 0;
        long confN = 0, lowConf = 0, gateN = 0, gateBlocked = 0, diffN = 0, diffBad = 0, shadowN = 0, shadowBad = 0;
        long goldenN = 0, goldenBad = 0;
        long[] durations = new long[samples.size()];
        int i = 0;
        for (Sample s : samples) {
            durations[i++] = s.durationNanos();
            if (s.costUsd() != null) {
                cost += s.costUsd();
                costed++;
            }
            fallback += s.fallback() ? 1 : 0;
            retried += s.retried() ? 1 : 0;
            detFallback += s.deterministicFallback() ? 1 : 0;
            highRisk += s.highRisk() ? 1 : 0;
            errors += s.error() ? 1 : 0;
            in += s.promptTokens();
            out += s.completionTokens();
            if (s.confidence() != null) {
                confN++;
                lowConf += s.confidence() < t.lowConfidence() ? 1 : 0;
            }
            if (s.gateBlocked() != null) {
                gateN++;
                gateBlocked += s.gateBlocked() ? 1 : 0;
            }
            if (s.promptDiff() != null) {
                diffN++;
                diffBad += s.promptDiff() > t.promptDiffViolation() ? 1 : 0;
            }
            if (s.shadowAgreement() != null) {
                shadowN++;
                shadowBad += s.shadowAgreement() ? 0 : 1;
            }
            if (s.goldenPassed() != null) {
                goldenN++;
                goldenBad += s.goldenPassed() ? 0 : 1;
            }
        }
        Arrays.sort(durations);
        return new MetricsSnapshot(service, n, costed == 0 ? null : cost / costed, rate(fallback, n), rate(retried, n),
                rate(lowConf, confN), rate(gateBlocked, gateN), rate(diffBad, diffN), rate(shadowBad, shadowN),
                rate(detFallback, n), rate(highRisk, n), rate(goldenBad, goldenN), rate(errors, n),
                percentileMs(durations, 0.50), percentileMs(durations, 0.95), percentileMs(durations, 0.99), in, out);
    }

    static List<Alert> alerts(MetricsSnapshot s, AlertThresholds t) {
        List<Alert> out = new ArrayList<>();
        check(out, "fallback_rate", s.fallbackRate(), t.fallbackRate(), s.calls());
        check(out, "retry_rate", s.retryRate(), t.retryRate(), s.calls());
        check(out, "low_confidence_rate", s.lowConfidenceRate(), t.lowConfidenceRate(), s.calls());
        check(out, "confidence_gate_block_rate", s.confidenceGateBlockRate(), t.confidenceGateBlockRate(), s.calls());
        check(out, "prompt_diff_violation_rate", s.promptDiffViolationRate(), t.promptDiffViolationRate(), s.calls());
        check(out, "shadow_disagreement_rate", s.shadowDisagreementRate(), t.shadowDisagreementRate(), s.calls());
        check(out, "golden_financial_failure_rate", s.goldenFinancialFailureRate(), t.goldenFailureRate(), s.calls());
        check(out, "error_rate", s.errorRate(), t.errorRate(), s.calls());
        check(out, "p95_latency_ms", s.p95LatencyMs(), t.p95LatencyMs(), s.calls());
        return out;
    }

    private static void check(List<Alert> out, String name, double value, double threshold, long calls) {
        if (value > threshold) {
            out.add(new Alert(name, value, threshold, calls));
        }
    }

    private static double rate(long hits, long of) {
        return of == 0 ? 0 : (double) hits / of;
    }

    /** Nearest-rank percentile in milliseconds; 0 without samples. */
    static double percentileMs(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }
}
