package dev.observatory.core.demo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The plan of one demo run: what to write and how its curves look.
 *
 * @param kind
 *            which trainer it imitates (metric keys and log style)
 * @param outcome
 *            how it ends (status and special curve shape)
 * @param steps
 *            planned optimisation steps (iterations)
 * @param stepScale
 *            x-axis units per iteration (1, or env steps per update for RL)
 * @param logEvery
 *            iterations between two training-metric points
 * @param evalEvery
 *            iterations between two evaluations
 * @param lastPointAt
 *            time of the last written point (for a running run: its latest point so far)
 * @param secondsPerStep
 *            wall time of one iteration
 * @param curve
 *            the run's curve parameters
 */
record DemoRun(String project, String name, Kind kind, Outcome outcome, int steps, int stepScale, int logEvery,
        int evalEvery, String user, List<String> tags, Map<String, Object> params, String notes, String gitCommit,
        String host, Instant lastPointAt, double secondsPerStep, Curve curve) {

    enum Kind {
        LLM, VISION, RL
    }

    enum Outcome {
        FINISHED, DIVERGED, PLATEAU, OOM, RUNNING, KILLED
    }

    /**
     * Shape of a run's curves. The primary series (training loss; episodic return for RL) goes from {@code start} to
     * {@code end}; {@code evalEnd} is the final evaluation accuracy (unused for RL); {@code noise} is the relative
     * step-to-step noise; {@code throughput} is tokens/s, samples/s or env steps/s.
     */
    record Curve(double peakLr, int warmupSteps, double start, double end, double evalEnd, double noise,
            double throughput, double gpuMemGb) {
    }

    /** Iterations actually written: all for finished runs, fewer for runs that stopped early or still run. */
    int writtenSteps() {
        return switch (outcome) {
            case FINISHED, PLATEAU -> steps;
            case DIVERGED -> steps * 2 / 5;
            case OOM -> steps / 9;
            case RUNNING -> steps * 3 / 5;
            case KILLED -> steps * 9 / 20;
        };
    }

    /** Start time: a minute of setup, then the written iterations, ending at {@link #lastPointAt}. */
    Instant startedAt() {
        return lastPointAt.minusMillis(Math.round(writtenSteps() * secondsPerStep * 1000) + 60_000);
    }

    /** End time of a terminal run: the trainer prints its last lines within 20 s after the last point. */
    Instant endedAt() {
        return lastPointAt.plusSeconds(20);
    }

    /** Epoch milliseconds at which an iteration's point was logged. */
    long timeOf(long iteration) {
        return startedAt().toEpochMilli() + 60_000 + Math.round(iteration * secondsPerStep * 1000);
    }
}
