-- Up to V6 a series tiled from its first batch got tile rows but no series_tiling row, so its charts never used the
-- tiles, and after a restart it would have been tiled a second time from its stored points (double counts). Drop
-- those orphan rows: such a series is tiled again, from its stored points, at its next ingest.
DELETE FROM metric_tiles WHERE series_id NOT IN (SELECT series_id FROM series_tiling);
