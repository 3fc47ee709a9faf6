package dev.observatory.core.analysis;

import dev.observatory.analysis.rl.ActionMastery;
import dev.observatory.analysis.rl.BehaviouralPatterns;
import dev.observatory.analysis.rl.ResourceEfficiency;
import dev.observatory.core.Tracking;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Behavioural patterns of RL runs. Per-action rates are read as M4 charts of {@value #BUCKETS} buckets (mastery looks
 * at the smoothed rate settling, which the chart keeps); reward and resource are read in full (efficiency pairs them on
 * equal steps).
 */
final class Behaviour {
    static final int BUCKETS = 1_000;
    static final int MAX_ACTIONS = 50;
    private final Tracking tracking;
    private final SeriesReader reader;

    Behaviour(Tracking tracking, SeriesReader reader) {
        this.tracking = tracking;
        this.reader = reader;
    }

    Reports.Behaviour analyse(String runId, String family, String rewardMetric, String resourceMetric) {
        Run run = tracking.getRun(runId);
        List<MetricSummary> summaries = Checks.summaries(tracking, runId);
        List<String> notes = new ArrayList<>();
        String prefix = family;
        List<MetricSummary> members = new ArrayList<>();
        if (prefix != null) {
            for (MetricSummary s : summaries) {
                if (s.key().startsWith(prefix)) {
                    members.add(s);
                }
            }
            if (members.isEmpty()) {
                throw new IllegalArgumentException("run " + runId + " has no metric starting with '" + prefix
                        + "'; its metrics are " + Checks.keys(summaries));
            }
        } else {
            for (MetricSummary s : summaries) {
                if (s.key().toLowerCase(Locale.ROOT).contains("action")) {
                    members.add(s);
                }
            }
            if (members.isEmpty()) {
                notes.add("no per-action metrics found (keys containing 'action'); pass family= with the prefix"
                        + " of the per-action rates, e.g. 'actions/'");
            }
        }
        if (members.size() > MAX_ACTIONS) {
            notes.add("only the first " + MAX_ACTIONS + " of " + members.size() + " action metrics were analysed");
            members = members.subList(0, MAX_ACTIONS);
        }
        Map<String, BehaviouralPatterns.Series> fam = new LinkedHashMap<>();
        for (MetricSummary s : members) {
            SeriesData d = reader.chart(runId, s, BUCKETS);
            fam.put(s.key(), new BehaviouralPatterns.Series(d.steps(), d.values()));
        }
        List<ActionMastery> mastery = BehaviouralPatterns.mastery(fam);
        String reward = rewardMetric != null ? Checks.summary(runId, summaries, rewardMetric).key()
                : summaries.stream().map(MetricSummary::key).filter(MetricChoice::isReward).findFirst().orElse(null);
        ResourceEfficiency eff = null;
        if (reward != null && resourceMetric != null) {
            SeriesData r = reader.full(runId, Checks.summary(runId, summaries, reward));
            SeriesData u = reader.full(runId, Checks.summary(runId, summaries, resourceMetric));
            eff = BehaviouralPatterns.efficiency(r.steps(), r.values(), u.steps(), u.values());
        } else if (resourceMetric == null) {
            notes.add("pass resource_metric (energy, tokens, GPU seconds...) to measure reward per unit of it");
        } else {
            notes.add("no reward metric found; pass reward_metric");
        }
        return new Reports.Behaviour(RunRef.of(run), prefix, mastery, reward, resourceMetric, eff, notes);
    }
}
