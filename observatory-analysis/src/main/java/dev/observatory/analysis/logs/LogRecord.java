package dev.observatory.analysis.logs;

import dev.observatory.model.LogLine;

/**
 * One log line to analyse.
 *
 * @param position
 *            where it was logged: the training step when known, else the line number / sequence number
 * @param level
 *            level as logged (ERROR, WARN, WARNING, INFO, ...), any case; null or blank when unknown
 * @param message
 *            the text; null is read as empty
 */
public record LogRecord(long position, String level, String message) {

    /** A stored log line, positioned by its sequence number. */
    public static LogRecord of(LogLine line) {
        return new LogRecord(line.seq(), line.level(), line.text());
    }
}
