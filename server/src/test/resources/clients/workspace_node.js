// node-postgres against a Floe workspace. Connection settings come from the environment (the
// workspace's connection block); prints one JSON object with what it saw.
const { Client } = require('pg');

async function main() {
  const client = new Client({
    host: process.env.PGHOST,
    port: Number(process.env.PGPORT),
    user: process.env.PGUSER,
    password: process.env.PGPASSWORD,
    database: process.env.PGDATABASE,
    // Floe's generated certificate is self-signed: encrypt, but do not verify it.
    ssl: { rejectUnauthorized: false },
  });
  await client.connect();
  const out = {};
  out.ssl = client.connection.stream.encrypted === true;
  out.orders = (await client.query('select count(*)::int as n from in_c_sales.orders')).rows[0].n;
  await client.query('create table node_items (id int primary key, label text)');
  out.inserted = (await client.query('insert into node_items values ($1, $2), ($3, $4)',
    [1, 'one', 2, 'two'])).rowCount;
  out.updated = (await client.query('update node_items set label = $1 where id = $2', ['uno', 1])).rowCount;
  out.joined = (await client.query(
    'select n.label, o.amount from node_items n join in_c_sales.orders o on o.id = n.id order by n.id')).rows
    .map(r => r.label + ':' + r.amount);
  out.deleted = (await client.query('delete from node_items where id = $1', [2])).rowCount;
  out.tables = (await client.query(
    "select table_schema || '.' || table_name as t from information_schema.tables order by 1")).rows.map(r => r.t);
  try {
    await client.query('delete from in_c_sales.orders');
    out.projectWrite = 'allowed';
  } catch (e) {
    out.projectWrite = e.code;
  }
  await client.query('drop table node_items');
  await client.end();
  console.log(JSON.stringify(out));
}

main().catch(e => { console.error(e); process.exit(1); });
