package dev.observatory.model.artifact;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A directed edge of the lineage graph, e.g. {@code artifact/X logged_by run/Y}, {@code model_version/V derived_from
 * artifact/X}, {@code job/J produced run/Y}. Edges are unique per (from, relation, to).
 *
 * @param relation
 *            snake_case verb phrase; see the constants
 * @param created
 *            when it was recorded, millisecond precision
 */
public record LineageEdge(EntityRef from, EntityRef to, String relation, Instant created, Source source) {
    /** artifact -&gt; the run that logged it (recorded at upload). */
    public static final String LOGGED_BY = "logged_by";
    /** job -&gt; run, run -&gt; dataset version, ... */
    public static final String PRODUCED = "produced";
    /** model version -&gt; the checkpoint it was promoted from (recorded by promote_checkpoint). */
    public static final String DERIVED_FROM = "derived_from";
    /** model version -&gt; deployment. */
    public static final String DEPLOYED_AS = "deployed_as";
    /** deployment or run -&gt; trace. */
    public static final String TRACED_BY = "traced_by";

    /** Who recorded the edge. */
    public enum Source {
        /** recorded by Observatory while ingesting (upload, promotion) */
        INGEST,
        /** added by a user with link_entities */
        EXPLICIT;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public LineageEdge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(relation, "relation");
        source = source == null ? Source.EXPLICIT : source;
    }

    /** The node at the other end from {@code node}. */
    public EntityRef other(EntityRef node) {
        return from.equals(node) ? to : from;
    }
}
