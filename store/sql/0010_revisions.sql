-- respgrid project store, schema version 10: a revision counter of what locating depends on.
--
-- A long-running reader (respgrid serve) holds the grids, owners and rules in memory and must
-- notice when another process changes them (a new grid generation, a roster import, new rules),
-- cheaply and without comparing contents. Every insert, update or delete of those tables bumps
-- one counter; the ledger's own tables are left out (they change all day and locating does not
-- read them). The grids themselves need no trigger: a generation's grids are written with it.
CREATE TABLE revisions (
    name  TEXT PRIMARY KEY NOT NULL,
    value INTEGER NOT NULL
);
INSERT INTO revisions (name, value) VALUES ('locating', 0);

CREATE TRIGGER revision_admin_units_insert AFTER INSERT ON admin_units
    BEGIN UPDATE revisions SET value = value + 1 WHERE name = 'locating'; END;
CREATE TRIGGER revision_admin_units_update AFTER UPDATE ON admin_units
    BEGIN UPDATE revisions SET value = value + 1 WHERE name = 'locating'; END;
CREATE TRIGGER revision_admin_units_delete AFTER DELETE ON admin_units
    BEGIN UPDATE revisions SET value = value + 1 WHERE name = 'locating'; END;
CREATE TRIGGER revision_grid_generations_insert AFTER INSERT ON grid_generations
    BEGIN UPDATE revisions SET value = value + 1 WHERE name = 'locating'; END;
CREATE TRIGGER revision_grid_generations_update AFTER UPDATE ON grid_generations
    BEGIN UPDATE revisions SET value = value + 1 WHERE name = 'locating'; END;
CREATE TRIGGER revision_grid_generations_delete AFTER DELETE ON grid_generations
    BEGIN UPDATE revisions SET value = value + 1 WHERE name = 'locating'; END;
CREATE TRIGGER revision_owners_insert AFTER INSERT ON owners
    BEGIN UPDATE revisions SET value = value + 1 WHERE name = 'locating'; END;
CREATE TRIGGER revision_owners_update AFTER UPDATE ON owners
    BEGIN UPDATE revisions SET value = value + 1 WHERE name = 'locating'; END;
CREATE TRIGGER revision_owners_delete AFTER DELETE ON owners
    BEGIN UPDATE revisions SET value = value + 1 WHERE name = 'locating'; END;
CREATE TRIGGER revision_responsibilities_insert AFTER INSERT ON responsibilities
    BEGIN UPDATE revisions SET value = value + 1 WHERE name = 'locating'; END;
CREATE TRIGGER revision_responsibilities_update AFTER UPDATE ON responsibilities
    BEGIN UPDATE revisions SET value = value + 1 WHERE name = 'locating'; END;
CREATE TRIGGER revision_responsibilities_delete AFTER DELETE ON responsibilities
    BEGIN UPDATE revisions SET value = value + 1 WHERE name = 'locating'; END;
CREATE TRIGGER revision_responsibility_layers_insert AFTER INSERT ON responsibility_layers
    BEGIN UPDATE revisions SET value = value + 1 WHERE name = 'locating'; END;
CREATE TRIGGER revision_responsibility_layers_update AFTER UPDATE ON responsibility_layers
    BEGIN UPDATE revisions SET value = value + 1 WHERE name = 'locating'; END;
CREATE TRIGGER revision_responsibility_layers_delete AFTER DELETE ON responsibility_layers
    BEGIN UPDATE revisions SET value = value + 1 WHERE name = 'locating'; END;
CREATE TRIGGER revision_responsibility_features_insert AFTER INSERT ON responsibility_features
    BEGIN UPDATE revisions SET value = value + 1 WHERE name = 'locating'; END;
CREATE TRIGGER revision_responsibility_features_update AFTER UPDATE ON responsibility_features
    BEGIN UPDATE revisions SET value = value + 1 WHERE name = 'locating'; END;
CREATE TRIGGER revision_responsibility_features_delete AFTER DELETE ON responsibility_features
    BEGIN UPDATE revisions SET value = value + 1 WHERE name = 'locating'; END;
CREATE TRIGGER revision_responsibility_rules_insert AFTER INSERT ON responsibility_rules
    BEGIN UPDATE revisions SET value = value + 1 WHERE name = 'locating'; END;
CREATE TRIGGER revision_responsibility_rules_update AFTER UPDATE ON responsibility_rules
    BEGIN UPDATE revisions SET value = value + 1 WHERE name = 'locating'; END;
CREATE TRIGGER revision_responsibility_rules_delete AFTER DELETE ON responsibility_rules
    BEGIN UPDATE revisions SET value = value + 1 WHERE name = 'locating'; END;
CREATE TRIGGER revision_issue_categories_insert AFTER INSERT ON issue_categories
    BEGIN UPDATE revisions SET value = value + 1 WHERE name = 'locating'; END;
CREATE TRIGGER revision_issue_categories_update AFTER UPDATE ON issue_categories
    BEGIN UPDATE revisions SET value = value + 1 WHERE name = 'locating'; END;
CREATE TRIGGER revision_issue_categories_delete AFTER DELETE ON issue_categories
    BEGIN UPDATE revisions SET value = value + 1 WHERE name = 'locating'; END;
