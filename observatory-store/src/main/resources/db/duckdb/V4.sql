-- Step-aligned tiles for fast M4 charts (see DuckDbTiles and docs/decisions/0008-duckdb-m4-tiles.md).
-- A series is tiled once its step spacing is known: tile = step >> shift, about 64 points per tile.
CREATE TABLE series_tiling (
    series_id INTEGER PRIMARY KEY,
    shift INTEGER NOT NULL
);

-- One row per (ingest batch, tile): the summary of that batch's points falling in the tile. Rows of one tile are
-- never updated, only added; readers aggregate them. first/last/min/max are over finite values (NULL when none).
CREATE TABLE metric_tiles (
    series_id INTEGER NOT NULL,
    tile BIGINT NOT NULL,
    n BIGINT NOT NULL,
    nan BIGINT NOT NULL,
    any_min_step BIGINT NOT NULL,
    any_max_step BIGINT NOT NULL,
    first_step BIGINT,
    first_value DOUBLE,
    last_step BIGINT,
    last_value DOUBLE,
    min_step BIGINT,
    min_value DOUBLE,
    max_step BIGINT,
    max_value DOUBLE
);
