package dev.observatory.analysis.benchmark;

/**
 * Detection counts for one moment type (or all types together).
 *
 * @param type
 *            moment type name in lower case, or "all"
 * @param truePositives
 *            labels matched by a detection of the same type within tolerance
 * @param falsePositives
 *            detections of this type that matched no label
 * @param falseNegatives
 *            labels of this type that no detection matched
 */
public record TypeScore(String type, int truePositives, int falsePositives, int falseNegatives) {

    /** TP / (TP + FP); 1 when nothing was detected. */
    public double precision() {
        int d = truePositives + falsePositives;
        return d == 0 ? 1 : (double) truePositives / d;
    }

    /** TP / (TP + FN); 1 when there was nothing to find. */
    public double recall() {
        int d = truePositives + falseNegatives;
        return d == 0 ? 1 : (double) truePositives / d;
    }

    TypeScore plus(TypeScore o) {
        return new TypeScore(type, truePositives + o.truePositives, falsePositives + o.falsePositives,
                falseNegatives + o.falseNegatives);
    }
}
