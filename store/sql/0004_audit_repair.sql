-- respgrid project store, schema version 4: what the coverage audit and `repair` need.

-- The geometry as the source drew it (ISO WKB, working CRS) when it was invalid and `geom` holds
-- its GEOS MakeValid repair; NULL otherwise. The audit reports the defect from it; `repair
-- --apply` accepts the repair and clears it.
ALTER TABLE admin_units ADD COLUMN as_shipped BLOB;

-- Every applied `respgrid repair`: its parameters and its change list.
CREATE TABLE repair_runs (
    id         INTEGER PRIMARY KEY,
    run_at     TEXT NOT NULL,
    layer      TEXT NOT NULL,
    params     TEXT NOT NULL,  -- JSON
    changes    TEXT NOT NULL   -- JSON: the change list that was applied
);
