-- respgrid project store, schema version 8: the grid generation an audit saw, as a column.

-- `export` leaves out the stored defect layers of an audit that saw another grid generation than
-- the current one; it read the generation back out of the summary JSON. The id is now a column of
-- its own (NULL: the project had no grids when the audit ran), filled here from the summaries of
-- the audits already recorded; the summary stays as the report showed it.
ALTER TABLE audit_runs ADD COLUMN generation_id INTEGER;
UPDATE audit_runs SET generation_id = json_extract(summary, '$.generation')
 WHERE json_valid(summary) AND json_type(summary, '$.generation') = 'integer';
