-- Trace performance (issue 5 / issue 10's service map): the service of a span's parent, recorded on the child when the
-- parent is written in the same batch, so that the service map is one GROUP BY; children whose parent came in another
-- batch keep NULL and are joined with their parents at query time. Existing rows are resolved here.
ALTER TABLE spans ADD COLUMN parent_service TEXT;
UPDATE spans SET parent_service = p.service FROM spans p
    WHERE p.trace_id = spans.trace_id AND p.span_id = spans.parent_span_id AND spans.parent_span_id IS NOT NULL;
