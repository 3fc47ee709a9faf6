package dev.observatory.core.demo;

/** What {@link DemoData#write} wrote: numbers of projects, runs, metric points and log lines. */
public record DemoSummary(int projects, int runs, long points, long logLines) {
}
