"""psycopg 3 and psycopg2 against a Floe workspace; prints one JSON object with what they saw.

Usage: workspace_psycopg.py '<libpq connection string>'
"""
import json
import sys
import threading
import time

import psycopg
import psycopg2
from psycopg import errors

dsn = sys.argv[1]
out = {}

# Workspace DDL commits at once, so it runs outside transaction blocks (autocommit).
with psycopg.connect(dsn, autocommit=True) as conn:
    conn.execute("create table py_items (id int primary key, label text)")
    try:
        with conn.transaction():
            conn.execute("create table py_in_block (a int)")
        out["ddl_in_block"] = "allowed"
    except errors.ActiveSqlTransaction as e:
        out["ddl_in_block"] = e.sqlstate

with psycopg.connect(dsn) as conn:  # autocommit off: psycopg sends BEGIN itself
    out["ssl"] = conn.info.pgconn.ssl_in_use
    with conn.cursor() as cur:
        cur.execute("insert into py_items values (99, 'rolled back')")
    conn.rollback()
    with conn.cursor() as cur:
        cur.execute("select count(*) from py_items")
        out["after_rollback"] = cur.fetchone()[0]
        cur.execute("select count(*) from in_c_sales.orders")
        out["orders"] = cur.fetchone()[0]
        cur.executemany("insert into py_items values (%s, %s)", [(1, "one"), (2, "two")])
        cur.execute("update py_items set label = %s where id = %s", ("uno", 1))
        out["updated"] = cur.rowcount
        cur.execute("select p.label, o.amount from py_items p join in_c_sales.orders o on o.id = p.id "
                    "order by p.id")
        out["joined"] = [f"{label}:{amount}" for label, amount in cur.fetchall()]
        cur.execute("delete from py_items where id = %s", (2,))
        out["deleted"] = cur.rowcount
    conn.commit()
    with conn.cursor(binary=True) as cur:
        cur.execute("select id, label from py_items where id = %s", (1,))
        out["binary"] = list(cur.fetchone())
    conn.commit()
    try:
        with conn.cursor() as cur:
            cur.execute("update in_c_sales.orders set amount = 0")
        out["project_write"] = "allowed"
    except errors.InsufficientPrivilege as e:
        out["project_write"] = e.sqlstate
    conn.rollback()

# A long query, cancelled from another thread.
with psycopg.connect(dsn, autocommit=True) as conn:
    conn.execute("create table ten (x int)")
    conn.execute("insert into ten values (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)")
    conn.execute("create table thousand as select a.x * 100 + b.x * 10 + c.x as x from ten a, ten b, ten c")
    timer = threading.Timer(1.0, conn.cancel)
    timer.start()
    started = time.time()
    try:
        conn.execute("select sum(a.x + b.x * c.x - d.x) from thousand a, thousand b, thousand c, thousand d")
        out["cancel"] = "not cancelled"
    except errors.QueryCanceled as e:
        out["cancel"] = e.sqlstate
    out["cancel_seconds"] = round(time.time() - started, 1)
    conn.execute("drop table thousand")
    conn.execute("drop table ten")

conn2 = psycopg2.connect(dsn)
conn2.autocommit = True
cur = conn2.cursor()
cur.execute("select label from py_items order by id")
out["psycopg2"] = [r[0] for r in cur.fetchall()]
cur.execute("drop table py_items")
conn2.close()

print(json.dumps(out))
