package dev.observatory.core.job;

import dev.observatory.model.job.GuardrailEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happens to each line a job prints, on its reader thread: redact secrets, parse metrics (numbering lines without
 * a step), feed the guardrails, buffer the points. No I/O here, so the whole path can be benchmarked alone.
 */
public final class LineProcessor {
    static final int TAIL = 50;

    private final SecretRedactor redactor;
    private final LogMetricParser parser = new LogMetricParser();
    private final ParsedLine parsed = new ParsedLine();
    private final Guardrails guardrails;
    private final MetricBuffer buffer;
    private final ArrayDeque<String> tail = new ArrayDeque<>(TAIL);
    /** Latest value per key: an index per key and unboxed values, so a point costs no allocation. */
    private final Map<String, Integer> latestIndex = new java.util.HashMap<>();
    private String[] latestKeys = new String[16];
    private double[] latestValues = new double[16];
    private int latestCount;
    private volatile long lastStep = ParsedLine.NO_STEP;
    private long lines;
    private long points;
    private volatile int oomLines;

    LineProcessor(SecretRedactor redactor, Guardrails guardrails, MetricBuffer buffer) {
        this.redactor = redactor;
        this.guardrails = guardrails;
        this.buffer = buffer;
    }

    /** A processor without buffering (benchmarks). */
    public static LineProcessor standalone(Map<String, String> env, dev.observatory.model.job.GuardrailSpec spec) {
        return new LineProcessor(new SecretRedactor(env), new Guardrails(spec, 0), new MetricBuffer());
    }

    /** Handles one raw line; returns the redacted line to log and, via {@link #lastEvent}, a guardrail that fired. */
    public String process(String raw, long nowMs) {
        String line = redactor.hasSecrets() ? redactor.redact(raw) : raw;
        GuardrailEvent fired;
        if (parser.parse(line, parsed)) {
            long step = parsed.step() != ParsedLine.NO_STEP ? parsed.step()
                    : lastStep == ParsedLine.NO_STEP ? 0 : lastStep + 1;
            lastStep = Math.max(lastStep, step);
            synchronized (this) {
                for (int i = 0; i < parsed.size(); i++) {
                    buffer.add(parsed.key(i), step, parsed.value(i), nowMs);
                    setLatest(parsed.key(i), parsed.value(i));
                }
                points += parsed.size();
            }
            fired = guardrails.onLine(line, parsed, step, nowMs);
        } else {
            fired = guardrails.onLine(line, null, lastStep, nowMs);
        }
        if (Guardrails.isOom(line)) {
            oomLines++;
        }
        synchronized (this) {
            lines++;
            if (tail.size() == TAIL) {
                tail.removeFirst();
            }
            tail.addLast(line);
        }
        lastEvent = fired;
        return line;
    }

    private GuardrailEvent lastEvent;

    private void setLatest(String key, double value) {
        Integer i = latestIndex.get(key);
        if (i == null) {
            if (latestCount == latestKeys.length) {
                latestKeys = java.util.Arrays.copyOf(latestKeys, latestCount * 2);
                latestValues = java.util.Arrays.copyOf(latestValues, latestCount * 2);
            }
            i = latestCount++;
            latestIndex.put(key, i);
            latestKeys[i] = key;
        }
        latestValues[i] = value;
    }

    /** The guardrail that fired on the last processed line, or null. */
    public GuardrailEvent lastEvent() {
        return lastEvent;
    }

    public Guardrails guardrails() {
        return guardrails;
    }

    /** Drops the buffered points, returning how many there were (benchmarks, which have no store). */
    public int drainPoints() {
        return buffer.drain().values().stream().mapToInt(dev.observatory.model.MetricColumns::size).sum();
    }

    MetricBuffer buffer() {
        return buffer;
    }

    public synchronized List<String> tail() {
        return new ArrayList<>(tail);
    }

    /** The latest value of every parsed metric, in the order the keys first appeared. */
    public synchronized Map<String, Double> latest() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < latestCount; i++) {
            out.put(latestKeys[i], latestValues[i]);
        }
        return out;
    }

    public synchronized long lines() {
        return lines;
    }

    public synchronized long points() {
        return points;
    }

    public long lastStep() {
        return lastStep;
    }

    public int oomLines() {
        return oomLines;
    }
}
