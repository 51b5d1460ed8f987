-- Floe catalog, version 4: Snowflake connections of a project.

-- How Floe logs in to a Snowflake account for a project. The secret (password, private key with
-- its passphrase, or OAuth token) is stored only encrypted: AES-GCM under the engine's secrets key,
-- as nonce || ciphertext || tag, with the project and connection name as associated data.
CREATE TABLE snowflake_connections (
  project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  account     TEXT NOT NULL,
  host        TEXT NOT NULL,
  port        INTEGER NOT NULL,
  protocol    TEXT NOT NULL,
  user_name   TEXT NOT NULL,
  auth        TEXT NOT NULL,
  secret      BLOB NOT NULL,
  warehouse   TEXT,
  role        TEXT,
  database    TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (project_id, name)
);
