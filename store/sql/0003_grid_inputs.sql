-- respgrid project store, schema version 3: what the grid methods take besides villages, and
-- what they give grids besides a shape. Geometry columns are added in code (kGeometryColumns).

ALTER TABLE grids ADD COLUMN kind TEXT NOT NULL DEFAULT 'general' CHECK (kind IN ('general', 'dedicated'));
ALTER TABLE grids ADD COLUMN label TEXT;   -- dedicated grids: the institution and its type
ALTER TABLE grids ADD COLUMN weight REAL;  -- balanced grids: the workload inside

-- Roads, rivers and railways that grids follow (blocks, balanced).
CREATE TABLE line_features (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('minor_road', 'main_road', 'rail', 'river')),
    name        TEXT,
    source      TEXT NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE INDEX line_features_source ON line_features (source);

-- Weighted points that measure workload (households, population, past issues).
CREATE TABLE weight_points (
    id          INTEGER PRIMARY KEY,
    weight      REAL NOT NULL CHECK (weight >= 0),
    source      TEXT NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE INDEX weight_points_source ON weight_points (source);

-- Institutions that become their own grids (专属网格).
CREATE TABLE dedicated_areas (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (name <> ''),
    type        TEXT,
    source      TEXT NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE INDEX dedicated_areas_source ON dedicated_areas (source);
