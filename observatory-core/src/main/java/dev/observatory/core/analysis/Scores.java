package dev.observatory.core.analysis;

/**
 * Scores of a run, each 0-100 (higher is better), rounded to 0.1. {@code dataset} is null: no dataset is linked to runs
 * yet. See {@code Scoring} for how each is computed.
 */
public record Scores(double overall, double convergence, double stability, double speed, Double dataset) {
}
