-- The PostGIS reference of bench/ledger_bench.sh: the ledger import (挂账督办) and the daily report
-- in plain SQL, the strongest simple way we know. One file, three steps, chosen with -v step=...:
--
--   psql -v step=setup  -v categories=CATEGORIES.csv -f bench/postgis_ledger.sql   (untimed)
--   psql -v step=import -v csv=ISSUES.csv -v prefix=HY -f bench/postgis_ledger.sql  (timed)
--   psql -v step=report -v day=2026-09-30 -v out=REPORT.csv -f bench/postgis_ledger.sql (timed)
--
-- Before setup the script loads `grids` (respgrid's export in EPSG:4547, with the owner chain
-- columns grid_worker, village_owner, township_owner...) with ogr2ogr and a GiST index, analysed.
-- Files are read and written by the server (COPY), so they must be readable/writable by postgres.
--
-- What the reference does NOT do that respgrid does: no GCJ-02 (PostGIS has none: the points are
-- taken as CGCS2000 lon/lat, so they land ~500 m off respgrid's, the same work in other cells),
-- no 并案 (a report within 50 m of an open case of its category joins it), no category names or
-- aliases (the bench CSV carries codes), no report/owner/timeline rows besides the case, no
-- rejects file (the bench CSV has no malformed rows), numbers start at 0001 each day (a second
-- import would need the day's last number). It is a lower bound of the same job.

SET client_min_messages = warning;   -- no NOTICE for the DROP ... IF EXISTS of a first run
SELECT :'step' = 'setup' AS is_setup, :'step' = 'import' AS is_import, :'step' = 'report' AS is_report \gset

\if :is_setup
DROP TABLE IF EXISTS categories, cases, staging;
-- The catalogue as data/categories.csv has it: the time limit and the responsible department.
CREATE TABLE categories (code text PRIMARY KEY, name text, "group" text, standard text, department text,
                         deadline_hours int, aliases text);
COPY categories FROM :'categories' WITH (FORMAT csv, HEADER true);
ANALYZE categories;
-- The ledger: one row per case, as respgrid's store keeps it (status, times, where, who).
CREATE TABLE cases (
  id bigserial PRIMARY KEY,
  number text UNIQUE NOT NULL,          -- HY-20260930-0001
  status text NOT NULL,                 -- dispatched after the import
  source text, source_id text, found_at timestamptz, dispatched_at timestamptz, deadline timestamptz,
  fixed_at timestamptz, closed_at timestamptz,
  lon float8, lat float8, crs text, geom geometry(Point, 4547),
  grid_code text, village_code text, village_name text, township_code text, township_name text,
  category_code text, category_name text, description text,
  responsible text, responsible_phone text, department text);
-- The indexes respgrid's store keeps on its cases (store/sql/0009_ledger.sql), so both maintain them.
CREATE INDEX cases_status ON cases (status, deadline);
CREATE INDEX cases_grid ON cases (grid_code);
CREATE INDEX cases_township ON cases (township_code, village_code);
\endif

\if :is_import
-- 1. The file as it is, into a staging table (UNLOGGED: thrown away after the insert).
CREATE UNLOGGED TABLE staging (id text, source text, reported_at timestamptz, dispatched_at timestamptz,
                               lon float8, lat float8, crs text, category text, description text);
COPY staging FROM :'csv' WITH (FORMAT csv, HEADER true);
-- 2. One INSERT: each report located (ST_Covers on the grids' GiST index; LATERAL ... LIMIT 1 so
--    a point on a shared edge makes one case, as respgrid's locator picks one grid), numbered
--    PREFIX-YYYYMMDD-NNNN per day of dispatch in +08:00, its deadline from the catalogue
--    (dispatched_at + deadline_hours, calendar hours: the clock starts at dispatch), dispatched to
--    the grid worker (else the village) and the category's department. Points outside every grid
--    are kept with no grid (LEFT JOIN), as respgrid keeps a case outside the county.
INSERT INTO cases (number, status, source, source_id, found_at, dispatched_at, deadline, lon, lat, crs, geom,
                   grid_code, village_code, village_name, township_code, township_name,
                   category_code, category_name, description, responsible, responsible_phone, department)
SELECT :'prefix' || '-' || to_char(s.dispatched_at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || '-' ||
         lpad(row_number() OVER (PARTITION BY (s.dispatched_at AT TIME ZONE 'Asia/Shanghai')::date
                                 ORDER BY s.dispatched_at, s.id)::text, 4, '0'),
       'dispatched', s.source, s.id, s.reported_at, s.dispatched_at,
       s.dispatched_at + make_interval(hours => c.deadline_hours),
       s.lon, s.lat, s.crs, p.geom,
       g.code, g.village_code, g.village_name, g.township_code, g.township_name,
       c.code, c.name, s.description,
       coalesce(nullif(g.grid_worker, ''), g.village_owner), coalesce(nullif(g.grid_worker_phone, ''), g.village_phone),
       c.department
FROM staging s
CROSS JOIN LATERAL (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4490), 4547) AS geom) p
LEFT JOIN categories c ON c.code = s.category
LEFT JOIN LATERAL (SELECT * FROM grids WHERE ST_Covers(grids.geom, p.geom) ORDER BY grids.code LIMIT 1) g ON true;
DROP TABLE staging;
SELECT 'CASES ' || count(*) || ' ' || count(grid_code) FROM cases;
SELECT 'PEAK ' || coalesce((regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\s+(\d+)'))[1], '0');
\endif

\if :is_report
-- The daily report (日报) of day `day` in +08:00, per township and for the county (ROLLUP): cases
-- found that day, dispatched that day, on the books (挂账: neither closed nor rejected) at its end,
-- overdue then (awaiting the fix, past the deadline), fixed and closed that day, closed in all,
-- and the share fixed on time. A sequential scan and one hash aggregate over every case.
COPY (
  WITH d AS (SELECT (:'day'::date)::timestamp AT TIME ZONE 'Asia/Shanghai' AS t0,
                    (:'day'::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai' AS t1)
  SELECT CASE WHEN grouping(township_code) = 1 THEN '(county)' ELSE coalesce(township_code, '(outside)') END
           AS township_code, CASE WHEN grouping(township_code) = 1 THEN '' ELSE max(township_name) END AS township_name,
         count(*) FILTER (WHERE found_at >= t0 AND found_at < t1) AS found,
         count(*) FILTER (WHERE dispatched_at >= t0 AND dispatched_at < t1) AS dispatched,
         count(*) FILTER (WHERE found_at < t1 AND status NOT IN ('closed', 'rejected')) AS on_books,
         count(*) FILTER (WHERE found_at < t1 AND status IN ('logged', 'dispatched', 'in_progress', 'reopened')
                          AND deadline < t1) AS overdue,
         count(*) FILTER (WHERE fixed_at >= t0 AND fixed_at < t1) AS fixed,
         count(*) FILTER (WHERE closed_at >= t0 AND closed_at < t1) AS closed,
         count(*) FILTER (WHERE closed_at < t1) AS closed_total,
         round(100.0 * count(*) FILTER (WHERE fixed_at <= deadline)
               / nullif(count(*) FILTER (WHERE fixed_at IS NOT NULL), 0), 1) AS on_time_pct
  FROM cases, d
  GROUP BY ROLLUP (township_code)
  ORDER BY grouping(township_code), township_code NULLS LAST
) TO :'out' WITH (FORMAT csv, HEADER true);
SELECT 'PEAK ' || coalesce((regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\s+(\d+)'))[1], '0');
\endif
