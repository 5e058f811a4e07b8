-- respgrid project store, schema version 5: the layered responsibility model
-- (grids/responsibility.hpp). Geometry columns are added in code (kGeometryColumns):
-- responsibility_features.geom (MULTIPOLYGON: areas, and line layers already buffered) and
-- responsibility_features.line (MULTILINESTRING: the line as drawn, line layers only).

-- Owner validity (起始日期/终止日期), YYYY-MM-DD, both days included; NULL = open-ended.
ALTER TABLE owners ADD COLUMN valid_from TEXT;
ALTER TABLE owners ADD COLUMN valid_to TEXT;

-- Whether the territory (属地) answers as well as the category's department (1), or only when
-- nobody else does (0). Rules may override it.
ALTER TABLE issue_categories ADD COLUMN territory_answers INTEGER NOT NULL DEFAULT 1
    CHECK (territory_answers IN (0, 1));

-- Responsibility layers: area layers (leader areas, department sections, institutions) and line
-- layers (road sections, shop frontages) with the buffer their corridors were made with.
CREATE TABLE responsibility_layers (
    name        TEXT PRIMARY KEY NOT NULL CHECK (name <> '' AND name NOT IN ('category', 'territory')),
    kind        TEXT NOT NULL CHECK (kind IN ('area', 'line')),
    source      TEXT NOT NULL,
    buffer_m    REAL CHECK (buffer_m IS NULL OR buffer_m > 0),
    imported_at TEXT NOT NULL,
    position    INTEGER NOT NULL  -- import order of first import: the default rules' order
);

CREATE TABLE responsibility_features (
    id          INTEGER PRIMARY KEY,
    layer       TEXT NOT NULL REFERENCES responsibility_layers (name) ON DELETE CASCADE,
    owner_id    TEXT NOT NULL,
    label       TEXT,
    categories  TEXT,           -- category codes separated by ';', NULL = every category
    valid_from  TEXT,           -- YYYY-MM-DD, NULL = open-ended
    valid_to    TEXT,
    source_fid  INTEGER         -- the feature id in the source file
);
CREATE INDEX responsibility_features_layer ON responsibility_features (layer);

-- The precedence rules (JSON, docs/semantics.md "Responsibility"); at most one row. No row: the
-- default rules apply.
CREATE TABLE responsibility_rules (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    source      TEXT NOT NULL,
    rules       TEXT NOT NULL,
    imported_at TEXT NOT NULL
);
