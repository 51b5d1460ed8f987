-- Floe catalog, version 5: registered buckets, whose tables are a Snowflake schema's.

-- A registered bucket names the project's Snowflake connection and the schema it shows. Its tables
-- have no DuckDB file: remote_name is the table's or view's name in Snowflake, exactly.
ALTER TABLE buckets ADD COLUMN remote_connection TEXT;
ALTER TABLE buckets ADD COLUMN remote_database TEXT;
ALTER TABLE buckets ADD COLUMN remote_schema TEXT;
ALTER TABLE tables ADD COLUMN remote_name TEXT;
ALTER TABLE tables ADD COLUMN remote_view INTEGER NOT NULL DEFAULT 0;
