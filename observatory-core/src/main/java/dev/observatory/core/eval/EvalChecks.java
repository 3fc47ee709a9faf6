package dev.observatory.core.eval;

import dev.observatory.model.eval.EvalSubject;
import java.util.regex.Pattern;

/** Input rules of evaluation results; each failure is an IllegalArgumentException saying what to fix. */
final class EvalChecks {
    static final int MAX_EVAL_NAME = 200;
    static final int MAX_METRIC = 250;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private EvalChecks() {
    }

    static String name(String what, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(what + " must be at most " + max + " characters, got " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(what + " " + quote(value) + " contains a control character at index "
                        + i + ": use printable characters only");
            }
        }
        return value;
    }

    static String evalName(String value) {
        return name("eval name", value, MAX_EVAL_NAME);
    }

    static String metric(String value) {
        return name("metric", value, MAX_METRIC);
    }

    static EvalSubject subject(EvalSubject s) {
        if (s == null) {
            throw new IllegalArgumentException("every result needs a subject (type and id)");
        }
        if (!ID.matcher(s.id()).matches()) {
            throw new IllegalArgumentException("subject id " + quote(s.id()) + " must be 1-100 characters of letters,"
                    + " digits, '.', '_', ':' or '-'");
        }
        return s;
    }

    static void result(int index, EvalInput in) {
        String at = "result " + index + ": ";
        try {
            subject(in.subject());
            evalName(in.evalName());
            metric(in.metric());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + e.getMessage(), e);
        }
        if (!Double.isFinite(in.value())) {
            throw new IllegalArgumentException(at + "value must be a finite number, got " + in.value());
        }
        if (in.episode() != null && in.episode() < 0) {
            throw new IllegalArgumentException(at + "episode must not be negative, got " + in.episode());
        }
        if (in.step() != null && in.step() < 0) {
            throw new IllegalArgumentException(at + "step must not be negative, got " + in.step());
        }
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        String shown = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
