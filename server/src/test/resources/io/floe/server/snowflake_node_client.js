// snowflake-sdk (Snowflake's Node.js driver, unchanged) against Floe's Snowflake front door.
// Arguments: Floe's port, the project (account), a token of it. Prints one line per check.
process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION = 'true'; // never probe cloud metadata addresses
const assert = require('assert');
const snowflake = require('snowflake-sdk');

const [port, account, token] = process.argv.slice(2);
snowflake.configure({ logLevel: 'ERROR' });

function connect(password) {
  const connection = snowflake.createConnection({
    account, username: 'analyst', password, accessUrl: `http://127.0.0.1:${port}`,
    database: account, schema: 'in_c_sales',
  });
  return new Promise((resolve, reject) => connection.connect((err, c) => (err ? reject(err) : resolve(c))));
}

function run(connection, sqlText, binds) {
  return new Promise((resolve, reject) => connection.execute({
    sqlText, binds, complete: (err, stmt, rows) => (err ? reject(err) : resolve({ stmt, rows })),
  }));
}

(async () => {
  console.log('check: connect');
  const c = await connect(token);

  console.log('check: rows, types and column names');
  let r = await run(c, "select customer, sum(amount) as total, count(*) as n, min(ordered_on) as first_day "
    + 'from orders group by customer order by customer');
  assert.deepStrictEqual(r.stmt.getColumns().map((col) => col.getName()), ['CUSTOMER', 'TOTAL', 'N', 'FIRST_DAY']);
  assert.strictEqual(r.rows.length, 2);
  assert.strictEqual(r.rows[0].CUSTOMER, 'alice');
  assert.strictEqual(r.rows[0].TOTAL, 29.99);
  assert.strictEqual(r.rows[0].N, 2);

  console.log('check: bound values');
  r = await run(c, 'select id from orders where customer = ? and amount > ? order by id', ['alice', 10]);
  assert.deepStrictEqual(r.rows.map((row) => row.ID), [3]);

  console.log('check: a large result in chunks');
  r = await run(c, 'select a.v * 3000 + b.v as n from big a, big b where a.v < 20 order by n');
  assert.strictEqual(r.rows.length, 60000);
  assert.strictEqual(r.rows[59999].N, 59999);

  console.log('check: errors with Snowflake codes');
  await assert.rejects(run(c, 'select * from nope'), (err) => err.code === 2003 || err.code === '002003');

  console.log('check: a wrong token is refused');
  await assert.rejects(connect('not-a-token'), (err) => String(err.code) === '390100');

  await new Promise((resolve) => c.destroy(resolve));
  console.log('done');
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
