-- Floe catalog, version 7: Snowflake key-pair users of a project.

-- A user that Snowflake clients log in as with a key-pair JWT (SNOWFLAKE_JWT, the SQL API's
-- KEYPAIR_JWT). Its rights are those of a project token that has no secret: the token's row in
-- `tokens` holds the user's bucket permissions (in token_bucket_permissions), and its secret_hash
-- is a marker that no SHA-256 can equal, so the token itself never authenticates. Deleting the
-- token deletes the user and the other way round (the service deletes both). Names are stored
-- upper-cased, as Snowflake folds unquoted user names. The public key is the DER
-- SubjectPublicKeyInfo in base64; the fingerprint is Snowflake's RSA_PUBLIC_KEY_FP,
-- SHA256:<base64 of the key's SHA-256>.
CREATE TABLE snowflake_users (
  project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  token_id    TEXT NOT NULL UNIQUE REFERENCES tokens (id) ON DELETE CASCADE,
  public_key  TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (project_id, name)
);
CREATE UNIQUE INDEX snowflake_users_name ON snowflake_users (project_id COLLATE NOCASE, name COLLATE NOCASE);
