package dev.observatory.core.job;

import java.math.BigInteger;

/**
 * Decimal text to the nearest double without allocation, the same double as {@link Double#parseDouble}: Clinger's fast
 * path when the significand and the power of ten are both exact doubles, else the Eisel-Lemire algorithm (Lemire,
 * "Number Parsing at a Gigabyte per Second", 2021) with a 128-bit truncated power of five. Whenever either cannot
 * decide (ties, subnormals, more than 19 significant digits, exponents out of range) the answer is NaN and the caller
 * falls back to parseDouble. Training logs print values like {@code 0.0018257418583505537} (17 digits) on every line;
 * parseDouble needs big-integer arithmetic for many of them.
 */
final class FastDecimal {
    private static final int MIN_Q = -342;
    private static final int MAX_Q = 308;
    private static final double[] POW10 = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
            1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
    /** For q in [-342, 308] at 2 * (q + 342): the high and low 64 bits of 5^q, normalised to 128 bits. */
    private static final long[] POW5 = powersOfFive();

    private FastDecimal() {
    }

    /**
     * The value of s[from, to): optional sign, digits with at most one '.', optional exponent ({@code e-05}); NaN when
     * it is not such a number or cannot be decided here.
     */
    static double parse(String s, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long w = 0;
        int digits = 0;
        int scale = 0;
        boolean dot = false;
        boolean any = false;
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                any = true;
                if (w == 0 && c == '0') {
                    scale += dot ? 1 : 0;
                    continue;
                }
                if (++digits > 19) {
                    return Double.NaN;
                }
                w = w * 10 + (c - '0');
                scale += dot ? 1 : 0;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                break;
            }
        }
        if (!any) {
            return Double.NaN;
        }
        int exp = 0;
        if (i < to) {
            char c = s.charAt(i);
            if (c != 'e' && c != 'E' || ++i >= to) {
                return Double.NaN;
            }
            boolean expNegative = s.charAt(i) == '-';
            if (s.charAt(i) == '-' || s.charAt(i) == '+') {
                i++;
            }
            if (i >= to || to - i > 3) {
                return Double.NaN;
            }
            for (; i < to; i++) {
                char d = s.charAt(i);
                if (d < '0' || d > '9') {
                    return Double.NaN;
                }
                exp = exp * 10 + (d - '0');
            }
            exp = expNegative ? -exp : exp;
        }
        int q = exp - scale;
        double v;
        if (w == 0) {
            v = 0.0;
        } else if (digits <= 15 && q >= -22 && q <= 22) {
            v = q >= 0 ? w * POW10[q] : w / POW10[-q];
        } else {
            v = eiselLemire(w, q);
        }
        return negative ? -v : v;
    }

    /** w * 10^q for w != 0 (unsigned), or NaN when the 128-bit product cannot decide the rounding. */
    static double eiselLemire(long w, int q) {
        if (q < MIN_Q || q > MAX_Q) {
            return Double.NaN;
        }
        int lz = Long.numberOfLeadingZeros(w);
        w <<= lz;
        int index = 2 * (q - MIN_Q);
        long hi = Math.unsignedMultiplyHigh(w, POW5[index]);
        long lo = w * POW5[index];
        if ((hi & 0x1FF) == 0x1FF && Long.compareUnsigned(lo + w, lo) < 0) {
            long hi2 = Math.unsignedMultiplyHigh(w, POW5[index + 1]);
            long lo2 = w * POW5[index + 1];
            long newLo = lo + hi2;
            long newHi = hi + (Long.compareUnsigned(newLo, lo) < 0 ? 1 : 0);
            if ((newHi & 0x1FF) == 0x1FF && newLo + 1 == 0 && Long.compareUnsigned(lo2 + w, lo2) < 0) {
                return Double.NaN;
            }
            hi = newHi;
            lo = newLo;
        }
        long upperBit = hi >>> 63;
        long mantissa = hi >>> (upperBit + 9);
        lz += (int) (1 ^ upperBit);
        if ((hi & 0x1FF) == 0x1FF || (hi & 0x1FF) == 0 && (mantissa & 3) == 1) {
            return Double.NaN; // possibly halfway between two doubles
        }
        mantissa += 1;
        mantissa >>>= 1;
        if (mantissa >= 1L << 53) {
            mantissa = 1L << 52;
            lz--;
        }
        mantissa &= ~(1L << 52);
        long exponent = (((152170L + 65536L) * q) >> 16) + 1024 + 63 - lz;
        if (exponent < 1 || exponent > 2046) {
            return Double.NaN;
        }
        return Double.longBitsToDouble(mantissa | exponent << 52);
    }

    /** The table of the fast_float project's generator, computed once with BigInteger (a few milliseconds). */
    private static long[] powersOfFive() {
        long[] t = new long[2 * (MAX_Q - MIN_Q + 1)];
        BigInteger two128 = BigInteger.ONE.shiftLeft(128);
        BigInteger two127 = BigInteger.ONE.shiftLeft(127);
        for (int q = MIN_Q; q <= MAX_Q; q++) {
            BigInteger c;
            if (q < 0) {
                BigInteger p5 = BigInteger.valueOf(5).pow(-q);
                int z = p5.subtract(BigInteger.ONE).bitLength(); // least z with 2^z >= 5^-q
                int b = q >= -27 ? z + 127 : 2 * z + 128;
                c = BigInteger.ONE.shiftLeft(b).divide(p5).add(BigInteger.ONE);
                while (c.compareTo(two128) >= 0) {
                    c = c.shiftRight(1);
                }
            } else {
                c = BigInteger.valueOf(5).pow(q);
                while (c.compareTo(two127) < 0) {
                    c = c.shiftLeft(1);
                }
                while (c.compareTo(two128) >= 0) {
                    c = c.shiftRight(1);
                }
            }
            int at = 2 * (q - MIN_Q);
            t[at] = c.shiftRight(64).longValue();
            t[at + 1] = c.longValue();
        }
        return t;
    }
}
