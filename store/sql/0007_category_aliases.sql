-- respgrid project store, schema version 7: free-text categories (grids/categories.hpp).

-- Other texts that mean a category (别名: 乱停乱放 for 机动车乱停放), '；'-separated as
-- grids::join_aliases writes them; NULL = none. No text means two categories: the import checks it.
ALTER TABLE issue_categories ADD COLUMN aliases TEXT;

-- An issue's category as its report gave it (a code, a name or an alias); category_code is the
-- catalogue code it matched at import, NULL when it matched none (the territory answers: 属地兜底).
ALTER TABLE issues ADD COLUMN category_text TEXT;
UPDATE issues SET category_text = category_code;
