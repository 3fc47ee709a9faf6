package dev.observatory.core;

/**
 * One result of the cross-entity search. {@code kind} is "project" or "run" (other issues add "model", "trace", ...);
 * {@code id} the key to pass to the matching get tool; {@code matched} says which field matched.
 */
public record SearchHit(String kind, String id, String name, String project, String matched) {
}
