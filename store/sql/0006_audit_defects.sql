-- respgrid project store, schema version 6: the latest audit's defect layers, kept so that
-- `export` can put them in the deliverable beside the grids they are about. Stored as the
-- GeoPackage the audit writes (exporters/defects_gpkg.hpp: one layer per defect kind, EPSG:4490,
-- styled), not as rows: the layers travel as they are, and only the latest run is kept.
CREATE TABLE audit_defects (
    run_id INTEGER PRIMARY KEY NOT NULL REFERENCES audit_runs (id) ON DELETE CASCADE,
    gpkg   BLOB NOT NULL
);
