package dev.observatory.core.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Text the way Python and tqdm print it: float repr, round(), dict literals, progress bars. */
final class PyFormat {

    private static final String BAR_CHARS = " ▏▎▍▌▋▊▉█";
    private static final int BAR_WIDTH = 10;

    private PyFormat() {
    }

    /** Python's {@code repr(float)}: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
    static String repr(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0.0" : "0.0";
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= 16) {
            String digits = d.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (v < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                    + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
        }
        String plain = d.toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    /** Python's {@code round(v, digits)} (exact half-even on the binary value); NaN and infinities unchanged. */
    static double round(double v, int digits) {
        if (!Double.isFinite(v)) {
            return v;
        }
        return new BigDecimal(v).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
    }

    /**
     * A dict literal from alternating keys and values: Double values with {@link #repr}, Strings quoted, others as they
     * print.
     */
    static String dict(Object... keysAndValues) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (i > 0) {
                b.append(", ");
            }
            b.append('\'').append(keysAndValues[i]).append("': ");
            Object value = keysAndValues[i + 1];
            if (value instanceof Double d) {
                b.append(repr(d));
            } else if (value instanceof String s) {
                b.append('\'').append(s).append('\'');
            } else {
                b.append(value);
            }
        }
        return b.append('}').toString();
    }

    /** tqdm's time format: {@code mm:ss} or {@code h:mm:ss}. */
    static String interval(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        long h = s / 3600;
        long m = s / 60 % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", m, s % 60);
    }

    /** A tqdm progress line, e.g. {@code " 10%|█         | 244/2438 [13:37<2:02:23,  3.35s/it]"}. */
    static String progress(String description, long done, long total, double secondsPerIteration, String postfix) {
        double fraction = (double) done / total;
        int eighths = (int) (fraction * BAR_WIDTH * 8);
        int full = Math.min(BAR_WIDTH, eighths / 8);
        StringBuilder bar = new StringBuilder("█".repeat(full));
        if (full < BAR_WIDTH) {
            bar.append(BAR_CHARS.charAt(eighths % 8)).append(" ".repeat(BAR_WIDTH - full - 1));
        }
        String rate = secondsPerIteration >= 1 ? String.format(Locale.ROOT, "%5.2fs/it", secondsPerIteration)
                : String.format(Locale.ROOT, "%5.2fit/s", 1 / secondsPerIteration);
        String prefix = description.isEmpty() ? "" : description + ": ";
        return String.format(Locale.ROOT, "%s%3.0f%%|%s| %d/%d [%s<%s, %s%s]", prefix, fraction * 100, bar, done, total,
                interval(done * secondsPerIteration), interval((total - done) * secondsPerIteration), rate,
                postfix.isEmpty() ? "" : ", " + postfix);
    }

    /** An integer with thousands separators, as {@code f"{n:,}"}. */
    static String thousands(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
