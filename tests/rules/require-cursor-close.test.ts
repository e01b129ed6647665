import rule from '../../rules/require-cursor-close.js';
import { runRuleTests } from '../rule-tester.js';

const pg = `import { Pool } from 'pg';\nimport Cursor from 'pg-cursor';\nconst pool = new Pool();\n`;
const qs = `import { Pool } from 'pg';\nimport QueryStream from 'pg-query-stream';\nconst pool = new Pool();\n`;
const mongo = `import { MongoClient } from 'mongodb';\nconst client = new MongoClient('mongodb://localhost');\nconst users = client.db('app').collection('users');\n`;
const ora = `import oracledb from 'oracledb';\n`;
const sqlite = `import Database from 'better-sqlite3';\nconst db = new Database('app.db');\n`;
const nodeSqlite = `import { DatabaseSync } from 'node:sqlite';\nconst db = new DatabaseSync('app.db');\n`;
const knex = `import knex from 'knex';\nconst db = knex({ client: 'pg' });\n`;
const typeorm = `import { DataSource } from 'typeorm';\nconst ds = new DataSource({ type: 'postgres' });\n`;
const mysql = `const mysql = require('mysql');\nconst pool = mysql.createPool({});\n`;
const mongoose = `import mongoose from 'mongoose';\nconst User = mongoose.model('User', new mongoose.Schema({}));\n`;

runRuleTests('require-cursor-close', rule, {
  valid: [
    {
      name: 'a cursor builder called as a statement on a cursor variable is the same cursor (returned later)',
      code: `import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://db');
export function list(q, n) {
  const c = client.db().collection('x').find(q);
  if (n) { c.limit(n); }
  return c;
}`,
    },
    {
      name: 'review twin: the async transform routes its error to the callback',
      code: `import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
export async function reindex(knex, save) {
  await pipeline(
    knex('pages').select('id', 'body').where({ published: true }).stream(),
    new Transform({
      objectMode: true,
      transform: async (page, enc, cb) => {
        try {
          await save(page);
          cb();
        } catch (error) {
          cb(error);
        }
      },
    }),
  );
}`,
    },
    {
      name: 'review: a cursor consumed through a builder chain (cursor.map(fn).toArray())',
      code: `import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://db');
export async function ids(projectId) {
  const cursor = client.db().collection('chunks').find({ projectId }, { projection: { _id: 1 } });
  return await cursor.map((record) => record._id).toArray();
}`,
    },
    {
      name: 'oracledb: an early return on the branch where the result set is absent (`if (rs === undefined)`) has nothing to close',
      code: `${ora}export async function f(conn: oracledb.Connection) {
  const result = await conn.execute('select * from t', [], { resultSet: true });
  const rs = result.resultSet;
  if (rs === undefined) return [];
  try {
    return await rs.getRows(100);
  } finally {
    await rs.close();
  }
}`,
    },
    {
      name: 'pg-cursor: closed in finally',
      code: `${pg}export async function f() {
  const client = await pool.connect();
  try {
    const cursor = client.query(new Cursor('select * from t'));
    try {
      return await cursor.read(100);
    } finally {
      await cursor.close();
    }
  } finally {
    client.release();
  }
}`,
    },
    {
      name: 'pg-cursor: read to exhaustion in a loop that cannot exit early',
      code: `${pg}export async function f(out: unknown[][]) {
  const client = await pool.connect();
  try {
    const cursor = client.query(new Cursor('select * from t'));
    let rows;
    while ((rows = await cursor.read(100)).length > 0) {
      out.push(rows);
    }
  } finally {
    client.release();
  }
}`,
    },
    {
      name: 'pg-cursor: returned to the caller (hand-off)',
      code: `${pg}export function open(client) {
  const cursor = client.query(new Cursor('select 1'));
  return cursor;
}`,
    },
    {
      name: 'pg-cursor: cursor variable submitted later is tracked through the variable',
      code: `${pg}export async function f() {
  const client = await pool.connect();
  try {
    const cursor = new Cursor('select 1');
    client.query(cursor);
    try {
      return await cursor.read(10);
    } finally {
      await cursor.close();
    }
  } finally {
    client.release();
  }
}`,
    },
    {
      name: 'pg-cursor: closed inside a callback (closure owns it)',
      code: `${pg}export async function f() {
  const client = await pool.connect();
  const cursor = client.query(new Cursor('select 1'));
  cursor.read(10, (err, rows) => {
    cursor.close(() => client.release());
  });
}`,
    },
    {
      name: 'pg-query-stream: for await closes it, released after',
      code: `${qs}export async function f() {
  const client = await pool.connect();
  try {
    const stream = client.query(new QueryStream('select 1'));
    for await (const row of stream) console.log(row);
  } finally {
    client.release();
  }
}`,
    },
    {
      name: 'pg-query-stream: awaited pipeline() then release',
      code: `${qs}import { pipeline } from 'node:stream/promises';
export async function f(res) {
  const client = await pool.connect();
  try {
    const stream = client.query(new QueryStream('select 1'));
    await pipeline(stream, res);
  } finally {
    client.release();
  }
}`,
    },
    {
      name: 'pg-query-stream: released in the end listener (stream handed to listeners)',
      code: `${qs}export async function f(res) {
  const client = await pool.connect();
  const stream = client.query(new QueryStream('select 1'));
  stream.on('end', () => client.release());
  stream.pipe(res);
}`,
    },
    {
      name: 'pg-query-stream: await using disposes it',
      code: `${qs}export async function f() {
  const client = await pool.connect();
  try {
    await using stream = client.query(new QueryStream('select 1'));
    for await (const row of stream) console.log(row);
  } finally {
    client.release();
  }
}`,
    },
    {
      name: 'mongodb: toArray() consumes the cursor',
      code: `${mongo}export async function f() {
  const cursor = users.find({});
  return cursor.toArray();
}`,
    },
    {
      name: 'mongodb: chained toArray()',
      code: `${mongo}export async function f() {
  return await users.find({ active: true }).toArray();
}`,
    },
    {
      name: 'mongodb: for await over find()',
      code: `${mongo}export async function f() {
  for await (const user of users.find({})) console.log(user);
}`,
    },
    {
      name: 'mongodb: change stream closed in finally',
      code: `${mongo}export async function f() {
  const changes = users.watch();
  try {
    const next = await changes.next();
    return next;
  } finally {
    await changes.close();
  }
}`,
    },
    {
      name: 'mongodb: a chained method the catalog does not know stays silent',
      code: `${mongo}export async function f() {
  const cursor = users.find({}).clone();
  return cursor.next();
}`,
    },
    {
      name: 'oracledb: resultSet closed in finally',
      code: `${ora}export async function f(conn: oracledb.Connection) {
  const result = await conn.execute('select * from t', [], { resultSet: true });
  const rs = result.resultSet;
  try {
    return await rs.getRows(100);
  } finally {
    await rs.close();
  }
}`,
    },
    {
      name: 'oracledb: execute without resultSet is not a cursor',
      code: `${ora}export async function f(conn: oracledb.Connection) {
  const result = await conn.execute('select * from t');
  return result.rows;
}`,
    },
    {
      name: 'better-sqlite3: for...of over iterate()',
      code: `${sqlite}export function f() {
  for (const row of db.prepare('select * from t').iterate()) console.log(row);
}`,
    },
    {
      name: 'better-sqlite3: iterator driven by hand to exhaustion',
      code: `${sqlite}export function f() {
  const it = db.prepare('select * from t').iterate();
  for (let r = it.next(); !r.done; r = it.next()) console.log(r.value);
}`,
    },
    {
      name: 'node:sqlite: iterator closed with return() in finally',
      code: `${nodeSqlite}export function first() {
  const it = db.prepare('select * from t').iterate();
  try {
    return it.next().value;
  } finally {
    it.return();
  }
}`,
    },
    {
      name: 'knex: stream consumed with for await',
      code: `${knex}export async function f() {
  const stream = db('users').stream();
  for await (const row of stream) console.log(row);
}`,
    },
    {
      name: 'typeorm: stream piped with pipeline',
      code: `${typeorm}import { pipeline } from 'node:stream/promises';
export async function f(out) {
  const qr = ds.createQueryRunner();
  try {
    const stream = await qr.stream('select 1');
    await pipeline(stream, out);
  } finally {
    await qr.release();
  }
}`,
    },
    {
      name: 'mysql (plain JS): stream handed to pipe()',
      code: `${mysql}function f(res) {
  pool.getConnection((err, conn) => {
    const stream = conn.query('select 1').stream();
    stream.on('end', () => conn.release());
    stream.pipe(res);
  });
}
module.exports = { f };`,
    },
    {
      name: 'mongoose: eachAsync consumes the cursor',
      code: `${mongoose}export async function f() {
  const cursor = User.find().cursor();
  await cursor.eachAsync((doc) => console.log(doc));
}`,
    },
    {
      name: 'oracledb: queryStream handed to a listener',
      code: `${ora}export async function f(conn: oracledb.Connection) {
  const stream = conn.queryStream('select * from t');
  return new Promise((resolve) => stream.once('end', resolve));
}`,
    },
    {
      name: 'no driver import: silent',
      code: `export async function f(client) {
  const cursor = client.query(new Cursor('select 1'));
  return cursor.read(1);
}`,
    },
    {
      name: 'odd syntax does not crash',
      code: `${pg}class A { #c; async m(client) { this.#c = client.query(new Cursor('x')); const { a = 1, ...rest } = await this.#c?.read(1) ?? {}; return [a, rest]; } }
export const g = async (client) => client?.query?.(new Cursor('y'));`,
    },
    // catalog additions: pre-0.3/1.x entry points and drivers seen in real code
    {
      name: "@clickhouse/client: result sets read with json() or streamed to the end",
      code: `import { createClient } from '@clickhouse/client';
const clickhouse = createClient({ url: 'http://ch:8123' });
export async function events() {
  const rs = await clickhouse.query({ query: 'select * from events limit 10', format: 'JSONEachRow' });
  return rs.json();
}
export async function exportEvents(write) {
  const rs = await clickhouse.query({ query: 'select * from events', format: 'JSONEachRow' });
  for await (const rows of rs.stream()) write(rows);
}`,
    },
    {
      name: "@databricks/sql: an operation read to the end with fetchAll()",
      code: `import { DBSQLClient } from '@databricks/sql';
const client = new DBSQLClient();
export async function count(session) {
  const operation = await (await client.openSession()).executeStatement('select count(*) from t');
  return operation.fetchAll();
}`,
    },
    {
      name: 'review: an oracledb ResultSet whose connection is closed in finally is freed with it (node-oracledb >= 2.1)',
      code: `import oracledb from 'oracledb';
export async function list(cfg) {
  let connection;
  try {
    connection = await oracledb.getConnection(cfg);
    await setup(connection);
    const result = await connection.execute('select id from t', [], { resultSet: true });
    const rs = result.resultSet;
    let rows;
    do { rows = await rs.getRows(10); } while (rows.length === 10);
    await rs.close();
  } finally {
    if (connection) await connection.close();
  }
}`,
    },
    {
      name: 'review: a MongoDB cursor holds nothing until its first read: builders before toArray() leak nothing (growthbook, typed)',
      code: `${mongo}export async function page(query, projection, sort) {
  const cursor = users.find(query);
  if (projection) cursor.project(projection);
  if (sort) cursor.sort(sort);
  return await cursor.toArray();
}`,
    },
  ],
  invalid: [
    {
      name: 'review twin: an oracledb ResultSet on a connection handed to the caller is never closed',
      code: `import oracledb from 'oracledb';
const poolReady = oracledb.createPool({});
export async function open() {
  const pool = await poolReady;
  const connection = await pool.getConnection();
  const result = await connection.execute('select id from t', [], { resultSet: true });
  const rs = result.resultSet;
  const rows = await rs.getRows(10);
  return { connection, rows };
}`,
      errors: [
        {
          messageId: 'neverClosed',
          data: { name: 'rs', close: 'await rs.close()' },
          line: 7,
          column: 9,
          endLine: 7,
          endColumn: 30,
          suggestions: [
            {
              messageId: 'closeInFinally',
              data: { close: 'await rs?.close();' },
              output: `import oracledb from 'oracledb';
const poolReady = oracledb.createPool({});
export async function open() {
  const pool = await poolReady;
  const connection = await pool.getConnection();
  const result = await connection.execute('select id from t', [], { resultSet: true });
  const rs = result.resultSet;
  try {
  const rows = await rs.getRows(10);
  return { connection, rows };
  } finally {
    await rs?.close();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'review: a database stream feeding a pipeline whose async transform calls back only on success',
      code: `import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
export async function reindex(knex, save) {
  await pipeline(
    knex('pages').select('id', 'body').where({ published: true }).stream(),
    new Transform({
      objectMode: true,
      transform: async (page, enc, cb) => {
        await save(page);
        cb();
      },
    }),
  );
}`,
      errors: [{ messageId: 'stalledPipeline', data: { step: 'transform', line: '8', callback: 'cb' }, line: 5, column: 5, endLine: 5, endColumn: 75 }],
    },
    {
      name: 'mongodb: builder methods return the same cursor, which is read once and never closed',
      code: `${mongo}export async function f() {
  const cursor = users.find({}).sort({ name: 1 }).limit(10);
  return cursor.next();
}`,
      errors: [
        {
          messageId: 'neverClosed',
          data: { name: 'cursor', close: 'cursor.close()' },
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 60,
          suggestions: [
            {
              messageId: 'closeInFinally',
              data: { close: 'cursor.close();' },
              output: `${mongo}export async function f() {
  const cursor = users.find({}).sort({ name: 1 }).limit(10);
  try {
  return await cursor.next();
  } finally {
    cursor.close();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'pg-cursor: never closed',
      code: `${pg}export async function f() {
  const client = await pool.connect();
  try {
    const cursor = client.query(new Cursor('select * from t'));
    const rows = await cursor.read(100);
    return rows;
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'neverClosed',
          data: { name: 'cursor', close: 'await cursor.close()' },
          line: 7,
          column: 20,
          endLine: 7,
          endColumn: 63,
          suggestions: [
            {
              messageId: 'closeInFinally',
              data: { close: 'await cursor.close();' },
              output: `${pg}export async function f() {
  const client = await pool.connect();
  try {
    const cursor = client.query(new Cursor('select * from t'));
    try {
    const rows = await cursor.read(100);
    return rows;
    } finally {
      await cursor.close();
    }
  } finally {
    client.release();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'pg-cursor (plain JS): early return skips close',
      code: `${pg}export async function f(limit) {
  const client = await pool.connect();
  try {
    const cursor = client.query(new Cursor('select * from t'));
    const rows = await cursor.read(limit);
    if (rows.length === 0) return [];
    await cursor.close();
    return rows;
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'skippedByJump',
          data: { name: 'cursor', close: 'cursor.close()', jump: 'The early return', line: '9' },
          line: 7,
          column: 20,
          endLine: 7,
          endColumn: 63,
          suggestions: [
            {
              messageId: 'closeInFinally',
              data: { close: 'await cursor.close();' },
              output: `${pg}export async function f(limit) {
  const client = await pool.connect();
  try {
    const cursor = client.query(new Cursor('select * from t'));
    try {
    const rows = await cursor.read(limit);
    if (rows.length === 0) return [];
    return rows;
    } finally {
      await cursor.close();
    }
  } finally {
    client.release();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'pg-cursor: closed only on one branch',
      code: `${pg}export async function f(flag: boolean) {
  const client = await pool.connect();
  try {
    const cursor = client.query(new Cursor('select * from t'));
    const rows = await cursor.read(10);
    if (flag) {
      await cursor.close();
    }
    console.log(rows);
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'skippedByBranch',
          data: { name: 'cursor', close: 'cursor.close()' },
          line: 7,
          column: 20,
          endLine: 7,
          endColumn: 63,
        },
      ],
    },
    {
      name: 'pg-cursor: close outside finally is skipped by an exception (autofix)',
      code: `${pg}export async function f() {
  const client = await pool.connect();
  try {
    const cursor = client.query(new Cursor('select * from t'));
    const rows = await cursor.read(100);
    await cursor.close();
  } finally {
    client.release();
  }
}`,
      output: `${pg}export async function f() {
  const client = await pool.connect();
  try {
    const cursor = client.query(new Cursor('select * from t'));
    try {
    const rows = await cursor.read(100);
    } finally {
      await cursor.close();
    }
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'notExceptionSafe',
          data: { name: 'cursor', close: 'cursor.close()', line: '9' },
          line: 7,
          column: 20,
          endLine: 7,
          endColumn: 63,
        },
      ],
    },
    {
      name: 'pg-cursor: dropped',
      code: `${pg}export async function f() {
  const client = await pool.connect();
  client.query(new Cursor('select 1'));
  client.release();
}`,
      errors: [
        {
          messageId: 'discarded',
          data: {},
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 39,
        },
      ],
    },
    {
      name: 'pg-cursor: submitted through the pool',
      code: `${pg}export async function f() {
  const cursor = pool.query(new Cursor('select 1'));
  const rows = await cursor.read(10);
  await cursor.close();
  return rows;
}`,
      errors: [
        {
          messageId: 'submittedToPool',
          data: { method: 'query' },
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 52,
        },
      ],
    },
    {
      name: 'pg-query-stream: submitted through the pool',
      code: `${qs}export function f() {
  return pool.query(new QueryStream('select 1'));
}`,
      errors: [
        {
          messageId: 'submittedToPool',
          data: { method: 'query' },
          line: 5,
          column: 10,
          endLine: 5,
          endColumn: 49,
        },
      ],
    },
    {
      name: 'pg-query-stream: lease released before the stream is read',
      code: `${qs}export async function f(res) {
  const client = await pool.connect();
  const stream = client.query(new QueryStream('select 1'));
  client.release();
  for await (const row of stream) res.write(row);
}`,
      errors: [
        {
          messageId: 'leaseReleasedFirst',
          data: { release: 'client.release()', lease: 'client', name: 'stream', line: '6' },
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 19,
        },
      ],
    },
    {
      name: 'pg-cursor: loop that can break early does not count as exhaustion',
      code: `${pg}export async function f() {
  const client = await pool.connect();
  try {
    const cursor = client.query(new Cursor('select * from t'));
    let rows;
    while ((rows = await cursor.read(100)).length > 0) {
      if (rows.some((r) => r.stop)) break;
    }
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'neverClosed',
          data: { name: 'cursor', close: 'await cursor.close()' },
          line: 7,
          column: 20,
          endLine: 7,
          endColumn: 63,
          suggestions: [
            {
              messageId: 'closeInFinally',
              data: { close: 'await cursor.close();' },
              output: `${pg}export async function f() {
  const client = await pool.connect();
  try {
    const cursor = client.query(new Cursor('select * from t'));
    try {
    let rows;
    while ((rows = await cursor.read(100)).length > 0) {
      if (rows.some((r) => r.stop)) break;
    }
    } finally {
      await cursor.close();
    }
  } finally {
    client.release();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'mongodb: change stream never closed',
      code: `${mongo}export async function f() {
  const changes = users.watch();
  const next = await changes.next();
  return next;
}`,
      errors: [
        {
          messageId: 'neverClosed',
          data: { name: 'changes', close: 'await changes.close()' },
          line: 5,
          column: 19,
          endLine: 5,
          endColumn: 32,
          suggestions: [
            {
              messageId: 'closeInFinally',
              data: { close: 'await changes.close();' },
              output: `${mongo}export async function f() {
  const changes = users.watch();
  try {
  const next = await changes.next();
  return next;
  } finally {
    await changes.close();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'mongodb: cursor closed after a call that can throw once it is read (autofix)',
      code: `${mongo}export async function f() {
  const cursor = users.aggregate([{ $match: {} }]);
  const first = await cursor.next();
  await audit(first);
  await cursor.close();
  return first;
}`,
      output: `${mongo}export async function f() {
  const cursor = users.aggregate([{ $match: {} }]);
  try {
  const first = await cursor.next();
  await audit(first);
  return first;
  } finally {
    await cursor.close();
  }
}`,
      errors: [
        {
          messageId: 'notExceptionSafe',
          data: { name: 'cursor', close: 'cursor.close()', line: '8' },
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 51,
        },
      ],
    },
    {
      name: 'oracledb: destructured resultSet never closed (the finally closes it through ?. since the driver may leave it unset)',
      code: `${ora}export async function f(conn: oracledb.Connection) {
  const { resultSet } = await conn.execute('select * from t', [], { resultSet: true });
  return resultSet.getRows(10);
}`,
      errors: [
        {
          messageId: 'neverClosed',
          data: { name: 'resultSet', close: 'await resultSet.close()' },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 87,
          suggestions: [
            {
              messageId: 'closeInFinally',
              data: { close: 'await resultSet?.close();' },
              output: `${ora}export async function f(conn: oracledb.Connection) {
  const { resultSet } = await conn.execute('select * from t', [], { resultSet: true });
  try {
  return await resultSet.getRows(10);
  } finally {
    await resultSet?.close();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'oracledb: resultSet from the awaited result never closed',
      code: `${ora}export async function f(conn: oracledb.Connection) {
  const rs = (await conn.execute('select * from t', [], { resultSet: true })).resultSet;
  const rows = await rs.getRows(10);
  return rows;
}`,
      errors: [
        {
          messageId: 'neverClosed',
          data: { name: 'rs', close: 'await rs.close()' },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 88,
          suggestions: [
            {
              messageId: 'closeInFinally',
              data: { close: 'await rs?.close();' },
              output: `${ora}export async function f(conn: oracledb.Connection) {
  const rs = (await conn.execute('select * from t', [], { resultSet: true })).resultSet;
  try {
  const rows = await rs.getRows(10);
  return rows;
  } finally {
    await rs?.close();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'oracledb: resultSet closed at the end but skipped by an early return (not the one where it is absent; the moved close gets ?.)',
      code: `${ora}export async function f(conn: oracledb.Connection) {
  const rs = (await conn.execute('select * from t', [], { resultSet: true })).resultSet;
  if (!rs) return [];
  const rows = await rs.getRows(10);
  if (rows.length === 0) return rows;
  await rs.close();
  return rows;
}`,
      errors: [
        {
          messageId: 'skippedByJump',
          data: { name: 'rs', close: 'rs.close()', jump: 'The early return', line: '6' },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 88,
          suggestions: [
            {
              messageId: 'closeInFinally',
              data: { close: 'await rs?.close();' },
              output: `${ora}export async function f(conn: oracledb.Connection) {
  const rs = (await conn.execute('select * from t', [], { resultSet: true })).resultSet;
  try {
  if (!rs) return [];
  const rows = await rs.getRows(10);
  if (rows.length === 0) return rows;
  return rows;
  } finally {
    await rs?.close();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'better-sqlite3 (plain JS): iterator read once and left open',
      code: `${sqlite}export function first() {
  const it = db.prepare('select * from t').iterate();
  const row = it.next().value;
  return row;
}`,
      errors: [
        {
          messageId: 'neverClosed',
          data: { name: 'it', close: 'it.return()' },
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 53,
          suggestions: [
            {
              messageId: 'closeInFinally',
              data: { close: 'it.return();' },
              output: `${sqlite}export function first() {
  const it = db.prepare('select * from t').iterate();
  try {
  const row = it.next().value;
  return row;
  } finally {
    it.return();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'node:sqlite: iterator read once and left open',
      code: `${nodeSqlite}export function first(): unknown {
  const it = db.prepare('select * from t').iterate();
  const row = it.next().value;
  return row;
}`,
      errors: [
        {
          messageId: 'neverClosed',
          data: { name: 'it', close: 'it.return()' },
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 53,
          suggestions: [
            {
              messageId: 'closeInFinally',
              data: { close: 'it.return();' },
              output: `${nodeSqlite}export function first(): unknown {
  const it = db.prepare('select * from t').iterate();
  try {
  const row = it.next().value;
  return row;
  } finally {
    it.return();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'knex: stream never consumed',
      code: `${knex}export async function f() {
  const stream = db('users').stream();
  stream.pause();
}`,
      errors: [
        {
          messageId: 'neverClosed',
          data: { name: 'stream', close: 'stream.destroy()' },
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 38,
          suggestions: [
            {
              messageId: 'closeInFinally',
              data: { close: 'stream.destroy();' },
              output: `${knex}export async function f() {
  const stream = db('users').stream();
  try {
  stream.pause();
  } finally {
    stream.destroy();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'typeorm: stream destroyed only on one branch',
      code: `${typeorm}export async function f(skip: boolean) {
  const qr = ds.createQueryRunner();
  try {
    const stream = await qr.stream('select 1');
    if (skip) {
      stream.destroy();
    }
  } finally {
    await qr.release();
  }
}`,
      errors: [
        {
          messageId: 'skippedByBranch',
          data: { name: 'stream', close: 'stream.destroy()' },
          line: 6,
          column: 26,
          endLine: 6,
          endColumn: 47,
        },
      ],
    },
    {
      name: 'mongoose: cursor never closed',
      code: `${mongoose}export async function f() {
  const cursor = User.find().cursor();
  const doc = await cursor.next();
  return doc;
}`,
      errors: [
        {
          messageId: 'neverClosed',
          data: { name: 'cursor', close: 'await cursor.close()' },
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 38,
          suggestions: [
            {
              messageId: 'closeInFinally',
              data: { close: 'await cursor.close();' },
              output: `${mongoose}export async function f() {
  const cursor = User.find().cursor();
  try {
  const doc = await cursor.next();
  return doc;
  } finally {
    await cursor.close();
  }
}`,
            },
          ],
        },
      ],
    },
    // catalog additions: pre-0.3/1.x entry points and drivers seen in real code
    {
      name: "@clickhouse/client: a result set that is never read keeps its socket",
      code: `import { createClient } from '@clickhouse/client';
const clickhouse = createClient({ url: 'http://ch:8123' });
export async function hasEvents() {
  const rs = await clickhouse.query({ query: 'select 1 from events limit 1', format: 'JSONEachRow' });
  return rs.query_id !== '';
}`,
      errors: [
        { messageId: 'neverClosed', data: {"name":"rs","close":"await rs.close()"}, line: 4, column: 20, endLine: 4, endColumn: 102,
          suggestions: [
            { messageId: 'closeInFinally', data: {"close":"await rs.close();"}, output: `import { createClient } from '@clickhouse/client';
const clickhouse = createClient({ url: 'http://ch:8123' });
export async function hasEvents() {
  const rs = await clickhouse.query({ query: 'select 1 from events limit 1', format: 'JSONEachRow' });
  try {
  return rs.query_id !== '';
  } finally {
    await rs.close();
  }
}` },
          ],
        },
      ],
    },
    {
      name: "@databricks/sql: an operation on a long-lived session neither read to the end nor closed",
      code: `import { DBSQLClient } from '@databricks/sql';
const client = new DBSQLClient();
await client.connect({ host: 'dbc.example', path: '/sql/1.0/warehouses/w', token: process.env.TOKEN });
const session = await client.openSession();
export async function firstChunk() {
  const operation = await session.executeStatement('select * from big_table');
  const rows = await operation.fetchChunk({ maxRows: 100 });
  return rows;
}`,
      errors: [
        { messageId: 'neverClosed', data: {"name":"operation","close":"await operation.close()"}, line: 6, column: 27, endLine: 6, endColumn: 78,
          suggestions: [
            { messageId: 'closeInFinally', data: {"close":"await operation.close();"}, output: `import { DBSQLClient } from '@databricks/sql';
const client = new DBSQLClient();
await client.connect({ host: 'dbc.example', path: '/sql/1.0/warehouses/w', token: process.env.TOKEN });
const session = await client.openSession();
export async function firstChunk() {
  const operation = await session.executeStatement('select * from big_table');
  try {
  const rows = await operation.fetchChunk({ maxRows: 100 });
  return rows;
  } finally {
    await operation.close();
  }
}` },
          ],
        },
      ],
    },
  ],
});
