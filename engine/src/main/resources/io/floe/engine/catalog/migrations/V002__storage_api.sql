-- Floe catalog, version 2: the storage API's sharing, metadata and jobs.

-- A linked bucket is a row of `buckets` in the linking project that points at the bucket it shows
-- (read-only, under the link's own name). Deleting the source (with force) removes its links; a
-- project links a source at most once.
ALTER TABLE buckets ADD COLUMN source_bucket_id INTEGER REFERENCES buckets (id) ON DELETE CASCADE;
CREATE UNIQUE INDEX buckets_link_once ON buckets (project_id, source_bucket_id)
  WHERE source_bucket_id IS NOT NULL;

-- Which projects may link a bucket. A NULL target means every project. `kind` is 'share' (the
-- target links it itself) or 'readonly' (the owner granted read-only access and made the link).
CREATE TABLE bucket_shares (
  bucket_id         INTEGER NOT NULL REFERENCES buckets (id) ON DELETE CASCADE,
  target_project_id TEXT REFERENCES projects (id) ON DELETE CASCADE,
  kind              TEXT NOT NULL CHECK (kind IN ('share', 'readonly')),
  created_at        TEXT NOT NULL
);
CREATE UNIQUE INDEX bucket_shares_target
  ON bucket_shares (bucket_id, ifnull(target_project_id, '*'), kind);

-- Key/value metadata (tags, descriptions) on buckets, tables and columns, Keboola-style with a
-- provider. A row belongs to a bucket; to a table when table_id is set; to one of its columns when
-- column_name is set too.
CREATE TABLE object_metadata (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  bucket_id   INTEGER NOT NULL REFERENCES buckets (id) ON DELETE CASCADE,
  table_id    INTEGER REFERENCES tables (id) ON DELETE CASCADE,
  column_name TEXT,
  provider    TEXT NOT NULL,
  key         TEXT NOT NULL,
  value       TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  CHECK (column_name IS NULL OR table_id IS NOT NULL)
);
CREATE UNIQUE INDEX object_metadata_key
  ON object_metadata (bucket_id, ifnull(table_id, 0), ifnull(column_name, ''), provider, key);
CREATE INDEX object_metadata_search ON object_metadata (key, value);

-- Long operations (imports, exports) run as jobs; their state survives restarts, and jobs that a
-- restart interrupted are marked failed at startup.
CREATE TABLE jobs (
  id            TEXT PRIMARY KEY,
  project_id    TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  operation     TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('waiting', 'processing', 'success', 'error', 'cancelled')),
  principal     TEXT NOT NULL,
  token_id      TEXT,
  target        TEXT,
  result        TEXT,
  error_code    TEXT,
  error_message TEXT,
  created_at    TEXT NOT NULL,
  started_at    TEXT,
  finished_at   TEXT
);
CREATE INDEX jobs_project ON jobs (project_id, created_at);
