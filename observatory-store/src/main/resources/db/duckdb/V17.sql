-- Trace performance (issue 5's get_trace, issue 10's service map).
-- trace_key: the last 15 hex digits of trace_id as a number (0 for an id that is not 32 lowercase hex characters), so
-- that reading one trace scans a BIGINT column instead of decompressing every trace id (DuckDbTraces.traceKey computes
-- the same value at ingest). parent_service: the service of the span's parent when the parent was written in the same
-- batch, so that the service map is one GROUP BY; NULL for roots and for children whose parent came in another batch
-- (those are joined with their parents at query time). Existing rows are filled here.
ALTER TABLE spans ADD COLUMN parent_service VARCHAR;
ALTER TABLE spans ADD COLUMN trace_key BIGINT;
ALTER TABLE spans_in ADD COLUMN parent_service VARCHAR;
ALTER TABLE spans_in ADD COLUMN trace_key BIGINT;
UPDATE spans SET trace_key = CASE WHEN regexp_full_match(trace_id, '[0-9a-f]{32}') THEN
        (CAST(strpos('0123456789abcdef', substr(trace_id, 18, 1)) AS BIGINT) - 1) * 72057594037927936
        + (CAST(strpos('0123456789abcdef', substr(trace_id, 19, 1)) AS BIGINT) - 1) * 4503599627370496
        + (CAST(strpos('0123456789abcdef', substr(trace_id, 20, 1)) AS BIGINT) - 1) * 281474976710656
        + (CAST(strpos('0123456789abcdef', substr(trace_id, 21, 1)) AS BIGINT) - 1) * 17592186044416
        + (CAST(strpos('0123456789abcdef', substr(trace_id, 22, 1)) AS BIGINT) - 1) * 1099511627776
        + (CAST(strpos('0123456789abcdef', substr(trace_id, 23, 1)) AS BIGINT) - 1) * 68719476736
        + (CAST(strpos('0123456789abcdef', substr(trace_id, 24, 1)) AS BIGINT) - 1) * 4294967296
        + (CAST(strpos('0123456789abcdef', substr(trace_id, 25, 1)) AS BIGINT) - 1) * 268435456
        + (CAST(strpos('0123456789abcdef', substr(trace_id, 26, 1)) AS BIGINT) - 1) * 16777216
        + (CAST(strpos('0123456789abcdef', substr(trace_id, 27, 1)) AS BIGINT) - 1) * 1048576
        + (CAST(strpos('0123456789abcdef', substr(trace_id, 28, 1)) AS BIGINT) - 1) * 65536
        + (CAST(strpos('0123456789abcdef', substr(trace_id, 29, 1)) AS BIGINT) - 1) * 4096
        + (CAST(strpos('0123456789abcdef', substr(trace_id, 30, 1)) AS BIGINT) - 1) * 256
        + (CAST(strpos('0123456789abcdef', substr(trace_id, 31, 1)) AS BIGINT) - 1) * 16
        + (CAST(strpos('0123456789abcdef', substr(trace_id, 32, 1)) AS BIGINT) - 1) * 1
    ELSE 0 END;
UPDATE spans SET parent_service = p.service FROM spans AS p
    WHERE p.trace_id = spans.trace_id AND p.span_id = spans.parent_span_id AND spans.parent_span_id IS NOT NULL;
