package dev.observatory.model.dataset;

import java.time.Instant;
import java.util.Map;

/**
 * A registered dataset: a directory under one of the configured dataset roots.
 *
 * @param name
 *            unique name
 * @param path
 *            absolute, normalised directory path
 * @param kind
 *            {@code image}, {@code text} or {@code mixed}, as detected at registration
 * @param source
 *            {@code directory} (registered in place) or {@code archive} (extracted from an archive)
 * @param metadata
 *            facts found at registration (file counts, bytes)
 */
public record Dataset(String name, String path, String kind, String source, String description,
        Map<String, Object> metadata, Instant created) {
}
