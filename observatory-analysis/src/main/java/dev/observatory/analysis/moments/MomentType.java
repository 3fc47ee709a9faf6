package dev.observatory.analysis.moments;

/** Kinds of critical moment in a training curve. */
public enum MomentType {
    /** A sustained step improvement: the level moves to a better value within a short span and stays there. */
    BREAKTHROUGH,
    /** A sustained step regression: the level moves to a worse value and stays there (a "drop" in quality). */
    DROP,
    /** Learning stalls for a while (start step, end step) and then resumes. A flat end of the run is convergence. */
    PLATEAU,
    /** The run blows up: NaN/infinite values, or the metric explodes far beyond its best level and stays there. */
    DIVERGENCE
}
