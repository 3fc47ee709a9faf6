package dev.observatory.analysis;

/** Argument checks shared by the algorithms of this package. */
final class Series {

    private Series() {
    }

    static void checkSameLength(long[] steps, double[] values) {
        if (steps.length != values.length) {
            throw new IllegalArgumentException(
                    "steps and values must have the same length (got " + steps.length + ", " + values.length + ")");
        }
    }

    static boolean isSorted(long[] steps) {
        for (int i = 1; i < steps.length; i++) {
            if (steps[i] < steps[i - 1]) {
                return false;
            }
        }
        return true;
    }
}
