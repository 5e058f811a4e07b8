-- respgrid project store, schema version 1.
-- Geometry columns are not created here: they need the project's working CRS (SRID), which is
-- fixed at `init --crs` or by the first boundary import; see project.cpp kGeometryColumns.

CREATE TABLE project_meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT
);

-- Administrative units: the county, townships/streets, villages/communities.
CREATE TABLE admin_units (
    id          INTEGER PRIMARY KEY,
    level       TEXT NOT NULL CHECK (level IN ('county', 'township', 'village')),
    code        TEXT NOT NULL UNIQUE CHECK (length(code) IN (6, 9, 12) AND code NOT GLOB '*[^0-9]*'),
    name        TEXT NOT NULL CHECK (name <> ''),
    parent_code TEXT,
    area_m2     REAL,
    source      TEXT,
    imported_at TEXT NOT NULL,
    CHECK ((level = 'county') = (parent_code IS NULL))
);
CREATE INDEX admin_units_level ON admin_units (level, code);

-- Every `respgrid grid` run is one generation; earlier ones stay queryable.
CREATE TABLE grid_generations (
    id         INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    method     TEXT NOT NULL,
    params     TEXT NOT NULL,            -- JSON: the parameters of the run
    cell_count INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE grids (
    id            INTEGER PRIMARY KEY,
    generation_id INTEGER NOT NULL REFERENCES grid_generations (id) ON DELETE CASCADE,
    code          TEXT NOT NULL CHECK (length(code) IN (14, 15)),
    name          TEXT,
    village_code  TEXT NOT NULL,
    township_code TEXT NOT NULL,
    area_m2       REAL NOT NULL CHECK (area_m2 > 0),
    col           INTEGER,
    row           INTEGER,
    UNIQUE (generation_id, code)
);
CREATE INDEX grids_village ON grids (generation_id, village_code);

-- Owners: township and village units, county departments, county leaders, grid workers.
CREATE TABLE owners (
    id        TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
    kind      TEXT NOT NULL CHECK (kind IN ('township', 'village', 'department', 'leader', 'grid_worker')),
    name      TEXT NOT NULL CHECK (name <> ''),
    unit_code TEXT,
    contact   TEXT,
    title     TEXT,
    phone     TEXT,
    active    INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX owners_unit ON owners (kind, unit_code);

-- Who answers for what: a grid (the territorial chain written by `assign`), an administrative
-- unit (a leader's 包联 townships), an area (later: department sections), or a category.
CREATE TABLE responsibilities (
    id            INTEGER PRIMARY KEY,
    owner_id      TEXT NOT NULL REFERENCES owners (id) ON DELETE CASCADE,
    role          TEXT NOT NULL,
    scope         TEXT NOT NULL CHECK (scope IN ('grid', 'unit', 'area', 'category')),
    grid_id       INTEGER REFERENCES grids (id) ON DELETE CASCADE,
    unit_code     TEXT,
    category_code TEXT,
    rule          TEXT,
    CHECK ((scope = 'grid') = (grid_id IS NOT NULL)),
    CHECK ((scope = 'unit') = (unit_code IS NOT NULL))
);
CREATE INDEX responsibilities_grid ON responsibilities (grid_id);
CREATE INDEX responsibilities_owner ON responsibilities (owner_id, scope);

CREATE TABLE issue_categories (
    code           TEXT PRIMARY KEY NOT NULL CHECK (code <> ''),
    name           TEXT NOT NULL CHECK (name <> ''),
    group_name     TEXT,
    standard       TEXT,
    department_id  TEXT,
    deadline_hours REAL CHECK (deadline_hours IS NULL OR deadline_hours > 0)
);

CREATE TABLE issues (
    id            TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
    reported_at   TEXT,
    lon           REAL NOT NULL,
    lat           REAL NOT NULL,
    crs           TEXT NOT NULL,
    category_code TEXT,
    description   TEXT,
    status        TEXT NOT NULL DEFAULT 'logged',
    source_file   TEXT,
    source_line   INTEGER,
    imported_at   TEXT NOT NULL
);

-- The ledger's timeline: every change of an issue, with who and why.
CREATE TABLE issue_events (
    id          INTEGER PRIMARY KEY,
    issue_id    TEXT NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL,
    from_status TEXT,
    to_status   TEXT,
    actor       TEXT,
    note        TEXT
);
CREATE INDEX issue_events_issue ON issue_events (issue_id, at);

CREATE TABLE audit_runs (
    id      INTEGER PRIMARY KEY,
    run_at  TEXT NOT NULL,
    layer   TEXT NOT NULL,
    params  TEXT NOT NULL,  -- JSON
    passed  INTEGER NOT NULL CHECK (passed IN (0, 1)),
    summary TEXT NOT NULL   -- JSON
);
