-- Floe catalog, version 6: table profiles.

-- The last profile computed of a table (as JSON), with the table's data marker at the time: a
-- profile is reused while the table's marker is the same. Deleting the table, its bucket or its
-- project deletes the profile.
CREATE TABLE table_profiles (
  table_id    INTEGER PRIMARY KEY REFERENCES tables (id) ON DELETE CASCADE,
  project_id  TEXT NOT NULL,
  bucket      TEXT NOT NULL,
  table_name  TEXT NOT NULL,
  data_marker TEXT NOT NULL,
  profile     TEXT NOT NULL,
  computed_at TEXT NOT NULL
);
