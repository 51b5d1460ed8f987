"""snowflake-connector-python (unchanged) against Floe's Snowflake front door.

Arguments: Floe's port, the project (account), a token of it, a token of another project.
Prints one line per check; exits non-zero with the failing check's assertion.
"""
import datetime
import decimal
import os
import sys

os.environ["SNOWFLAKE_DISABLE_PLATFORM_DETECTION"] = "true"  # never probe cloud metadata addresses
import snowflake.connector  # noqa: E402
from snowflake.connector import DictCursor  # noqa: E402
from snowflake.connector.errors import DatabaseError, ProgrammingError  # noqa: E402

port, account, token, other = sys.argv[1:5]


def connect(password, **extra):
    return snowflake.connector.connect(
        user="analyst", password=password, account=account, host="127.0.0.1", port=int(port),
        protocol="http", platform_detection_timeout_seconds=0, login_timeout=30,
        network_timeout=60, **extra)


def check(name):
    print("check:", name, flush=True)


check("connect, the database and schema in use")
con = connect(token, database=account, schema="in_c_sales")
cur = con.cursor()
cur.execute("select 1")
assert con.database.upper() == account.upper(), con.database
assert con.schema == "IN_C_SALES", con.schema

check("every type as Python values")
cur.execute("select 42 as answer, 'x' as s, cast(1.5 as decimal(10,2)) as d, true as b, "
            "date '2024-03-01' as dt, timestamp '2024-03-01 10:00:00.123' as ts, "
            "cast(null as varchar) as n, cast(2.5 as double) as r")
row = cur.fetchone()
assert [c[0] for c in cur.description] == ["ANSWER", "S", "D", "B", "DT", "TS", "N", "R"], cur.description
assert row == (42, "x", decimal.Decimal("1.50"), True, datetime.date(2024, 3, 1),
               datetime.datetime(2024, 3, 1, 10, 0, 0, 123000), None, 2.5), row

check("a table's rows, by name and with bound values")
cur.execute("select customer, sum(amount) as total from orders group by customer order by customer")
assert cur.fetchall() == [("alice", decimal.Decimal("29.99")), ("bob", decimal.Decimal("120.00"))]
cur.execute("select id from orders where customer = %s and amount > %s order by id", ("alice", 10))
assert cur.fetchall() == [(3,)]
qmark = connect(token, database=account, schema="in_c_sales", paramstyle="qmark")
qcur = qmark.cursor()
qcur.execute("select id from orders where ordered_on >= ? order by id", (datetime.date(2024, 3, 2),))
assert qcur.fetchall() == [(2,), (3,)]
qmark.close()
dcur = con.cursor(DictCursor)
dcur.execute("select count(*) as n from in_c_sales.orders")
assert dcur.fetchone() == {"N": 3}

check("a large result, downloaded in chunks")
cur.execute("select a.v * 3000 + b.v as n from big a, big b where a.v < 50 order by n")
rows = cur.fetchall()
assert len(rows) == 150000 and rows[0] == (0,) and rows[-1] == (149999,), (len(rows), rows[:2], rows[-1:])

check("use schema, errors with Snowflake's codes")
cur.execute("use schema in_c_sales")
try:
    cur.execute("select * from nope")
    raise AssertionError("no error")
except ProgrammingError as e:
    assert e.errno == 2003 and e.sqlstate == "42S02", (e.errno, e.sqlstate, e.msg)
try:
    cur.execute("selec 1")
    raise AssertionError("no error")
except ProgrammingError as e:
    assert e.errno == 1003, (e.errno, e.msg)
cur.execute("select 1")
assert cur.fetchone() == (1,)
con.close()

check("a wrong token and another project's token are refused")
for bad in ("not-a-token", other):
    try:
        connect(bad)
        raise AssertionError("logged in with " + bad[:6])
    except DatabaseError as e:
        assert e.errno == 390100, (e.errno, e.msg)

print("done", flush=True)
