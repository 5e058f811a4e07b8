-- respgrid project store, schema version 9: the issue ledger (挂账督办, grids/ledger_case.hpp).
--
-- A case (案卷) is what the ledger counts; the reports (问题上报) merged into it (并案) are kept
-- beside it. Times are ISO 8601 texts in the project's zone with their offset
-- ("2026-09-01T06:42:19+08:00"): readable in any SQLite browser, and ordered as texts since every
-- one carries the same offset.

-- How a category's deadline_hours count: calendar hours, working hours, or 事不过夜.
ALTER TABLE issue_categories ADD COLUMN deadline_rule TEXT NOT NULL DEFAULT 'calendar'
    CHECK (deadline_rule IN ('calendar', 'working', 'same_day'));

-- The project's ledger rules (grids/ledger_settings.hpp), one value per key, as JSON texts.
CREATE TABLE ledger_settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

CREATE TABLE cases (
    id               INTEGER PRIMARY KEY,
    -- HY-20260901-0001: prefix, day, sequence (grids::format_ledger_number); a day's numbers sort
    -- in sequence order, so the next one is found through this index.
    number           TEXT NOT NULL UNIQUE,
    status           TEXT NOT NULL CHECK (status IN ('logged', 'dispatched', 'in_progress', 'fixed', 'checked',
                                                     'closed', 'rejected', 'reopened')),
    source           TEXT NOT NULL CHECK (source IN ('inspection', 'public', 'hotline', 'supervision', 'unannounced')),
    found_at         TEXT NOT NULL,
    logged_at        TEXT NOT NULL,
    location_text    TEXT,
    lon              REAL NOT NULL,
    lat              REAL NOT NULL,
    crs              TEXT NOT NULL,
    x                REAL NOT NULL,                 -- working CRS
    y                REAL NOT NULL,
    generation_id    INTEGER,
    grid_code        TEXT,
    village_code     TEXT,
    village_name     TEXT,
    township_code    TEXT,
    township_name    TEXT,
    category_code    TEXT,
    category_name    TEXT,
    category_text    TEXT,
    description      TEXT,
    responsible_id   TEXT,
    responsible_name TEXT,
    owner_set_id     INTEGER REFERENCES owner_sets (id),   -- the territorial chain
    answer_set_id    INTEGER REFERENCES owner_sets (id),   -- whom the rules name besides the territory
    dispatched_at    TEXT,
    deadline         TEXT,
    fixed_at         TEXT,
    checked_at       TEXT,
    closed_at        TEXT,
    escalation_level INTEGER NOT NULL DEFAULT 0 CHECK (escalation_level >= 0),
    escalated_to     TEXT,
    report_count     INTEGER NOT NULL DEFAULT 1 CHECK (report_count >= 1)
);
CREATE INDEX cases_status ON cases (status, deadline);
CREATE INDEX cases_grid ON cases (grid_code);

-- Who a case was dispatched to, resolved when it was found (the chain and the rules of that day).
-- A case's owners are two lists: its grid's territorial chain and whom the rules name besides the
-- territory. Each distinct list is stored once, as a set (a county has a few thousand chains and
-- a few hundred answers), and a case names its two sets.
CREATE TABLE owner_sets (
    id  INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE     -- 128 bits of hash of the members' values, to find a set again
);
CREATE TABLE owner_set_members (
    set_id    INTEGER NOT NULL REFERENCES owner_sets (id) ON DELETE CASCADE,
    ordinal   INTEGER NOT NULL,
    role      TEXT NOT NULL CHECK (role IN ('grid_worker', 'village', 'township', 'leader', 'department')),
    owner_id  TEXT NOT NULL,
    name      TEXT,
    person    TEXT,
    phone     TEXT,
    unit_code TEXT,
    rule      TEXT,
    PRIMARY KEY (set_id, ordinal)
);
CREATE INDEX owner_set_members_owner ON owner_set_members (owner_id);

CREATE TABLE case_photos (
    case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    stage   TEXT NOT NULL CHECK (stage IN ('before', 'after')),
    ref     TEXT NOT NULL CHECK (ref <> ''),
    PRIMARY KEY (case_id, stage, ref)
);

-- Every report, the first of its case or merged into it. The key makes a re-import change nothing.
CREATE TABLE case_reports (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases (id),
    source_key    TEXT NOT NULL UNIQUE,
    source_id     TEXT,
    source        TEXT NOT NULL,
    reported_at   TEXT NOT NULL,
    reporter      TEXT,
    location_text TEXT,
    description   TEXT,
    category_text TEXT,
    lon           REAL NOT NULL,
    lat           REAL NOT NULL,
    crs           TEXT NOT NULL,
    x             REAL NOT NULL,
    y             REAL NOT NULL,
    photos        TEXT,              -- '；'-separated
    source_file   TEXT,
    source_line   INTEGER
);
CREATE INDEX case_reports_case ON case_reports (case_id);
CREATE INDEX case_reports_source_id ON case_reports (source_id);

-- The timeline: every change of a case, with who, when, from, to and why.
CREATE TABLE case_events (
    id        INTEGER PRIMARY KEY,
    case_id   INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    at        TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('logged', 'dispatched', 'status', 'escalated', 'linked', 'unlinked', 'note')),
    from_status TEXT,
    to_status   TEXT,
    actor     TEXT,
    note      TEXT,
    photos    TEXT                   -- 'stage:ref' pieces, '；'-separated
);
CREATE INDEX case_events_case ON case_events (case_id, at);
