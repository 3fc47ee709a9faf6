package dev.observatory.model.job;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user guardrail: fires when {@code metric op value} holds on {@code forSteps} consecutive points of the metric.
 *
 * @param op
 *            one of {@code > >= < <= == !=}
 */
public record GuardrailRule(String metric, String op, double value, int forSteps) {
    public static final List<String> OPS = List.of(">", ">=", "<", "<=", "==", "!=");
    private static final Pattern TEXT = Pattern.compile(
            "\\s*([A-Za-z0-9_./:-]+)\\s*(>=|<=|==|!=|>|<)\\s*([-+0-9.eE]+|nan|inf|-inf)\\s*(?:for\\s+(\\d+)\\s+steps?)?\\s*",
            Pattern.CASE_INSENSITIVE);

    public GuardrailRule {
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("a guardrail rule needs a metric name");
        }
        if (!OPS.contains(op)) {
            throw new IllegalArgumentException("rule operator '" + op + "' is not one of " + String.join(" ", OPS));
        }
        if (forSteps < 1 || forSteps > 1_000_000) {
            throw new IllegalArgumentException("for_steps must be between 1 and 1000000, got " + forSteps);
        }
    }

    /** Parses {@code "loss > 5 for 3 steps"} (the {@code for N steps} part is optional, default 1). */
    public static GuardrailRule parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot read guardrail rule '" + text
                    + "': write it as '<metric> <op> <value> for <N> steps', e.g. 'loss > 5 for 3 steps'");
        }
        String v = m.group(3).toLowerCase(Locale.ROOT);
        double value = switch (v) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(v);
        };
        return new GuardrailRule(m.group(1), m.group(2), value, m.group(4) == null ? 1 : Integer.parseInt(m.group(4)));
    }

    /** Whether a value satisfies the condition. */
    public boolean holds(double x) {
        return switch (op) {
            case ">" -> x > value;
            case ">=" -> x >= value;
            case "<" -> x < value;
            case "<=" -> x <= value;
            case "==" -> x == value;
            default -> x != value;
        };
    }

    /** The rule as text, e.g. {@code loss > 5.0 for 3 steps}. */
    public String text() {
        return metric + " " + op + " " + value + " for " + forSteps + (forSteps == 1 ? " step" : " steps");
    }
}
