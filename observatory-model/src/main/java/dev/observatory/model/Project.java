package dev.observatory.model;

import java.time.Instant;

/** A named group of runs. {@code name} is unique and is the project's key on every surface. */
public record Project(String name, String description, Instant createdAt) {
}
