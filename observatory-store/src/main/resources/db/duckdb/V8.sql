-- The planner never used the ART index on spans.trace_id (plans show a sequential scan) and it slowed ingest; a trace
-- is read in two steps instead (its time range from the trace_id column, then its spans in that range; DuckDbTraces).
DROP INDEX IF EXISTS spans_trace;
