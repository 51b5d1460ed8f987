-- Floe catalog, version 3: dev branches, workspaces, their credentials and their objects.
-- (Version 2 belongs to the storage API; versions apply in order, each once.)

-- A dev branch of a project. It reads the main branch's tables until it writes one; from then on
-- it has its own copy of that table (branch_tables) and the main branch never sees its writes.
CREATE TABLE branches (
  id          TEXT PRIMARY KEY,
  project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  description TEXT,
  created_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX branches_name ON branches (project_id, name COLLATE NOCASE);

-- A branch's own copy of a main-branch table, made at the branch's first write to it. The copy is
-- the file <data-dir>/projects/<project>/_branches/<branch>/t_<table id>.duckdb.
CREATE TABLE branch_tables (
  branch_id  TEXT NOT NULL REFERENCES branches (id) ON DELETE CASCADE,
  table_id   INTEGER NOT NULL REFERENCES tables (id) ON DELETE CASCADE,
  row_count  INTEGER NOT NULL DEFAULT 0,
  size_bytes INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (branch_id, table_id)
);

-- A workspace: a DuckDB file of its own, reachable over the PostgreSQL wire protocol. It reads
-- what the token that created it may read (re-evaluated live) and writes only its own objects.
CREATE TABLE workspaces (
  id               TEXT PRIMARY KEY,
  project_id       TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  branch_id        TEXT REFERENCES branches (id) ON DELETE CASCADE,
  name             TEXT NOT NULL,
  created_by_token TEXT,
  created_at       TEXT NOT NULL,
  expires_at       TEXT,
  size_limit_bytes INTEGER NOT NULL,
  status           TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'expired', 'error'))
);
CREATE INDEX workspaces_project ON workspaces (project_id, branch_id);

-- Login of a workspace: a SCRAM-SHA-256 verifier (RFC 5803 / pg_authid format), never a password
-- or a bare hash of one.
CREATE TABLE workspace_credentials (
  workspace_id TEXT PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
  username     TEXT NOT NULL UNIQUE,
  verifier     TEXT NOT NULL,
  created_at   TEXT NOT NULL
);

-- Tables and views a workspace's users created. The catalog holds their definitions; the
-- workspace's DuckDB file holds the tables' rows. Ids are never reused (they are PostgreSQL oids).
CREATE TABLE workspace_objects (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('table', 'view')),
  definition   TEXT,
  created_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX workspace_objects_name ON workspace_objects (workspace_id, name COLLATE NOCASE);

CREATE TABLE workspace_columns (
  object_id   INTEGER NOT NULL REFERENCES workspace_objects (id) ON DELETE CASCADE,
  ordinal     INTEGER NOT NULL,
  name        TEXT NOT NULL,
  type        TEXT NOT NULL,
  nullable    INTEGER NOT NULL DEFAULT 1,
  pk_position INTEGER,
  PRIMARY KEY (object_id, ordinal)
);
