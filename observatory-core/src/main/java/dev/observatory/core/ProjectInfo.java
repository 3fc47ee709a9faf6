package dev.observatory.core;

import java.time.Instant;

/** A project with its run count, for listings. */
public record ProjectInfo(String name, String description, Instant createdAt, long runCount) {
}
