package dev.observatory.core.job;

/**
 * Reads metrics from a training program's log lines without regular expressions (it must keep up with 200,000 lines per
 * second). Profiles, tried in this order:
 * <ul>
 * <li>{@code json}: a flat object, JSON or Python dict as the Hugging Face Trainer prints it ({@code {'loss': 0.5,
 * 'learning_rate': 5e-05, 'epoch': 0.1}}); nested values and strings are skipped</li>
 * <li>{@code lightning}: PyTorch Lightning progress lines
 * ({@code Epoch 3:  45%|####| 45/100 [00:10<00:12, 4.50it/s, loss=0.234, v_num=0]}); the step is
 * {@code epoch * total + n}</li>
 * <li>{@code plain_step}: lines starting with step/iter ({@code step 100 loss 0.5}, {@code Step 100/1000, loss: 0.5})
 * </li>
 * <li>{@code key_value}: {@code name=value} pairs anywhere ({@code step=10 loss=0.5 lr=1e-3})</li>
 * </ul>
 * Values may be {@code nan}, {@code inf} or {@code -inf} (any case). A line without a step gets none here; the caller
 * numbers such lines.
 */
public final class LogMetricParser {
    private static final int MAX_KEY = 100;
    private static final int KEY_CACHE = 64;

    /** The key strings seen lately, so that the same key on every line is one String (no copy, hash cached). */
    private final String[] keys = new String[KEY_CACHE];

    /** Parses the line into {@code out} (cleared first); returns whether any metric was found. */
    public boolean parse(String line, ParsedLine out) {
        out.clear();
        int start = skipSpace(line, 0);
        if (start >= line.length()) {
            return false;
        }
        char first = line.charAt(start);
        if (first == '{') {
            if (flatObject(line, start, out)) {
                out.profile = "json";
                return true;
            }
            out.clear();
            return false;
        }
        if ((first == 'E') && line.startsWith("Epoch ", start) && lightning(line, start, out)) {
            out.profile = "lightning";
            return true;
        }
        if (startsWithWord(line, start, "step") || startsWithWord(line, start, "iter")) {
            words(line, start, out);
            if (out.size > 0) {
                out.profile = "plain_step";
                return true;
            }
            out.clear();
        }
        if (line.indexOf('=') >= 0) {
            pairs(line, start, line.length(), out);
            if (out.size > 0 || out.step != ParsedLine.NO_STEP) {
                out.profile = "key_value";
                return out.size > 0;
            }
        }
        return false;
    }

    // ---- json / python dict

    private boolean flatObject(String s, int i, ParsedLine out) {
        int n = s.length();
        i++;
        while (true) {
            i = skipSpace(s, i);
            if (i >= n) {
                return false;
            }
            char c = s.charAt(i);
            if (c == '}') {
                return out.size > 0 || out.step != ParsedLine.NO_STEP;
            }
            if (c == ',') {
                i++;
                continue;
            }
            if (c != '"' && c != '\'') {
                return false;
            }
            int end = s.indexOf(c, i + 1);
            if (end < 0 || end - i - 1 > MAX_KEY) {
                return false;
            }
            String key = key(s, i + 1, end);
            i = skipSpace(s, end + 1);
            if (i >= n || s.charAt(i) != ':') {
                return false;
            }
            i = skipSpace(s, i + 1);
            int valueEnd = valueEnd(s, i);
            if (valueEnd < 0) {
                return false;
            }
            double v = number(s, i, valueEnd);
            if (!Double.isNaN(v) || isNanWord(s, i, valueEnd)) {
                out.add(key, v);
            }
            i = valueEnd;
        }
    }

    /** End of the value starting at i (strings and nested brackets skipped), or -1 when malformed. */
    private static int valueEnd(String s, int i) {
        int n = s.length();
        if (i >= n) {
            return -1;
        }
        char c = s.charAt(i);
        if (c == '"' || c == '\'') {
            int end = s.indexOf(c, i + 1);
            return end < 0 ? -1 : end + 1;
        }
        if (c == '{' || c == '[' || c == '(') {
            int depth = 0;
            for (int j = i; j < n; j++) {
                char d = s.charAt(j);
                if (d == '{' || d == '[' || d == '(') {
                    depth++;
                } else if (d == '}' || d == ']' || d == ')') {
                    if (--depth == 0) {
                        return j + 1;
                    }
                }
            }
            return -1;
        }
        int j = i;
        while (j < n && s.charAt(j) != ',' && s.charAt(j) != '}') {
            j++;
        }
        int end = j;
        while (end > i && s.charAt(end - 1) == ' ') {
            end--;
        }
        return end;
    }

    // ---- lightning

    private boolean lightning(String s, int i, ParsedLine out) {
        int colon = s.indexOf(':', i + 6);
        if (colon < 0) {
            return false;
        }
        double epoch = number(s, i + 6, colon);
        if (Double.isNaN(epoch)) {
            return false;
        }
        int bar = s.indexOf('|', colon);
        bar = bar < 0 ? -1 : s.indexOf('|', bar + 1);
        if (bar > 0) {
            int slash = s.indexOf('/', bar);
            int open = s.indexOf('[', bar);
            if (slash > 0 && open > slash) {
                double n = number(s, skipSpace(s, bar + 1), slash);
                double total = number(s, slash + 1, open);
                if (Double.isFinite(n) && Double.isFinite(total)) {
                    out.step = (long) (epoch * total + n);
                }
            }
        }
        out.add("epoch", epoch);
        int from = s.indexOf(',', Math.max(colon, bar));
        if (from > 0) {
            pairs(s, from, s.length(), out);
        }
        return true;
    }

    // ---- plain "step N name value ..."

    private void words(String s, int i, ParsedLine out) {
        int n = s.length();
        String pendingKey = null;
        while (i < n) {
            i = skipSeparators(s, i);
            if (i >= n) {
                break;
            }
            int end = i;
            while (end < n && !isSeparator(s.charAt(end))) {
                end++;
            }
            int eq = s.indexOf('=', i, end);
            if (eq > i && eq < end - 1) {
                add(out, key(s, i, eq), number(s, eq + 1, end), s, eq + 1, end);
                pendingKey = null;
            } else {
                int tokenEnd = end;
                int slash = s.indexOf('/', i, end);
                if (slash > i) {
                    tokenEnd = slash; // "100/1000" -> 100
                }
                double v = number(s, i, tokenEnd);
                if (!Double.isNaN(v) || isNanWord(s, i, tokenEnd)) {
                    if (pendingKey != null) {
                        add(out, pendingKey, v, s, i, tokenEnd);
                        pendingKey = null;
                    }
                } else {
                    int keyEnd = s.charAt(end - 1) == ':' ? end - 1 : end;
                    pendingKey = keyEnd - i <= MAX_KEY && keyEnd > i ? lower(key(s, i, keyEnd)) : null;
                }
            }
            i = end;
        }
    }

    private static String lower(String word) {
        return word.equals("Step") || word.equals("STEP") ? "step" : word.equals("Iter") ? "iter" : word;
    }

    private static void add(ParsedLine out, String key, double v, String s, int from, int to) {
        if (key.equals("iter")) {
            key = "step";
        }
        if (!Double.isNaN(v) || isNanWord(s, from, to)) {
            out.add(key, v);
        }
    }

    // ---- name=value pairs

    private void pairs(String s, int i, int n, ParsedLine out) {
        int eq;
        while ((eq = s.indexOf('=', i)) >= 0 && eq < n) {
            int keyStart = eq;
            while (keyStart > i && !isSeparator(s.charAt(keyStart - 1))) {
                keyStart--;
            }
            int valueEnd = eq + 1;
            while (valueEnd < n && !isSeparator(s.charAt(valueEnd))) {
                valueEnd++;
            }
            if (keyStart < eq && eq - keyStart <= MAX_KEY) {
                add(out, key(s, keyStart, eq), number(s, eq + 1, valueEnd), s, eq + 1, valueEnd);
            }
            i = valueEnd;
        }
    }

    // ---- characters and numbers

    /** s[from, to) as a String, the cached instance when the same key was read before. */
    private String key(String s, int from, int to) {
        int len = to - from;
        int slot = (len * 31 + s.charAt(from) * 7 + s.charAt(to - 1)) & (KEY_CACHE - 1);
        String k = keys[slot];
        if (k != null && k.length() == len && s.regionMatches(from, k, 0, len)) {
            return k;
        }
        k = s.substring(from, to);
        keys[slot] = k;
        return k;
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == ',' || c == ';' || c == '|' || c == '\t' || c == '[' || c == ']' || c == '('
                || c == ')';
    }

    private static int skipSeparators(String s, int i) {
        while (i < s.length() && isSeparator(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean startsWithWord(String s, int i, String lowerWord) {
        int n = lowerWord.length();
        if (!s.regionMatches(true, i, lowerWord, 0, n)) {
            return false;
        }
        return s.length() > i + n && (isSeparator(s.charAt(i + n)) || s.charAt(i + n) == ':' || s.charAt(i + n) == '=');
    }

    private static boolean isNanWord(String s, int from, int to) {
        int len = to - from;
        return len == 3 && s.regionMatches(true, from, "nan", 0, 3);
    }

    /**
     * The number in s[from, to) (a trailing ':' or '%' or 's' unit is not accepted), or NaN when it is not one. nan,
     * inf, -inf, infinity in any case are numbers.
     */
    static double number(String s, int from, int to) {
        while (from < to && s.charAt(from) == ' ') {
            from++;
        }
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == ',')) {
            to--;
        }
        int len = to - from;
        if (len <= 0 || len > 40) {
            return Double.NaN;
        }
        char c = s.charAt(from);
        if (c == 'n' || c == 'N' || c == 'i' || c == 'I' || c == '-' || c == '+') {
            int sign = c == '-' ? -1 : 1;
            int w = c == '-' || c == '+' ? from + 1 : from;
            int wl = to - w;
            if ((wl == 3 && s.regionMatches(true, w, "inf", 0, 3))
                    || (wl == 8 && s.regionMatches(true, w, "infinity", 0, 8))) {
                return sign * Double.POSITIVE_INFINITY;
            }
            if (wl == 3 && s.regionMatches(true, w, "nan", 0, 3)) {
                return Double.NaN;
            }
        }
        boolean digit = false;
        for (int i = from; i < to; i++) {
            char d = s.charAt(i);
            if (d >= '0' && d <= '9') {
                digit = true;
            } else if (d != '.' && d != '-' && d != '+' && d != 'e' && d != 'E') {
                return Double.NaN;
            }
        }
        if (!digit) {
            return Double.NaN;
        }
        double fast = FastDecimal.parse(s, from, to);
        if (!Double.isNaN(fast)) {
            return fast;
        }
        try {
            return Double.parseDouble(s.substring(from, to));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
