-- Floe catalog, version 1: projects, buckets, tables, columns, primary keys, tokens.
-- Timestamps are ISO-8601 UTC text. Names are unique case-insensitively within their parent, so an
-- unquoted SQL identifier always resolves to at most one object.

CREATE TABLE projects (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  description TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX projects_id_nocase ON projects (id COLLATE NOCASE);

CREATE TABLE buckets (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  stage       TEXT NOT NULL DEFAULT 'in' CHECK (stage IN ('in', 'out')),
  description TEXT,
  created_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX buckets_name ON buckets (project_id, name COLLATE NOCASE);

CREATE TABLE tables (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  bucket_id   INTEGER NOT NULL REFERENCES buckets (id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  description TEXT,
  row_count   INTEGER NOT NULL DEFAULT 0,
  size_bytes  INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX tables_name ON tables (bucket_id, name COLLATE NOCASE);

CREATE TABLE columns (
  table_id    INTEGER NOT NULL REFERENCES tables (id) ON DELETE CASCADE,
  ordinal     INTEGER NOT NULL,
  name        TEXT NOT NULL,
  type        TEXT NOT NULL,
  nullable    INTEGER NOT NULL DEFAULT 1,
  pk_position INTEGER,
  description TEXT,
  PRIMARY KEY (table_id, ordinal)
);
CREATE UNIQUE INDEX columns_name ON columns (table_id, name COLLATE NOCASE);

-- Tokens are stored as SHA-256 of a 256-bit random secret; the secret itself is never stored.
CREATE TABLE tokens (
  id                 TEXT PRIMARY KEY,
  project_id         TEXT REFERENCES projects (id) ON DELETE CASCADE,
  kind               TEXT NOT NULL CHECK (kind IN ('admin', 'project')),
  description        TEXT,
  secret_hash        TEXT NOT NULL UNIQUE,
  is_master          INTEGER NOT NULL DEFAULT 0,
  can_manage_buckets INTEGER NOT NULL DEFAULT 0,
  created_at         TEXT NOT NULL,
  expires_at         TEXT,
  revoked_at         TEXT,
  CHECK ((kind = 'admin') = (project_id IS NULL))
);

CREATE TABLE token_bucket_permissions (
  token_id   TEXT NOT NULL REFERENCES tokens (id) ON DELETE CASCADE,
  bucket_id  INTEGER NOT NULL REFERENCES buckets (id) ON DELETE CASCADE,
  permission TEXT NOT NULL CHECK (permission IN ('read', 'write')),
  PRIMARY KEY (token_id, bucket_id)
);
