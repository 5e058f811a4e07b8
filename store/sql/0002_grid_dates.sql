-- respgrid project store, schema version 2: the grid attributes DB11 6.3 asks for besides code,
-- name and area (docs/DOMAIN.md §1.4).
ALTER TABLE grids ADD COLUMN initial_date TEXT;      -- 初始日期, YYYY-MM-DD: when the grid came into use
ALTER TABLE grids ADD COLUMN termination_date TEXT;  -- 终止日期: when a later generation replaced it
ALTER TABLE grids ADD COLUMN remark TEXT;            -- 备注
UPDATE grids SET initial_date = (SELECT substr(created_at, 1, 10) FROM grid_generations g
                                 WHERE g.id = grids.generation_id);
