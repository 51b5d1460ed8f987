-- The catalog mirror's schema: PostgreSQL's catalog relations and functions that clients query,
-- as DuckDB tables and macros in schema pgc (DuckDB's own pg_catalog cannot be extended). Floe
-- fills the tables from one principal's view; statements are rewritten to find these first
-- (search_path pgc) and information_schema is redirected to schema floe_is.
-- Each statement ends with a semicolon at the end of a line.

CREATE TABLE pgc.pg_namespace (oid INTEGER, nspname VARCHAR, nspowner INTEGER, nspacl VARCHAR[]);
CREATE TABLE pgc.pg_class (oid INTEGER, relname VARCHAR, relnamespace INTEGER, reltype INTEGER,
  reloftype INTEGER, relowner INTEGER, relam INTEGER, relfilenode INTEGER, reltablespace INTEGER,
  relpages INTEGER, reltuples REAL, relallvisible INTEGER, reltoastrelid INTEGER,
  relhasindex BOOLEAN, relisshared BOOLEAN, relpersistence VARCHAR, relkind VARCHAR,
  relnatts SMALLINT, relchecks SMALLINT, relhasrules BOOLEAN, relhastriggers BOOLEAN,
  relhassubclass BOOLEAN, relrowsecurity BOOLEAN, relforcerowsecurity BOOLEAN,
  relispopulated BOOLEAN, relreplident VARCHAR, relispartition BOOLEAN, relrewrite INTEGER,
  relfrozenxid INTEGER, relminmxid INTEGER, relacl VARCHAR[], reloptions VARCHAR[],
  relpartbound VARCHAR);
CREATE TABLE pgc.pg_attribute (attrelid INTEGER, attname VARCHAR, atttypid INTEGER,
  attstattarget INTEGER, attlen SMALLINT, attnum SMALLINT, attndims INTEGER, attcacheoff INTEGER,
  atttypmod INTEGER, attbyval BOOLEAN, attalign VARCHAR, attstorage VARCHAR,
  attcompression VARCHAR, attnotnull BOOLEAN, atthasdef BOOLEAN, atthasmissing BOOLEAN,
  attidentity VARCHAR, attgenerated VARCHAR, attisdropped BOOLEAN, attislocal BOOLEAN,
  attinhcount INTEGER, attcollation INTEGER, attacl VARCHAR[], attoptions VARCHAR[],
  attfdwoptions VARCHAR[], attmissingval VARCHAR);
CREATE TABLE pgc.pg_type (oid INTEGER, typname VARCHAR, typnamespace INTEGER, typowner INTEGER,
  typlen SMALLINT, typbyval BOOLEAN, typtype VARCHAR, typcategory VARCHAR, typispreferred BOOLEAN,
  typisdefined BOOLEAN, typdelim VARCHAR, typrelid INTEGER, typsubscript VARCHAR, typelem INTEGER,
  typarray INTEGER, typinput VARCHAR, typoutput VARCHAR, typreceive VARCHAR, typsend VARCHAR,
  typmodin VARCHAR, typmodout VARCHAR, typanalyze VARCHAR, typalign VARCHAR, typstorage VARCHAR,
  typnotnull BOOLEAN, typbasetype INTEGER, typtypmod INTEGER, typndims INTEGER,
  typcollation INTEGER, typdefaultbin VARCHAR, typdefault VARCHAR, typacl VARCHAR[]);
CREATE TABLE pgc.pg_index (indexrelid INTEGER, indrelid INTEGER, indnatts SMALLINT,
  indnkeyatts SMALLINT, indisunique BOOLEAN, indnullsnotdistinct BOOLEAN, indisprimary BOOLEAN,
  indisexclusion BOOLEAN, indimmediate BOOLEAN, indisclustered BOOLEAN, indisvalid BOOLEAN,
  indcheckxmin BOOLEAN, indisready BOOLEAN, indislive BOOLEAN, indisreplident BOOLEAN,
  indkey SMALLINT[], indcollation INTEGER[], indclass INTEGER[], indoption SMALLINT[],
  indexprs VARCHAR, indpred VARCHAR);
CREATE TABLE pgc.pg_constraint (oid INTEGER, conname VARCHAR, connamespace INTEGER, contype VARCHAR,
  condeferrable BOOLEAN, condeferred BOOLEAN, convalidated BOOLEAN, conrelid INTEGER,
  contypid INTEGER, conindid INTEGER, conparentid INTEGER, confrelid INTEGER, confupdtype VARCHAR,
  confdeltype VARCHAR, confmatchtype VARCHAR, conislocal BOOLEAN, coninhcount INTEGER,
  connoinherit BOOLEAN, conkey SMALLINT[], confkey SMALLINT[], conpfeqop INTEGER[],
  conppeqop INTEGER[], conffeqop INTEGER[], confdelsetcols SMALLINT[], conexclop INTEGER[],
  conbin VARCHAR, floe_def VARCHAR);
CREATE TABLE pgc.pg_attrdef (oid INTEGER, adrelid INTEGER, adnum SMALLINT, adbin VARCHAR);
CREATE TABLE pgc.pg_description (objoid INTEGER, classoid INTEGER, objsubid INTEGER,
  description VARCHAR);
CREATE TABLE pgc.pg_shdescription (objoid INTEGER, classoid INTEGER, description VARCHAR);
CREATE TABLE pgc.pg_database (oid INTEGER, datname VARCHAR, datdba INTEGER, encoding INTEGER,
  datlocprovider VARCHAR, datistemplate BOOLEAN, datallowconn BOOLEAN, datconnlimit INTEGER,
  datfrozenxid INTEGER, datminmxid INTEGER, dattablespace INTEGER, datcollate VARCHAR,
  datctype VARCHAR, daticulocale VARCHAR, daticurules VARCHAR, datcollversion VARCHAR,
  datacl VARCHAR[]);
CREATE TABLE pgc.pg_authid (oid INTEGER, rolname VARCHAR, rolsuper BOOLEAN, rolinherit BOOLEAN,
  rolcreaterole BOOLEAN, rolcreatedb BOOLEAN, rolcanlogin BOOLEAN, rolreplication BOOLEAN,
  rolbypassrls BOOLEAN, rolconnlimit INTEGER, rolpassword VARCHAR, rolvaliduntil TIMESTAMPTZ,
  rolconfig VARCHAR[]);
CREATE VIEW pgc.pg_roles AS SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb,
  rolcanlogin, rolreplication, rolconnlimit, '********' AS rolpassword, rolvaliduntil,
  rolbypassrls, rolconfig, oid FROM pgc.pg_authid;
CREATE VIEW pgc.pg_user AS SELECT rolname AS usename, oid AS usesysid, rolcreatedb AS usecreatedb,
  rolsuper AS usesuper, rolreplication AS userepl, rolbypassrls AS usebypassrls,
  '********' AS passwd, rolvaliduntil AS valuntil, rolconfig AS useconfig FROM pgc.pg_authid;
CREATE TABLE pgc.pg_auth_members (oid INTEGER, roleid INTEGER, member INTEGER, grantor INTEGER,
  admin_option BOOLEAN, inherit_option BOOLEAN, set_option BOOLEAN);
CREATE TABLE pgc.pg_proc (oid INTEGER, proname VARCHAR, pronamespace INTEGER, proowner INTEGER,
  prolang INTEGER, procost REAL, prorows REAL, provariadic INTEGER, prosupport VARCHAR,
  prokind VARCHAR, prosecdef BOOLEAN, proleakproof BOOLEAN, proisstrict BOOLEAN,
  proretset BOOLEAN, provolatile VARCHAR, proparallel VARCHAR, pronargs SMALLINT,
  pronargdefaults SMALLINT, prorettype INTEGER, proargtypes INTEGER[], proallargtypes INTEGER[],
  proargmodes VARCHAR[], proargnames VARCHAR[], proargdefaults VARCHAR, protrftypes INTEGER[],
  prosrc VARCHAR, probin VARCHAR, prosqlbody VARCHAR, proconfig VARCHAR[], proacl VARCHAR[]);
CREATE TABLE pgc.pg_am (oid INTEGER, amname VARCHAR, amhandler VARCHAR, amtype VARCHAR);
CREATE TABLE pgc.pg_settings (name VARCHAR, setting VARCHAR, unit VARCHAR, category VARCHAR,
  short_desc VARCHAR, extra_desc VARCHAR, context VARCHAR, vartype VARCHAR, source VARCHAR,
  min_val VARCHAR, max_val VARCHAR, enumvals VARCHAR[], boot_val VARCHAR, reset_val VARCHAR,
  sourcefile VARCHAR, sourceline INTEGER, pending_restart BOOLEAN);
CREATE TABLE pgc.pg_collation (oid INTEGER, collname VARCHAR, collnamespace INTEGER,
  collowner INTEGER, collprovider VARCHAR, collisdeterministic BOOLEAN, collencoding INTEGER,
  collcollate VARCHAR, collctype VARCHAR, colliculocale VARCHAR, collicurules VARCHAR,
  collversion VARCHAR);
CREATE TABLE pgc.pg_tablespace (oid INTEGER, spcname VARCHAR, spcowner INTEGER, spcacl VARCHAR[],
  spcoptions VARCHAR[]);
CREATE TABLE pgc.pg_inherits (inhrelid INTEGER, inhparent INTEGER, inhseqno INTEGER,
  inhdetachpending BOOLEAN);
CREATE TABLE pgc.pg_policy (oid INTEGER, polname VARCHAR, polrelid INTEGER, polcmd VARCHAR,
  polpermissive BOOLEAN, polroles INTEGER[], polqual VARCHAR, polwithcheck VARCHAR);
CREATE TABLE pgc.pg_statistic_ext (oid INTEGER, stxrelid INTEGER, stxname VARCHAR,
  stxnamespace INTEGER, stxowner INTEGER, stxstattarget INTEGER, stxkeys SMALLINT[],
  stxkind VARCHAR[], stxexprs VARCHAR);
CREATE TABLE pgc.pg_publication (oid INTEGER, pubname VARCHAR, pubowner INTEGER,
  puballtables BOOLEAN, pubinsert BOOLEAN, pubupdate BOOLEAN, pubdelete BOOLEAN,
  pubtruncate BOOLEAN, pubviaroot BOOLEAN);
CREATE TABLE pgc.pg_publication_namespace (oid INTEGER, pnpubid INTEGER, pnnspid INTEGER);
CREATE TABLE pgc.pg_publication_rel (oid INTEGER, prpubid INTEGER, prrelid INTEGER,
  prqual VARCHAR, prattrs SMALLINT[]);
CREATE TABLE pgc.pg_depend (classid INTEGER, objid INTEGER, objsubid INTEGER, refclassid INTEGER,
  refobjid INTEGER, refobjsubid INTEGER, deptype VARCHAR);
CREATE TABLE pgc.pg_shdepend (dbid INTEGER, classid INTEGER, objid INTEGER, objsubid INTEGER,
  refclassid INTEGER, refobjid INTEGER, deptype VARCHAR);
CREATE TABLE pgc.pg_extension (oid INTEGER, extname VARCHAR, extowner INTEGER,
  extnamespace INTEGER, extrelocatable BOOLEAN, extversion VARCHAR, extconfig INTEGER[],
  extcondition VARCHAR[]);
CREATE TABLE pgc.pg_language (oid INTEGER, lanname VARCHAR, lanowner INTEGER, lanispl BOOLEAN,
  lanpltrusted BOOLEAN, lanplcallfoid INTEGER, laninline INTEGER, lanvalidator INTEGER,
  lanacl VARCHAR[]);
CREATE TABLE pgc.pg_trigger (oid INTEGER, tgrelid INTEGER, tgparentid INTEGER, tgname VARCHAR,
  tgfoid INTEGER, tgtype SMALLINT, tgenabled VARCHAR, tgisinternal BOOLEAN, tgconstrrelid INTEGER,
  tgconstrindid INTEGER, tgconstraint INTEGER, tgdeferrable BOOLEAN, tginitdeferred BOOLEAN,
  tgnargs SMALLINT, tgattr SMALLINT[], tgargs VARCHAR, tgqual VARCHAR, tgoldtable VARCHAR,
  tgnewtable VARCHAR);
CREATE TABLE pgc.pg_event_trigger (oid INTEGER, evtname VARCHAR, evtevent VARCHAR,
  evtowner INTEGER, evtfoid INTEGER, evtenabled VARCHAR, evttags VARCHAR[]);
CREATE TABLE pgc.pg_rewrite (oid INTEGER, rulename VARCHAR, ev_class INTEGER, ev_type VARCHAR,
  ev_enabled VARCHAR, is_instead BOOLEAN, ev_qual VARCHAR, ev_action VARCHAR);
CREATE TABLE pgc.pg_opclass (oid INTEGER, opcmethod INTEGER, opcname VARCHAR,
  opcnamespace INTEGER, opcowner INTEGER, opcfamily INTEGER, opcintype INTEGER,
  opcdefault BOOLEAN, opckeytype INTEGER);
CREATE TABLE pgc.pg_opfamily (oid INTEGER, opfmethod INTEGER, opfname VARCHAR,
  opfnamespace INTEGER, opfowner INTEGER);
CREATE TABLE pgc.pg_operator (oid INTEGER, oprname VARCHAR, oprnamespace INTEGER,
  oprowner INTEGER, oprkind VARCHAR, oprcanmerge BOOLEAN, oprcanhash BOOLEAN, oprleft INTEGER,
  oprright INTEGER, oprresult INTEGER, oprcom INTEGER, oprnegate INTEGER, oprcode VARCHAR,
  oprrest VARCHAR, oprjoin VARCHAR);
CREATE TABLE pgc.pg_conversion (oid INTEGER, conname VARCHAR, connamespace INTEGER,
  conowner INTEGER, conforencoding INTEGER, contoencoding INTEGER, conproc VARCHAR,
  condefault BOOLEAN);
CREATE TABLE pgc.pg_cast (oid INTEGER, castsource INTEGER, casttarget INTEGER, castfunc INTEGER,
  castcontext VARCHAR, castmethod VARCHAR);
CREATE TABLE pgc.pg_enum (oid INTEGER, enumtypid INTEGER, enumsortorder REAL, enumlabel VARCHAR);
CREATE TABLE pgc.pg_range (rngtypid INTEGER, rngsubtype INTEGER, rngmultitypid INTEGER,
  rngcollation INTEGER, rngsubopc INTEGER, rngcanonical VARCHAR, rngsubdiff VARCHAR);
CREATE TABLE pgc.pg_aggregate (aggfnoid INTEGER, aggkind VARCHAR, aggnumdirectargs SMALLINT,
  aggtransfn VARCHAR, aggfinalfn VARCHAR, aggtranstype INTEGER);
CREATE TABLE pgc.pg_foreign_data_wrapper (oid INTEGER, fdwname VARCHAR, fdwowner INTEGER,
  fdwhandler INTEGER, fdwvalidator INTEGER, fdwacl VARCHAR[], fdwoptions VARCHAR[]);
CREATE TABLE pgc.pg_foreign_server (oid INTEGER, srvname VARCHAR, srvowner INTEGER,
  srvfdw INTEGER, srvtype VARCHAR, srvversion VARCHAR, srvacl VARCHAR[], srvoptions VARCHAR[]);
CREATE TABLE pgc.pg_foreign_table (ftrelid INTEGER, ftserver INTEGER, ftoptions VARCHAR[]);
CREATE TABLE pgc.pg_user_mapping (oid INTEGER, umuser INTEGER, umserver INTEGER,
  umoptions VARCHAR[]);
CREATE TABLE pgc.pg_partitioned_table (partrelid INTEGER, partstrat VARCHAR, partnatts SMALLINT,
  partdefid INTEGER, partattrs SMALLINT[]);
CREATE TABLE pgc.pg_default_acl (oid INTEGER, defaclrole INTEGER, defaclnamespace INTEGER,
  defaclobjtype VARCHAR, defaclacl VARCHAR[]);
CREATE TABLE pgc.pg_init_privs (objoid INTEGER, classoid INTEGER, objsubid INTEGER,
  privtype VARCHAR, initprivs VARCHAR[]);
CREATE TABLE pgc.pg_seclabel (objoid INTEGER, classoid INTEGER, objsubid INTEGER,
  provider VARCHAR, label VARCHAR);
CREATE TABLE pgc.pg_largeobject_metadata (oid INTEGER, lomowner INTEGER, lomacl VARCHAR[]);
CREATE TABLE pgc.pg_sequence (seqrelid INTEGER, seqtypid INTEGER, seqstart BIGINT,
  seqincrement BIGINT, seqmax BIGINT, seqmin BIGINT, seqcache BIGINT, seqcycle BOOLEAN);
CREATE TABLE pgc.pg_locks (locktype VARCHAR, database INTEGER, relation INTEGER, pid INTEGER,
  mode VARCHAR, granted BOOLEAN);
CREATE TABLE pgc.pg_stat_activity (datid INTEGER, datname VARCHAR, pid INTEGER, leader_pid INTEGER,
  usesysid INTEGER, usename VARCHAR, application_name VARCHAR, client_addr VARCHAR,
  client_hostname VARCHAR, client_port INTEGER, backend_start TIMESTAMPTZ,
  xact_start TIMESTAMPTZ, query_start TIMESTAMPTZ, state_change TIMESTAMPTZ,
  wait_event_type VARCHAR, wait_event VARCHAR, state VARCHAR, backend_xid INTEGER,
  backend_xmin INTEGER, query_id BIGINT, query VARCHAR, backend_type VARCHAR);
CREATE TABLE pgc.pg_stat_user_tables (relid INTEGER, schemaname VARCHAR, relname VARCHAR,
  seq_scan BIGINT, seq_tup_read BIGINT, idx_scan BIGINT, idx_tup_fetch BIGINT, n_tup_ins BIGINT,
  n_tup_upd BIGINT, n_tup_del BIGINT, n_live_tup BIGINT, n_dead_tup BIGINT,
  last_vacuum TIMESTAMPTZ, last_autovacuum TIMESTAMPTZ, last_analyze TIMESTAMPTZ,
  last_autoanalyze TIMESTAMPTZ);
CREATE VIEW pgc.pg_stat_all_tables AS SELECT * FROM pgc.pg_stat_user_tables;
CREATE TABLE pgc.pg_stat_database (datid INTEGER, datname VARCHAR, numbackends INTEGER,
  xact_commit BIGINT, xact_rollback BIGINT);
CREATE TABLE pgc.pg_matviews (schemaname VARCHAR, matviewname VARCHAR, matviewowner VARCHAR,
  tablespace VARCHAR, hasindexes BOOLEAN, ispopulated BOOLEAN, definition VARCHAR);
CREATE TABLE pgc.pg_sequences (schemaname VARCHAR, sequencename VARCHAR, sequenceowner VARCHAR,
  data_type VARCHAR, start_value BIGINT, min_value BIGINT, max_value BIGINT,
  increment_by BIGINT, cycle BOOLEAN, cache_size BIGINT, last_value BIGINT);
CREATE TABLE pgc.pg_prepared_statements (name VARCHAR, statement VARCHAR,
  prepare_time TIMESTAMPTZ, parameter_types VARCHAR[], from_sql BOOLEAN);
CREATE TABLE pgc.pg_timezone_names (name VARCHAR, abbrev VARCHAR, utc_offset INTERVAL,
  is_dst BOOLEAN);
CREATE VIEW pgc.pg_tables AS SELECT n.nspname AS schemaname, c.relname AS tablename,
  pgc.pg_get_userbyid(c.relowner) AS tableowner, NULL::VARCHAR AS tablespace,
  c.relhasindex AS hasindexes, false AS hasrules, false AS hastriggers, false AS rowsecurity
  FROM pgc.pg_class c JOIN pgc.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r';
CREATE TABLE pgc.floe_views (oid INTEGER, definition VARCHAR);
CREATE VIEW pgc.pg_views AS SELECT n.nspname AS schemaname, c.relname AS viewname,
  pgc.pg_get_userbyid(c.relowner) AS viewowner, v.definition
  FROM pgc.pg_class c JOIN pgc.pg_namespace n ON n.oid = c.relnamespace
  JOIN pgc.floe_views v ON v.oid = c.oid WHERE c.relkind = 'v';
CREATE TABLE pgc.floe_indexdefs (oid INTEGER, definition VARCHAR, columns VARCHAR[]);
CREATE VIEW pgc.pg_indexes AS SELECT n.nspname AS schemaname, t.relname AS tablename,
  c.relname AS indexname, NULL::VARCHAR AS tablespace, d.definition AS indexdef
  FROM pgc.pg_index i JOIN pgc.pg_class c ON c.oid = i.indexrelid
  JOIN pgc.pg_class t ON t.oid = i.indrelid JOIN pgc.pg_namespace n ON n.oid = t.relnamespace
  JOIN pgc.floe_indexdefs d ON d.oid = i.indexrelid;
CREATE TABLE pgc.floe_user (name VARCHAR, database VARCHAR);

-- Functions PostgreSQL has and DuckDB lacks (or has with other arities).
CREATE MACRO pgc.pg_get_userbyid(id) AS (SELECT floe_x.rolname FROM pgc.pg_authid floe_x WHERE floe_x.oid = id);
CREATE MACRO pgc.pg_table_is_visible(id) AS true;
CREATE MACRO pgc.pg_type_is_visible(id) AS true;
CREATE MACRO pgc.pg_function_is_visible(id) AS true;
CREATE MACRO pgc.pg_get_expr(expr, relation) AS expr, (expr, relation, pretty) AS expr;
CREATE MACRO pgc.pg_get_indexdef(id) AS (SELECT floe_x.definition FROM pgc.floe_indexdefs floe_x WHERE floe_x.oid = id),
  (id, col, pretty) AS (SELECT CASE WHEN col = 0 THEN definition ELSE columns[col] END
  FROM pgc.floe_indexdefs floe_x WHERE floe_x.oid = id);
CREATE MACRO pgc.pg_get_constraintdef(id) AS (SELECT floe_x.floe_def FROM pgc.pg_constraint floe_x WHERE floe_x.oid = id),
  (id, pretty) AS (SELECT floe_x.floe_def FROM pgc.pg_constraint floe_x WHERE floe_x.oid = id);
CREATE MACRO pgc.pg_get_viewdef(id) AS (SELECT floe_x.definition FROM pgc.floe_views floe_x WHERE floe_x.oid = id),
  (id, pretty) AS (SELECT floe_x.definition FROM pgc.floe_views floe_x WHERE floe_x.oid = id);
CREATE MACRO pgc.pg_get_function_result(id) AS NULL::VARCHAR;
CREATE MACRO pgc.pg_get_function_arguments(id) AS NULL::VARCHAR;
CREATE MACRO pgc.pg_get_function_identity_arguments(id) AS NULL::VARCHAR;
CREATE MACRO pgc.pg_get_functiondef(id) AS NULL::VARCHAR;
CREATE MACRO pgc.pg_get_triggerdef(id) AS NULL::VARCHAR, (id, pretty) AS NULL::VARCHAR;
CREATE MACRO pgc.pg_get_ruledef(id) AS NULL::VARCHAR, (id, pretty) AS NULL::VARCHAR;
CREATE MACRO pgc.pg_get_partkeydef(id) AS NULL::VARCHAR;
CREATE MACRO pgc.pg_get_statisticsobjdef_columns(id) AS NULL::VARCHAR;
CREATE MACRO pgc.pg_get_serial_sequence(tab, col) AS NULL::VARCHAR;
CREATE MACRO pgc.pg_relation_is_publishable(id) AS false;
CREATE MACRO pgc.pg_encoding_to_char(id) AS 'UTF8';
CREATE MACRO pgc.pg_char_to_encoding(name) AS 6;
CREATE MACRO pgc.pg_relation_size(id) AS 0::BIGINT, (id, fork) AS 0::BIGINT;
CREATE MACRO pgc.pg_total_relation_size(id) AS 0::BIGINT;
CREATE MACRO pgc.pg_table_size(id) AS 0::BIGINT;
CREATE MACRO pgc.pg_indexes_size(id) AS 0::BIGINT;
CREATE MACRO pgc.pg_database_size(id) AS 0::BIGINT;
CREATE MACRO pgc.pg_stat_get_numscans(id) AS 0::BIGINT;
CREATE MACRO pgc.pg_stat_get_tuples_inserted(id) AS 0::BIGINT;
CREATE MACRO pgc.pg_is_in_recovery() AS false;
CREATE MACRO pgc.pg_postmaster_start_time() AS TIMESTAMPTZ '2000-01-01 00:00:00+00';
CREATE MACRO pgc.txid_current() AS 1::BIGINT;
CREATE MACRO pgc.pg_current_xact_id() AS 1::BIGINT;
CREATE MACRO pgc.pg_is_other_temp_schema(id) AS false;
CREATE MACRO pgc.pg_my_temp_schema() AS 0;
CREATE MACRO pgc.has_table_privilege(a) AS true, (a, b) AS true, (a, b, c) AS true;
CREATE MACRO pgc.has_schema_privilege(a) AS true, (a, b) AS true, (a, b, c) AS true;
CREATE MACRO pgc.has_database_privilege(a) AS true, (a, b) AS true, (a, b, c) AS true;
CREATE MACRO pgc.has_column_privilege(a, b, c) AS true, (a, b, c, d) AS true;
CREATE MACRO pgc.has_function_privilege(a) AS true, (a, b) AS true, (a, b, c) AS true;
CREATE MACRO pgc.has_sequence_privilege(a, b) AS true, (a, b, c) AS true;
CREATE MACRO pgc.obj_description(id) AS (SELECT floe_x.description FROM pgc.pg_description floe_x WHERE floe_x.objoid = id AND floe_x.objsubid = 0 LIMIT 1), (id, catalog) AS (SELECT floe_x.description
  FROM pgc.pg_description floe_x WHERE floe_x.objoid = id AND floe_x.objsubid = 0 LIMIT 1);
CREATE MACRO pgc.col_description(id, n) AS (SELECT floe_x.description FROM pgc.pg_description floe_x WHERE floe_x.objoid = id AND floe_x.objsubid = n LIMIT 1);
CREATE MACRO pgc.shobj_description(id, catalog) AS NULL::VARCHAR;
CREATE MACRO pgc.format_type(id, typmod) AS (SELECT CASE
  WHEN floe_t.typname = 'numeric' AND typmod > 4 THEN 'numeric(' || ((typmod - 4) >> 16)::VARCHAR || ','
    || ((typmod - 4) & 65535)::VARCHAR || ')'
  WHEN floe_t.typname = 'varchar' AND typmod > 4 THEN 'character varying(' || (typmod - 4)::VARCHAR || ')'
  WHEN floe_t.typname = 'varchar' THEN 'character varying'
  WHEN floe_t.typname = 'bpchar' AND typmod > 4 THEN 'character(' || (typmod - 4)::VARCHAR || ')'
  WHEN floe_t.typname = 'int2' THEN 'smallint' WHEN floe_t.typname = 'int4' THEN 'integer'
  WHEN floe_t.typname = 'int8' THEN 'bigint' WHEN floe_t.typname = 'float4' THEN 'real'
  WHEN floe_t.typname = 'float8' THEN 'double precision' WHEN floe_t.typname = 'bool' THEN 'boolean'
  WHEN floe_t.typname = 'timestamp' THEN 'timestamp without time zone'
  WHEN floe_t.typname = 'timestamptz' THEN 'timestamp with time zone'
  WHEN floe_t.typname = 'time' THEN 'time without time zone'
  WHEN floe_t.typname = 'timetz' THEN 'time with time zone'
  WHEN floe_t.typname LIKE '\_%' ESCAPE '\' THEN substr(floe_t.typname, 2) || '[]'
  ELSE floe_t.typname END FROM pgc.pg_type floe_t WHERE floe_t.oid = id);
CREATE MACRO pgc.pg_get_keywords() AS TABLE SELECT keyword_name AS word,
  CASE keyword_category WHEN 'reserved' THEN 'R' WHEN 'unreserved' THEN 'U'
  WHEN 'type_function' THEN 'T' ELSE 'C' END AS catcode, true AS barelabel,
  keyword_category AS catdesc, 'can be bare label' AS baredesc FROM duckdb_keywords();
CREATE MACRO pgc.array_upper(arr, dim) AS CASE WHEN len(arr) = 0 THEN NULL ELSE len(arr) END;
CREATE MACRO pgc.array_lower(arr, dim) AS CASE WHEN len(arr) = 0 THEN NULL ELSE 1 END;
CREATE MACRO pgc.array_length(arr, dim) AS CASE WHEN len(arr) = 0 THEN NULL ELSE len(arr) END;
CREATE MACRO pgc._pg_expandarray(arr) AS unnest(list_transform(range(1, len(arr) + 1),
  lambda i: {'x': arr[i], 'n': i}));
CREATE MACRO pgc.quote_ident(s) AS CASE WHEN regexp_matches(s, '^[a-z_][a-z0-9_$]*$') THEN s
  ELSE '"' || replace(s, '"', '""') || '"' END;
CREATE MACRO pgc.current_schema() AS 'public';
CREATE MACRO pgc.current_schemas(implicit) AS CASE WHEN implicit THEN ['pg_catalog', 'public']
  ELSE ['public'] END;
CREATE MACRO pgc.version() AS 'PostgreSQL 16.4 (Floe) on x86_64-pc-linux-gnu, compiled by Floe, 64-bit';
CREATE MACRO pgc.pg_backend_pid() AS 0;
CREATE MACRO pgc.set_config(name, value, is_local) AS value;
CREATE MACRO pgc.inet_server_addr() AS NULL::VARCHAR;
CREATE MACRO pgc.inet_server_port() AS NULL::INTEGER;
CREATE MACRO pgc.inet_client_addr() AS NULL::VARCHAR;
CREATE MACRO pgc.pg_tablespace_location(id) AS '';
CREATE MACRO pgc.pg_stat_get_backend_pid(id) AS 0;
CREATE MACRO pgc.floe_text_array(s) AS CASE WHEN trim(s) IN ('{}', '') THEN []::VARCHAR[] ELSE
  list_transform(string_split(trim(trim(s), '{}'), ','), lambda x: trim(trim(x), '"')) END;
CREATE TABLE pgc.floe_system_relations (oid INTEGER, relname VARCHAR);
CREATE MACRO pgc.floe_regclass_lookup(rel) AS COALESCE((SELECT floe_c.oid FROM pgc.pg_class floe_c
  JOIN pgc.pg_namespace floe_n ON floe_n.oid = floe_c.relnamespace WHERE floe_c.relname = rel
  OR floe_n.nspname || '.' || floe_c.relname = rel OR '"' || floe_n.nspname || '"."' || floe_c.relname || '"' = rel
  ORDER BY floe_n.nspname <> 'public' LIMIT 1), (SELECT floe_s.oid FROM pgc.floe_system_relations floe_s
  WHERE floe_s.relname = rel OR 'pg_catalog.' || floe_s.relname = rel), TRY_CAST(rel AS INTEGER));
CREATE MACRO pgc.floe_regclass(rel) AS CASE WHEN pgc.floe_regclass_lookup(rel) IS NULL
  THEN error('relation "' || rel || '" does not exist') ELSE pgc.floe_regclass_lookup(rel) END;
CREATE MACRO pgc.floe_regclass_name(id) AS COALESCE((SELECT CASE WHEN floe_n.nspname IN ('public',
  'pg_catalog') THEN floe_c.relname ELSE floe_n.nspname || '.' || floe_c.relname END FROM pgc.pg_class floe_c
  JOIN pgc.pg_namespace floe_n ON floe_n.oid = floe_c.relnamespace WHERE floe_c.oid = id), id::VARCHAR);
CREATE MACRO pgc.floe_regtype(name) AS COALESCE((SELECT oid FROM pgc.pg_type
  WHERE typname = name OR pgc.format_type(oid, NULL) = name LIMIT 1), TRY_CAST(name AS INTEGER));
CREATE MACRO pgc.floe_regtype_name(id) AS COALESCE(pgc.format_type(id, NULL), id::VARCHAR);
CREATE MACRO pgc.floe_regnamespace(name) AS (SELECT floe_x.oid FROM pgc.pg_namespace floe_x WHERE floe_x.nspname = name);
CREATE MACRO pgc.floe_regnamespace_name(id) AS COALESCE((SELECT floe_x.nspname FROM pgc.pg_namespace floe_x
  WHERE floe_x.oid = id), id::VARCHAR);
CREATE MACRO pgc.floe_regrole_name(id) AS COALESCE((SELECT floe_x.rolname FROM pgc.pg_authid floe_x
  WHERE floe_x.oid = id), id::VARCHAR);
CREATE MACRO pgc.floe_regproc(name) AS regexp_replace(name, '^.*\.', '');
CREATE MACRO pgc.to_regclass(name) AS (SELECT floe_c.oid FROM pgc.pg_class floe_c
  JOIN pgc.pg_namespace floe_n ON floe_n.oid = floe_c.relnamespace WHERE floe_c.relname = name
  OR floe_n.nspname || '.' || floe_c.relname = name LIMIT 1);
CREATE MACRO pgc.to_regtype(name) AS (SELECT floe_x.oid FROM pgc.pg_type floe_x WHERE floe_x.typname = name LIMIT 1);

-- information_schema, redirected here.
CREATE TABLE floe_is.schemata (catalog_name VARCHAR, schema_name VARCHAR, schema_owner VARCHAR,
  default_character_set_catalog VARCHAR, default_character_set_schema VARCHAR,
  default_character_set_name VARCHAR, sql_path VARCHAR);
CREATE TABLE floe_is.tables (table_catalog VARCHAR, table_schema VARCHAR, table_name VARCHAR,
  table_type VARCHAR, self_referencing_column_name VARCHAR, reference_generation VARCHAR,
  user_defined_type_catalog VARCHAR, user_defined_type_schema VARCHAR,
  user_defined_type_name VARCHAR, is_insertable_into VARCHAR, is_typed VARCHAR,
  commit_action VARCHAR);
CREATE TABLE floe_is.columns (table_catalog VARCHAR, table_schema VARCHAR, table_name VARCHAR,
  column_name VARCHAR, ordinal_position INTEGER, column_default VARCHAR, is_nullable VARCHAR,
  data_type VARCHAR, character_maximum_length INTEGER, character_octet_length INTEGER,
  numeric_precision INTEGER, numeric_precision_radix INTEGER, numeric_scale INTEGER,
  datetime_precision INTEGER, interval_type VARCHAR, interval_precision INTEGER,
  character_set_catalog VARCHAR, character_set_schema VARCHAR, character_set_name VARCHAR,
  collation_catalog VARCHAR, collation_schema VARCHAR, collation_name VARCHAR,
  domain_catalog VARCHAR, domain_schema VARCHAR, domain_name VARCHAR, udt_catalog VARCHAR,
  udt_schema VARCHAR, udt_name VARCHAR, scope_catalog VARCHAR, scope_schema VARCHAR,
  scope_name VARCHAR, maximum_cardinality INTEGER, dtd_identifier VARCHAR,
  is_self_referencing VARCHAR, is_identity VARCHAR, identity_generation VARCHAR,
  identity_start VARCHAR, identity_increment VARCHAR, identity_maximum VARCHAR,
  identity_minimum VARCHAR, identity_cycle VARCHAR, is_generated VARCHAR,
  generation_expression VARCHAR, is_updatable VARCHAR);
CREATE TABLE floe_is.views (table_catalog VARCHAR, table_schema VARCHAR, table_name VARCHAR,
  view_definition VARCHAR, check_option VARCHAR, is_updatable VARCHAR, is_insertable_into VARCHAR,
  is_trigger_updatable VARCHAR, is_trigger_deletable VARCHAR, is_trigger_insertable_into VARCHAR);
CREATE TABLE floe_is.table_constraints (constraint_catalog VARCHAR, constraint_schema VARCHAR,
  constraint_name VARCHAR, table_catalog VARCHAR, table_schema VARCHAR, table_name VARCHAR,
  constraint_type VARCHAR, is_deferrable VARCHAR, initially_deferred VARCHAR, enforced VARCHAR,
  nulls_distinct VARCHAR);
CREATE TABLE floe_is.key_column_usage (constraint_catalog VARCHAR, constraint_schema VARCHAR,
  constraint_name VARCHAR, table_catalog VARCHAR, table_schema VARCHAR, table_name VARCHAR,
  column_name VARCHAR, ordinal_position INTEGER, position_in_unique_constraint INTEGER);
CREATE TABLE floe_is.referential_constraints (constraint_catalog VARCHAR,
  constraint_schema VARCHAR, constraint_name VARCHAR, unique_constraint_catalog VARCHAR,
  unique_constraint_schema VARCHAR, unique_constraint_name VARCHAR, match_option VARCHAR,
  update_rule VARCHAR, delete_rule VARCHAR);
CREATE TABLE floe_is.constraint_column_usage (table_catalog VARCHAR, table_schema VARCHAR,
  table_name VARCHAR, column_name VARCHAR, constraint_catalog VARCHAR, constraint_schema VARCHAR,
  constraint_name VARCHAR);
CREATE TABLE floe_is.check_constraints (constraint_catalog VARCHAR, constraint_schema VARCHAR,
  constraint_name VARCHAR, check_clause VARCHAR);
CREATE TABLE floe_is.routines (specific_catalog VARCHAR, specific_schema VARCHAR,
  specific_name VARCHAR, routine_catalog VARCHAR, routine_schema VARCHAR, routine_name VARCHAR,
  routine_type VARCHAR, data_type VARCHAR, routine_definition VARCHAR);
CREATE TABLE floe_is.parameters (specific_catalog VARCHAR, specific_schema VARCHAR,
  specific_name VARCHAR, ordinal_position INTEGER, parameter_mode VARCHAR,
  parameter_name VARCHAR, data_type VARCHAR);
CREATE TABLE floe_is.sequences (sequence_catalog VARCHAR, sequence_schema VARCHAR,
  sequence_name VARCHAR, data_type VARCHAR);
CREATE TABLE floe_is.triggers (trigger_catalog VARCHAR, trigger_schema VARCHAR,
  trigger_name VARCHAR, event_manipulation VARCHAR, event_object_schema VARCHAR,
  event_object_table VARCHAR, action_statement VARCHAR);
CREATE TABLE floe_is.character_sets (character_set_catalog VARCHAR, character_set_schema VARCHAR,
  character_set_name VARCHAR, character_repertoire VARCHAR, form_of_use VARCHAR,
  default_collate_catalog VARCHAR, default_collate_schema VARCHAR, default_collate_name VARCHAR);
CREATE TABLE floe_is.enabled_roles (role_name VARCHAR);
CREATE TABLE floe_is.table_privileges (grantor VARCHAR, grantee VARCHAR, table_catalog VARCHAR,
  table_schema VARCHAR, table_name VARCHAR, privilege_type VARCHAR, is_grantable VARCHAR,
  with_hierarchy VARCHAR);
CREATE MACRO floe_is._pg_expandarray(arr) AS pgc._pg_expandarray(arr);
CREATE MACRO pgc.floe_int_array(s) AS CAST(pgc.floe_text_array(s) AS INTEGER[]);
