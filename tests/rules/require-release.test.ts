import rule from '../../rules/require-release.js';
import { join } from 'node:path';
import { runRuleTests } from '../rule-tester.js';

// `await using` in JavaScript runs only on Node 24+: the suggestion depends on the nearest package.json's
// `engines.node` (tests/rules/engines/*/package.json).
const enginesDir = join(import.meta.dirname, 'engines');
const usingCode = `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
export async function f() {
  const conn = await pool.getConnection();
  await conn.beginTransaction();
}`;
const usingWrapped = `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
export async function f() {
  const conn = await pool.getConnection();
  try {
  await conn.beginTransaction();
  } finally {
    conn.release();
  }
}`;
const usingBound = `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
export async function f() {
  await using conn = await pool.getConnection();
  await conn.beginTransaction();
}`;
const usingFinding = { messageId: 'neverReleased', data: { name: 'conn', release: 'conn.release()' }, line: 4, column: 22, endLine: 4, endColumn: 42 } as const;
const wrapSuggestion = { messageId: 'wrapInTryFinally', data: { release: 'conn.release();' }, output: usingWrapped } as const;
const usingSuggestion = { messageId: 'useAwaitUsing', data: { name: 'conn' }, output: usingBound } as const;

// Cases per path shape (pg), then one table per driver family, custom resources and settings.
// Code with type annotations runs under @typescript-eslint/parser only; plain JS also under espree.

runRuleTests('require-release', rule, {
  valid: [
    {
      name: 'review: a release closure resolved from a callback inside a promise executor hands the lease to the caller',
      code: `import genericPool from 'generic-pool';
const pool = genericPool.createPool({ create: async () => ({}), destroy: async () => {} });
export async function stream(run) {
  const conn = await pool.acquire();
  try {
    return await new Promise((resolve, reject) => {
      run(conn, (err, rows) => {
        if (err) return reject(err);
        resolve({ rows, release: () => pool.release(conn) });
      });
    });
  } catch (e) {
    await pool.release(conn);
    throw e;
  }
}`,
    },
    {
      name: 'review: done() in the final callback of async.each, a call whose callbacks we cannot place',
      code: `import pg from 'pg';
import async from 'async';
const pool = new pg.Pool();
export function saveAll(items, cb) {
  pool.connect((err, client, done) => {
    if (err) return cb(err);
    async.each(items, (item, next) => client.query('INSERT INTO t VALUES ($1)', [item], next), (e) => {
      done();
      cb(e);
    });
  });
}`,
    },
    {
      name: 'review: a Workers handler ends its client through ctx.waitUntil (request-scoped I/O)',
      code: `import pg from 'pg';
export default {
  async fetch(request, env, ctx) {
    const client = new pg.Client(env.DATABASE_URL);
    await client.connect();
    const result = await client.query('SELECT 1');
    ctx.waitUntil(client.end());
    return new Response(JSON.stringify(result.rows));
  },
};`,
    },
    {
      name: 'review: listener removal in finally before the release does not throw',
      code: `import pg from 'pg';
const pool = new pg.Pool();
export async function f(onError) {
  const client = await pool.connect();
  client.on('error', onError);
  try {
    return await client.query('select 1');
  } finally {
    client.removeAllListeners('error');
    client.release();
  }
}`,
    },
    {
      name: 'review: a release through a Promise executor in finally runs on every path',
      code: `import snowflake from 'snowflake-sdk';
export async function f(opts, sql) {
  const connection = snowflake.createConnection(opts);
  await connection.connectAsync();
  try {
    if (!sql) return null;
    return await run(connection, sql);
  } finally {
    await new Promise((resolve, reject) => connection.destroy((err) => (err ? reject(err) : resolve())));
  }
}`,
    },
    {
      name: 'review: a promisified connect() is the opening of a connection returned by a pool factory',
      code: `import mysql from 'mysql';
import { promisify } from 'node:util';
export const factory = {
  create: async (config) => {
    const conn = mysql.createConnection(config);
    const connect = promisify(conn.connect.bind(conn));
    conn.on('error', () => conn.destroy());
    await connect();
    return conn;
  },
};`,
    },
    {
      name: 'review: a session started before a loop and ended in it is reported by no-double-release, not here',
      code: `import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://db');
export async function startup(shops) {
  const session = client.startSession();
  for (const shop of shops) {
    await session.withTransaction(async () => shop.save());
    await session.endSession();
  }
}`,
    },
    {
      name: "review: TypeORM's documented query runner pattern (the lease begins at connect())",
      code: `import { DataSource } from 'typeorm';
const ds = new DataSource({ type: 'postgres' });
export async function f() {
  const qr = ds.createQueryRunner();
  await qr.connect();
  await qr.startTransaction();
  try {
    await qr.query('x');
    await qr.commitTransaction();
  } catch (e) {
    await qr.rollbackTransaction();
    throw e;
  } finally {
    await qr.release();
  }
}`,
    },
    {
      name: 'review: a property write and a handled promise between the acquisition and the try',
      code: `import pg from 'pg';
const pool = new pg.Pool();
export async function f(log) {
  const client = await pool.connect();
  client.tag = 'x';
  client.on('error', log);
  pool.query('select 1').catch((e) => log(e));
  try {
    await client.query('select 1');
  } finally {
    client.release();
  }
}`,
    },
    {
      name: 'review: error-first guards (`if (!err) … else`, `if (conn) … else`)',
      code: `import mysql from 'mysql';
const pool = mysql.createPool({});
export function a(cb) { pool.getConnection((err, conn) => { if (!err) { conn.query('x', (e, r) => { conn.release(); cb(e, r); }); } else { cb(err); } }); }
export function b(cb) { pool.getConnection((err, connection) => { if (connection) { connection.query('x', () => { connection.release(); cb(); }); } else cb(err); }); }`,
    },
    {
      name: 'review: a one-shot script whose exception ends the process',
      code: `import pg from 'pg';
const pool = new pg.Pool();
async function main() {
  const client = await pool.connect();
  await client.query('select 1');
  client.release();
  await pool.end();
}
main().catch(() => process.exit(1));`,
    },
    {
      name: 'review: a pending generic-pool lease taken over by a .then callback that releases it (cube.js)',
      code: `import genericPool from 'generic-pool';
const pool = genericPool.createPool({ create: async () => ({}), destroy: async () => {} }, { max: 5 });
export function withConnection(fn) {
  const connectionPromise = pool.acquire();
  return connectionPromise.then((conn) =>
    fn(conn)
      .then((res) => pool.release(conn).then(() => res))
      .catch((err) => pool.release(conn).then(() => { throw err; })),
  );
}`,
    },
    {
      name: 'a lease delivered to a .then callback and released by .then(release).catch(release) on every outcome',
      code: `import pg from 'pg';
const pool = new pg.Pool();
export function run(fn) {
  return pool.connect().then((client) =>
    fn(client)
      .then((r) => { client.release(); return r; })
      .catch((e) => { client.release(); throw e; }),
  );
}`,
    },
    {
      name: "review: a mysql2 connection's own connect() through its promise twin leaks nothing when it fails (cube.js)",
      code: `import { createConnection } from 'mysql2';
export async function create(config) {
  const conn = createConnection(config);
  conn.on('error', () => conn.destroy());
  await conn.promise().connect();
  return conn;
}`,
    },
    {
      name: 'review: in a test file, a failing expect() that skips the release fails the test (supabase/storage)',
      filename: 'src/pool.test.ts',
      code: `import pg from 'pg';
const pool = new pg.Pool();
it('hands out a client', async () => {
  const client = await pool.connect();
  expect(pool.totalCount).toBe(1);
  client.release();
});`,
    },
    {
      name: 'review: a release closure returned with the lease',
      code: `import pg from 'pg';
const pool = new pg.Pool();
export async function stream(sql) {
  const conn = await pool.connect();
  try {
    const rows = conn.query(sql);
    return { rows, release: async () => conn.release() };
  } catch (e) {
    conn.release();
    throw e;
  }
}`,
    },
    {
      name: 'review: a client handed into a store that is returned',
      code: `import { createClient } from 'redis';
export function sessions(Store, url, assign) {
  const client = createClient({ url });
  const store = new Store({ client });
  return assign(store, { close() { store.client.quit(); } });
}`,
    },
    {
      name: 'review: process-lifetime clients given to an adapter, and a subscriber kept for its listener',
      code: `import Redis from 'ioredis';
export function ioServer(server, createAdapter, cfg, onMessage) {
  const pub = new Redis(cfg);
  const sub = pub.duplicate();
  server.adapter(createAdapter(pub, sub));
  const listener = new Redis(cfg);
  listener.subscribe('events');
  listener.on('message', onMessage);
  return server;
}`,
    },
    {
      name: 'review set: callback-form acquisitions with the callback passed by name, as a member or bound',
      code: `import pg from 'pg';
import mysql from 'mysql';
const pool = new pg.Pool();
const mpool = mysql.createPool({});
function onClient(err, client, done) { if (err) return; client.query('select 1', () => done()); }
export function a() { pool.connect(onClient); }
const handle = (err, conn) => { if (err) return; conn.query('x', () => conn.release()); };
export function b() { mpool.getConnection(handle); }
export class Repo {
  onConnect(err, client, done) { done(); }
  c() { pool.connect(this.onConnect); }
  d() { pool.connect(this.onConnect.bind(this)); }
}`,
    },
    {
      name: 'TypeScript: `import x = require()` of a non-driver next to a driver import (was a crash)',
      code: `import jwt = require('jsonwebtoken');
import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  try {
    return jwt.sign((await client.query('select 1')).rows[0], 'k');
  } finally {
    client.release();
  }
}`,
    },
    {
      name: 'mssql: a transaction object is ended by commit/rollback, which require-rollback checks (not this rule)',
      code: `import sql from 'mssql';
const pool = new sql.ConnectionPool({ server: 'db' });
export async function f() {
  const tx = new sql.Transaction(pool);
  await tx.begin();
  await tx.request().query('UPDATE t SET x = 1');
  await tx.commit();
}`,
    },
    {
      name: 'pg-cursor never closed before the release: require-cursor-close reports it (never closed), not this rule',
      code: `import { Pool } from 'pg';
const pool = new Pool();
import Cursor from 'pg-cursor';
export async function f() {
  const client = await pool.connect();
  try {
    const cursor = client.query(new Cursor('select * from big'));
    return await cursor.read(100);
  } finally {
    client.release();
  }
}`,
    },
    {
      name: "pg: released in finally",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  try {
    return (await client.query('select 1')).rows;
  } finally {
    client.release();
  }
}`,
    },
    {
      name: "pg: await using",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  await using client = await pool.connect();
  return client.query('select 1');
}`,
    },
    {
      name: "pg: .finally(() => release())",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  return client.query('select 1').finally(() => client.release());
}`,
    },
    {
      name: "pg: then with both handlers releasing",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  client.query('select 1').then(() => client.release(), (e) => client.release(e));
}`,
    },
    {
      name: "pg: callback form with done on every path",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export function f(cb) {
  pool.connect((err, client, done) => {
    if (err) return cb(err);
    client.query('select 1', (error, result) => {
      done(error);
      cb(error, result);
    });
  });
}`,
    },
    {
      name: "pg: returned (hand-off)",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  client.on('error', () => {});
  return client;
}`,
    },
    {
      name: 'pg: returned after a setup query inside a try whose catch releases it',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  try {
    await client.query('SET x = 1');
    return client;
  } catch (e) {
    client.release();
    throw e;
  }
}`,
    },
    {
      name: "pg: stored on this (hand-off)",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export class Repo {
  async open() {
    const client = await pool.connect();
    this.client = client;
  }
}`,
    },
    {
      name: "pg: put in a returned object (hand-off)",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  return { client, startedAt: Date.now() };
}`,
    },
    {
      name: "pg: resolved from a promise (hand-off)",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export function f() {
  return new Promise((resolve, reject) => {
    pool.connect().then((client) => resolve(client), reject);
  });
}`,
    },
    {
      name: "pg: yielded (hand-off)",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function* clients() {
  const client = await pool.connect();
  yield client;
}`,
    },
    {
      name: "pg: passed to a same-file function that releases its parameter",
      code: `import { Pool } from 'pg';
const pool = new Pool();
function finish(c) {
  c.release();
}
export async function f() {
  const client = await pool.connect();
  finish(client);
}`,
    },
    {
      name: "pg: passed to a class method that releases its parameter",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export class Repo {
  async run() {
    const client = await pool.connect();
    try {
      await client.query('select 1');
    } finally {
      this.finish(client);
    }
  }
  finish(client) {
    client.release();
  }
}`,
    },
    {
      name: "pg: release(true) and release(err) count as releases",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  try {
    await client.query('select 1');
  } catch (error) {
    client.release(error);
    throw error;
  }
  client.release();
}`,
    },
    {
      name: "pg: released in try and catch",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  try {
    await client.query('select 1');
    client.release();
  } catch (error) {
    client.release(true);
    throw error;
  }
}`,
    },
    {
      name: "pg: acquire per iteration, released on the back edge",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(ids) {
  for (const id of ids) {
    const client = await pool.connect();
    try {
      await client.query('select $1', [id]);
    } finally {
      client.release();
    }
  }
}`,
    },
    {
      name: "pg: nested try, release in the outer finally counts",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(x) {
  const client = await pool.connect();
  try {
    try {
      await client.query('select 1');
    } catch (error) {
      console.error(error);
    }
    if (x) return 1;
    await client.query('select 2');
  } finally {
    client.release();
  }
}`,
    },
    {
      name: "pg: labelled break out of try/finally runs the finally",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(groups) {
  outer: for (const group of groups) {
    const client = await pool.connect();
    try {
      for (const id of group) {
        if (!id) break outer;
        await client.query('select $1', [id]);
      }
    } finally {
      client.release();
    }
  }
}`,
    },
    {
      name: "pg: continue out of try/finally runs the finally",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(ids) {
  for (const id of ids) {
    const client = await pool.connect();
    try {
      if (!id) continue;
      await client.query('select $1', [id]);
    } finally {
      client.release();
    }
  }
}`,
    },
    {
      name: "pg: switch with fall-through inside try/finally",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(kind) {
  const client = await pool.connect();
  try {
    switch (kind) {
      case 1:
        await client.query('select 1');
      case 2:
        await client.query('select 2');
        break;
      default:
        return 0;
    }
  } finally {
    client.release();
  }
}`,
    },
    {
      name: "pg: generator with try/finally",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function* rows() {
  const client = await pool.connect();
  try {
    yield await client.query('select 1');
  } finally {
    client.release();
  }
}`,
    },
    {
      name: "pg: guarded release in finally around an acquisition in try",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  let client;
  try {
    client = await pool.connect();
    await client.query('select 1');
  } finally {
    client?.release();
  }
}`,
    },
    {
      name: "pg: if (client) release in finally",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  let client;
  try {
    client = await pool.connect();
    return await client.query('select 1');
  } finally {
    if (client) client.release();
  }
}`,
    },
    {
      name: "pg: release-once guard",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  let released = false;
  try {
    await client.query('select 1');
    if (!released) {
      released = true;
      client.release();
    }
  } finally {
    if (!released) {
      released = true;
      client.release();
    }
  }
}`,
    },
    {
      name: "pg: awaited query returned from try/finally",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  try {
    return await client.query('select 1');
  } finally {
    client.release();
  }
}`,
    },
    {
      name: "pg-cursor: closed before the release",
      code: `import { Pool } from 'pg';
const pool = new Pool();
import Cursor from 'pg-cursor';
export async function f() {
  const client = await pool.connect();
  try {
    const cursor = client.query(new Cursor('select 1'));
    const rows = await cursor.read(100);
    await cursor.close();
    return rows;
  } finally {
    client.release();
  }
}`,
    },
    {
      name: "pg-query-stream: awaited pipeline before the release",
      code: `import { Pool } from 'pg';
const pool = new Pool();
import QueryStream from 'pg-query-stream';
import { pipeline } from 'node:stream/promises';
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
      name: "pg-query-stream: for await before the release",
      code: `import { Pool } from 'pg';
const pool = new Pool();
import QueryStream from 'pg-query-stream';
export async function f() {
  const client = await pool.connect();
  try {
    for await (const row of client.query(new QueryStream('select 1'))) console.log(row);
  } finally {
    client.release();
  }
}`,
    },
    {
      name: "pg-query-stream: released on end and error",
      code: `import { Pool } from 'pg';
const pool = new Pool();
import QueryStream from 'pg-query-stream';
export async function f(res) {
  const client = await pool.connect();
  const stream = client.query(new QueryStream('select 1'));
  stream.on('end', () => client.release());
  stream.on('error', (e) => client.release(e));
  stream.pipe(res);
}`,
    },
    {
      name: "pg: pool.query is a managed scope",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  return (await pool.query('select 1')).rows;
}`,
    },
    {
      name: "pg: module-level direct connection is the process client",
      code: `import { Client } from 'pg';
const client = new Client();
await client.connect();
export const q = (sql) => client.query(sql);`,
    },
    {
      name: "pg: typed parameter is not an acquisition",
      code: `import { Pool, type PoolClient } from 'pg';
const pool = new Pool();
export async function f(client: PoolClient) {
  await client.query('select 1');
}`,
    },
    {
      name: "odd syntax: computed, optional chains, private fields, non-null",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export class A {
  #client;
  async run(k) {
    this.#client = await pool.connect();
    const c = await pool?.['connect']();
    try {
      await c!.query('select 1');
    } finally {
      c?.release?.();
    }
  }
}`,
    },
    {
      name: "no driver import: silent",
      code: `export async function f(pool) {
  const client = await pool.connect();
  await client.query('select 1');
}`,
    },
    {
      name: "mysql2/promise: released in finally",
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
export async function f() {
  const conn = await pool.getConnection();
  try {
    return await conn.execute('SELECT 1');
  } finally {
    conn.release();
  }
}`,
    },
    {
      name: "mysql2/promise: pool.releaseConnection(conn) in finally",
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
export async function f() {
  const conn = await pool.getConnection();
  try {
    await conn.query('SELECT 1');
  } finally {
    pool.releaseConnection(conn);
  }
}`,
    },
    {
      name: "mysql2/promise: destroy() counts as a release",
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
export async function f() {
  const conn = await pool.getConnection();
  try {
    await conn.query('SELECT 1');
  } finally {
    conn.destroy();
  }
}`,
    },
    {
      name: "mysql2/promise: pool.query is managed",
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
export async function f() {
  const [rows] = await pool.query('SELECT 1');
  return rows;
}`,
    },
    {
      name: "mysql2 callback: released on every path of the query callback",
      code: `import mysql from 'mysql2';
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
export function f(cb) {
  pool.getConnection((err, conn) => {
    if (err) return cb(err);
    conn.query('SELECT 1', (error, rows) => {
      conn.release();
      cb(error, rows);
    });
  });
}`,
    },
    {
      name: "mariadb: if (conn) await conn.release() in finally",
      code: `import mariadb from 'mariadb';
const pool = mariadb.createPool({ host: 'db' });
export async function f() {
  let conn;
  try {
    conn = await pool.getConnection();
    return await conn.query('SELECT 1');
  } finally {
    if (conn) await conn.release();
  }
}`,
    },
    {
      name: "mariadb: await using",
      code: `import mariadb from 'mariadb';
const pool = mariadb.createPool({ host: 'db' });
export async function f() {
  await using conn = await pool.getConnection();
  return conn.query('SELECT 1');
}`,
    },
    {
      name: "mariadb: end() is a release on a pooled connection",
      code: `import mariadb from 'mariadb';
const pool = mariadb.createPool({ host: 'db' });
export async function f() {
  const conn = await pool.getConnection();
  try {
    return await conn.query('SELECT 1');
  } finally {
    await conn.end();
  }
}`,
    },
    {
      name: "typeorm: released in finally",
      code: `import { DataSource } from 'typeorm';
const ds = new DataSource({ type: 'postgres' });
export async function f() {
  const qr = ds.createQueryRunner();
  try {
    await qr.connect();
    return await qr.query('SELECT 1');
  } finally {
    await qr.release();
  }
}`,
    },
    {
      name: "typeorm: managed transaction",
      code: `import { DataSource } from 'typeorm';
const ds = new DataSource({ type: 'postgres' });
export async function f() {
  return ds.transaction(async (manager) => manager.query('SELECT 1'));
}`,
    },
    {
      name: "mongodb: session ended in finally",
      code: `import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://db');
export async function f() {
  const session = client.startSession();
  try {
    await session.withTransaction(async () => {});
  } finally {
    await session.endSession();
  }
}`,
    },
    {
      name: "mongodb: withSession is managed",
      code: `import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://db');
export async function f() {
  await client.withSession(async (session) => {
    await session.withTransaction(async () => {});
  });
}`,
    },
    {
      name: "mongoose: session ended in finally",
      code: `import mongoose from 'mongoose';
export async function f() {
  const session = await mongoose.startSession();
  try {
    await session.withTransaction(async () => {});
  } finally {
    await session.endSession();
  }
}`,
    },
    {
      name: "neo4j: session closed in finally",
      code: `import neo4j from 'neo4j-driver';
const driver = neo4j.driver('bolt://db');
export async function f() {
  const session = driver.session();
  try {
    return await session.executeRead((tx) => tx.run('RETURN 1'));
  } finally {
    await session.close();
  }
}`,
    },
    {
      name: "neo4j: await using",
      code: `import neo4j from 'neo4j-driver';
const driver = neo4j.driver('bolt://db');
export async function f() {
  await using session = driver.session();
  return session.run('RETURN 1');
}`,
    },
    {
      name: "oracledb: if (conn) close in finally",
      code: `import oracledb from 'oracledb';
export async function f() {
  let conn;
  try {
    conn = await oracledb.getConnection('hr');
    return (await conn.execute('SELECT 1 FROM dual')).rows;
  } finally {
    if (conn) {
      await conn.close();
    }
  }
}`,
    },
    {
      name: "oracledb: the documented pattern, if (conn) { try { close } catch { log } } in finally",
      code: `import oracledb from 'oracledb';
export async function f() {
  let connection;
  try {
    connection = await oracledb.getConnection('hr');
    return (await connection.execute('SELECT 1 FROM dual')).rows;
  } catch (err) {
    console.error(err);
  } finally {
    if (connection) {
      try {
        await connection.close();
      } catch (err) {
        console.error(err);
      }
    }
  }
}`,
    },
    {
      name: "mssql: prepared statement unprepared in finally",
      code: `import sql from 'mssql';
const pool = new sql.ConnectionPool({ server: 'db' });
export async function f() {
  const ps = new sql.PreparedStatement(pool);
  try {
    await ps.prepare('SELECT 1');
    return await ps.execute({});
  } finally {
    await ps.unprepare();
  }
}`,
    },
    {
      name: "pg-promise: done() in finally",
      code: `import pgPromise from 'pg-promise';
const pgp = pgPromise();
const db = pgp('postgres://db');
export async function f() {
  const sco = await db.connect();
  try {
    return await sco.any('SELECT 1');
  } finally {
    sco.done();
  }
}`,
    },
    {
      name: "pg-promise: db.task is managed",
      code: `import pgPromise from 'pg-promise';
const pgp = pgPromise();
const db = pgp('postgres://db');
export async function f() {
  return db.task(async (t) => t.any('SELECT 1'));
}`,
    },
    {
      name: "generic-pool: released in finally",
      code: `import { createPool } from 'generic-pool';
const pool = createPool({ create: async () => ({}), destroy: async () => {} }, { max: 2 });
const work = async (r) => r;
export async function f() {
  const resource = await pool.acquire();
  try {
    await work(resource);
  } finally {
    await pool.release(resource);
  }
}`,
    },
    {
      name: "generic-pool: destroyed in catch, released after",
      code: `import { createPool } from 'generic-pool';
const pool = createPool({ create: async () => ({}), destroy: async () => {} }, { max: 2 });
const work = async (r) => r;
export async function f() {
  const resource = await pool.acquire();
  try {
    await work(resource);
  } catch (error) {
    await pool.destroy(resource);
    throw error;
  }
  await pool.release(resource);
}`,
    },
    {
      name: "generic-pool: pool.use is managed",
      code: `import { createPool } from 'generic-pool';
const pool = createPool({ create: async () => ({}), destroy: async () => {} }, { max: 2 });
const work = async (r) => r;
export async function f() {
  return pool.use(async (resource) => work(resource));
}`,
    },
    {
      name: "custom resource: released in finally",
      code: `import { acquireDb } from '@acme/db';
export async function f() {
  const db = await acquireDb();
  try {
    await db.sql('SELECT 1');
  } finally {
    await db.dispose();
  }
}`,
      settings: { 'connection-hygiene': {"resources":[{"id":"acme-db","modules":["@acme/db"],"exports":[{"path":["acquireDb"],"via":"call","shape":"Handle","awaited":true}],"shapes":{"Handle":{"role":"lease","release":["dispose"],"asyncRelease":["dispose"],"queries":["sql"]}}}]} },
    },
    {
      name: "ownershipFunctions: a plain name takes ownership",
      code: `import { Pool } from 'pg';
import { withClient } from './db-helpers.js';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  return withClient(client, async (c) => c.query('SELECT 1'));
}`,
      settings: { 'connection-hygiene': {"ownershipFunctions":["withClient","registry.adopt"]} },
    },
    {
      name: "ownershipFunctions: a member path takes ownership",
      code: `import { Pool } from 'pg';
import { registry } from './db-helpers.js';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  registry.adopt(client);
}`,
      settings: { 'connection-hygiene': {"ownershipFunctions":["withClient","registry.adopt"]} },
    },
    {
      name: "mysql2: connection stored on a holder handed to the error-first callback (@fastify/mysql)",
      code: `import mysql from 'mysql2';
export function createConnection(options, cb) {
  const db = { format: mysql.format, escape: mysql.escape };
  let client = {};
  client = mysql.createConnection(options.connectionString || options);
  db.connection = client;
  db.query = client.query.bind(client);
  db.execute = client.execute.bind(client);
  client.query('SELECT NOW()', (err) => cb(err, db));
}`,
    },
    {
      name: "pg: lease stored on the request (`req.pg = client`, `req.pg[name] = client`) for a later hook (@fastify/postgres)",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export const preHandler = async (req, name) => {
  const client = await pool.connect();
  if (name) {
    if (!req.pg) {
      req.pg = Object.create(null);
    }
    if (req.pg[name]) {
      client.release();
      throw new Error(\`request client '\${name}' has already been registered\`);
    }
    req.pg[name] = client;
  } else {
    if (req.pg) {
      client.release();
      throw new Error('request client has already been registered');
    } else {
      req.pg = client;
    }
  }
  await client.query('BEGIN');
};`,
    },
    {
      name: "pg: lease given to the caller's error-first callback (`cb(null, client)`)",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function getClient(cb) {
  let client;
  try {
    client = await pool.connect();
  } catch (err) {
    return cb(err);
  }
  cb(null, client);
}`,
    },
    {
      name: "pg: lease placed in a holder object that is returned",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function open() {
  const client = await pool.connect();
  const session = { client, startedAt: Date.now() };
  return session;
}`,
    },
    // catalog additions: pre-0.3/1.x entry points and drivers seen in real code
    {
      name: "typeorm 0.3: a query runner from getConnection() released in finally",
      code: `import { getConnection } from 'typeorm';
export async function moveFunds(from, to) {
  const runner = getConnection().createQueryRunner();
  await runner.connect();
  try {
    await runner.query('update accounts set balance = balance - 1 where id = $1', [from]);
    await runner.query('update accounts set balance = balance + 1 where id = $1', [to]);
  } finally {
    await runner.release();
  }
}`,
    },
    {
      name: "oracledb: the callback form getConnection(cfg, cb) returns nothing, so nothing is dropped",
      code: `const oracledb = require('oracledb');
function lookup(credentials, id, done) {
  oracledb.getConnection(credentials, function (err, connection) {
    if (err) return done(err);
    connection.execute('select name from emp where id = :id', [id], function (e, result) {
      connection.close(function () { done(e, result); });
    });
  });
}
module.exports = lookup;`,
    },
    {
      name: "oracledb: a connection from getPool(alias) closed in finally",
      code: `import oracledb from 'oracledb';
export async function employees() {
  const conn = await oracledb.getPool('hr').getConnection();
  try {
    return (await conn.execute('select * from emp')).rows;
  } finally {
    await conn.close();
  }
}`,
    },
    {
      name: "neo4j-driver 1.x: a session from require('neo4j-driver').v1 closed in finally",
      code: `const neo4j = require('neo4j-driver').v1;
const driver = neo4j.driver('bolt://graph', neo4j.auth.basic('neo4j', 'secret'));
async function friendsOf(name) {
  const session = driver.session();
  try {
    return await session.run('MATCH (:Person {name: $name})-[:KNOWS]->(f) RETURN f', { name });
  } finally {
    session.close();
  }
}
module.exports = friendsOf;`,
    },
    {
      name: "snowflake-sdk: a connection destroyed in finally",
      code: `import snowflake from 'snowflake-sdk';
export async function warehouseRows(options, runSql) {
  const connection = snowflake.createConnection(options);
  try {
    await connection.connectAsync();
    return await runSql(connection, 'select * from orders');
  } finally {
    connection.destroy(() => {});
  }
}`,
    },
    {
      name: "@databricks/sql: a session closed in finally",
      code: `import { DBSQLClient } from '@databricks/sql';
const client = new DBSQLClient();
export async function tables() {
  await client.connect({ host: 'dbc.example', path: '/sql/1.0/warehouses/w', token: process.env.TOKEN });
  const session = await client.openSession();
  try {
    const operation = await session.executeStatement('show tables');
    return await operation.fetchAll();
  } finally {
    await session.close();
  }
}`,
    },
    {
      name: "serverless-mysql: the documented module-level instance, ended at the end of each invocation",
      code: `const mysql = require('serverless-mysql')({ config: { host: 'db', database: 'app' } });
exports.handler = async (event) => {
  const rows = await mysql.query('select * from items where id = ?', [event.id]);
  await mysql.end();
  return rows;
};`,
    },
    {
      name: "serverless-mysql: a function-local instance quit in finally",
      code: `import serverlessMysql from 'serverless-mysql';
export async function oneOff(config) {
  const db = serverlessMysql({ config });
  try {
    return await db.query('select 1');
  } finally {
    db.quit();
  }
}`,
    },
    {
      name: 'review: an own method that returns a connection it keeps in a field (or reads back from it) does not make one per call (cube.js)',
      code: `import { createConnection, type Connection } from 'snowflake-sdk';
export class Warehouse {
  private connection: Promise<Connection> | null = null;
  private async initConnection(): Promise<Connection> {
    const connection = createConnection({ account: 'a' });
    await connection.connectAsync(() => {});
    return connection;
  }
  protected async getConnection(): Promise<Connection> {
    if (this.connection) {
      const connection = await this.connection;
      if (connection.isUp()) return connection;
    }
    return (this.connection = this.initConnection());
  }
  async query(sqlText: string): Promise<unknown> {
    const connection = await this.getConnection();
    return new Promise((resolve, reject) => connection.execute({ sqlText, complete: (err, stmt) => (err ? reject(err) : resolve(stmt)) }));
  }
}`,
    },
    {
      name: 'review: a metrics recording between the acquisition and the try does not throw (growthbook, typed)',
      code: `import { createPool } from 'generic-pool';
const pool = createPool({ create: async () => ({}), destroy: async () => {} }, { max: 4 });
export async function run(metrics, job) {
  const started = Date.now();
  const worker = await pool.acquire();
  metrics.getHistogram('pool.acquire_ms').record(Date.now() - started);
  try {
    return await job(worker);
  } finally {
    pool.release(worker);
  }
}`,
    },
  ],
  invalid: [
    {
      name: 'review: a direct connection made per call by an own method and only lent to own methods that use it is never destroyed (lightdash)',
      code: `import { createConnection, type Connection } from 'snowflake-sdk';
export class Warehouse {
  private async getConnection(): Promise<Connection> {
    const connection = createConnection({ account: 'a' });
    await connection.connectAsync(() => {});
    return connection;
  }
  private async prepare(connection: Connection): Promise<void> {
    await this.run(connection, 'USE WAREHOUSE w');
  }
  private run(connection: Connection, sqlText: string): Promise<unknown> {
    return new Promise((resolve, reject) => connection.execute({ sqlText, complete: (err, stmt) => (err ? reject(err) : resolve(stmt)) }));
  }
  async query(sqlText: string): Promise<unknown> {
    const connection = await this.getConnection();
    await this.prepare(connection);
    return this.run(connection, sqlText);
  }
}`,
      errors: [
        {
          messageId: 'neverReleased',
          data: { name: 'connection', release: 'connection.destroy()' },
          line: 15,
          column: 30,
          endLine: 15,
          endColumn: 50,
          suggestions: [{ messageId: 'wrapInTryFinally', data: { release: 'connection.destroy();' }, output: `import { createConnection, type Connection } from 'snowflake-sdk';
export class Warehouse {
  private async getConnection(): Promise<Connection> {
    const connection = createConnection({ account: 'a' });
    await connection.connectAsync(() => {});
    return connection;
  }
  private async prepare(connection: Connection): Promise<void> {
    await this.run(connection, 'USE WAREHOUSE w');
  }
  private run(connection: Connection, sqlText: string): Promise<unknown> {
    return new Promise((resolve, reject) => connection.execute({ sqlText, complete: (err, stmt) => (err ? reject(err) : resolve(stmt)) }));
  }
  async query(sqlText: string): Promise<unknown> {
    const connection = await this.getConnection();
    try {
    await this.prepare(connection);
    return await this.run(connection, sqlText);
    } finally {
      connection.destroy();
    }
  }
}` }],
        },
      ],
    },
    {
      name: 'review: a lease from a local wrapper (const getClient = async () => pool.connect()), BEGIN before the try (saltcorn)',
      code: `import { Pool } from "pg";
import type { PoolClient } from "pg";
export let pool: Pool | null = null;
export function init(cfg: object) { pool = new Pool(cfg); }
export const getClient = async (): Promise<PoolClient> => await pool!.connect();
export const withTransaction = async (f: () => Promise<any>): Promise<any> => {
  const client = await getClient();
  await client.query("BEGIN;");
  try {
    const result = await f();
    await client.query("COMMIT;");
    return result;
  } catch (error) {
    await client.query("ROLLBACK;");
    throw error;
  } finally {
    client.release();
  }
};`,
      output: null,
      errors: [{ messageId: 'notExceptionSafe', data: { name: 'client', release: 'client.release()', line: '17' }, line: 7, column: 24, endLine: 7, endColumn: 35 }],
    },
    {
      name: 'fields: this.db set in one method of a class, leased in another',
      code: `const mysql = require('mysql2/promise');
class Repo {
  init(cfg) { this.db = mysql.createPool(cfg); }
  async get(): Promise<void> {
    const conn = await this.db.getConnection();
    await conn.query('x');
  }
}
module.exports = Repo;`,
      errors: [
        {
          messageId: 'neverReleased', data: { name: 'conn', release: 'conn.release()' }, line: 5, column: 24, endLine: 5, endColumn: 47,
          suggestions: [
            { messageId: 'wrapInTryFinally', data: { release: 'conn.release();' }, output: `const mysql = require('mysql2/promise');
class Repo {
  init(cfg) { this.db = mysql.createPool(cfg); }
  async get(): Promise<void> {
    const conn = await this.db.getConnection();
    try {
    await conn.query('x');
    } finally {
      conn.release();
    }
  }
}
module.exports = Repo;` },
            { messageId: 'useAwaitUsing', data: { name: 'conn' }, output: `const mysql = require('mysql2/promise');
class Repo {
  init(cfg) { this.db = mysql.createPool(cfg); }
  async get(): Promise<void> {
    await using conn = await this.db.getConnection();
    await conn.query('x');
  }
}
module.exports = Repo;` },
          ],
        },
      ],
    },
    // `await using` only where the result runs (src/fixes/await-using.ts)
    {
      name: 'await using: not offered in a .js file of this repository (engines.node admits Node 20 and 22, which reject the syntax)',
      filename: join(enginesDir, 'none.js'),
      code: usingCode,
      errors: [{ ...usingFinding, suggestions: [wrapSuggestion] }],
    },
    {
      name: 'await using: not offered in a .js file whose nearest package.json admits Node 20 and 22',
      filename: join(enginesDir, 'node20', 'db.js'),
      code: usingCode,
      errors: [{ ...usingFinding, suggestions: [wrapSuggestion] }],
    },
    {
      name: 'await using: offered in a .js file whose package requires Node >=24',
      filename: join(enginesDir, 'node24', 'db.js'),
      code: usingCode,
      errors: [{ ...usingFinding, suggestions: [wrapSuggestion, usingSuggestion] }],
    },
    {
      name: 'await using: offered in a .mts file (TypeScript lowers it)',
      filename: join(enginesDir, 'node20', 'db.mts'),
      code: usingCode,
      errors: [{ ...usingFinding, suggestions: [wrapSuggestion, usingSuggestion] }],
    },
    {
      name: 'pg: returned after a setup query that can fail: the lease leaks when it does',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  await client.query('SET x = 1');
  return client;
}`,
      errors: [{ messageId: 'leakedBeforeReturn', data: { name: 'client', line: '6', release: 'client.release()' }, line: 4, column: 24, endLine: 4, endColumn: 38 }],
    },
    {
      name: 'pg: a direct connection opened, set up and returned (the setup can fail after connect())',
      code: `import pg from 'pg';
export async function connect(cfg) {
  const c = new pg.Client(cfg);
  await c.connect();
  await c.query('SET search_path TO app');
  return c;
}`,
      errors: [{ messageId: 'leakedBeforeReturn', data: { name: 'c', line: '6', release: 'c.end()' }, line: 3, column: 13, endLine: 3, endColumn: 31 }],
    },
    {
      name: 'fields: this.pool set in an ES5 constructor function, leased in a prototype method',
      code: `const mysql = require('mysql');
function DB(cfg) {
  this.pool = mysql.createPool(cfg);
}
DB.prototype.query = function (sql, cb) {
  this.pool.getConnection((err, conn) => {
    if (err) return cb(err);
    conn.query(sql, (e, rows) => {
      if (e) return cb(e);
      conn.release();
      cb(null, rows);
    });
  });
};
module.exports = DB;`,
      errors: [{ messageId: 'skippedByJump', data: { name: 'conn', release: 'conn.release()', jump: 'The early return', line: '9' }, line: 6, column: 33, endLine: 6, endColumn: 37 }],
    },
    {
      name: 'review twin: the same script body in an exported function (other modules may call it many times) is reported',
      code: `import pg from 'pg';
const pool = new pg.Pool();
export async function main() {
  const client = await pool.connect();
  await client.query('select 1');
  client.release();
}
main().catch(() => process.exit(1));`,
      output: `import pg from 'pg';
const pool = new pg.Pool();
export async function main() {
  const client = await pool.connect();
  try {
  await client.query('select 1');
  } finally {
    client.release();
  }
}
main().catch(() => process.exit(1));`,
      errors: [{ messageId: 'notExceptionSafe', data: { name: 'client', release: 'client.release()', line: '6' }, line: 4, column: 24, endLine: 4, endColumn: 38 }],
    },
    {
      name: 'review: a lease delivered to a .then callback, where an awaited query before the release chain skips it (cube.js)',
      code: `import genericPool from 'generic-pool';
const pool = genericPool.createPool({ create: async () => ({}), destroy: async () => {} }, { max: 5 });
export function withConnection(fn) {
  const connectionPromise = pool.acquire();
  return connectionPromise.then(async (conn) => {
    await conn.execute('select connection_id()');
    return fn(conn)
      .then((res) => pool.release(conn).then(() => res))
      .catch((err) => pool.release(conn).then(() => { throw err; }));
  });
}`,
      errors: [{ messageId: 'notExceptionSafe', data: { name: 'conn', release: 'pool.release(conn)', line: '8' }, line: 5, column: 40, endLine: 5, endColumn: 44 }],
    },
    {
      name: 'a lease delivered to a .then callback and released only when the query succeeds',
      code: `import pg from 'pg';
const pool = new pg.Pool();
export function run() {
  return pool.connect().then((client) => client.query('select 1').then((r) => { client.release(); return r; }));
}`,
      errors: [{ messageId: 'releasedInCallback', data: { release: 'client.release()', where: 'the callback passed at line 4', name: 'client' }, line: 4, column: 31, endLine: 4, endColumn: 37 }],
    },
    {
      name: 'review twin: a setup query after the promise-twin connect() can throw with the connection open',
      code: `import { createConnection } from 'mysql2';
export async function create(config) {
  const conn = createConnection(config);
  await conn.promise().connect();
  await conn.promise().query('SET time_zone = "+00:00"');
  return conn;
}`,
      errors: [{ messageId: 'leakedBeforeReturn', data: { name: 'conn', line: '6', release: 'conn.end()' }, line: 3, column: 16, endLine: 3, endColumn: 40 }],
    },
    {
      name: 'review twin: the same test body outside a test file (a helper that asserts) is reported',
      filename: 'src/pool-check.ts',
      code: `import pg from 'pg';
const pool = new pg.Pool();
export async function check(expect) {
  const client = await pool.connect();
  expect(pool.totalCount).toBe(1);
  client.release();
}`,
      output: `import pg from 'pg';
const pool = new pg.Pool();
export async function check(expect) {
  const client = await pool.connect();
  try {
  expect(pool.totalCount).toBe(1);
  } finally {
    client.release();
  }
}`,
      errors: [{ messageId: 'notExceptionSafe', data: { name: 'client', release: 'client.release()', line: '6' }, line: 4, column: 24, endLine: 4, endColumn: 38 }],
    },
    {
      name: 'review twin: a query between the lazy opening and the try can throw with the connection held',
      code: `import { DataSource } from 'typeorm';
const ds = new DataSource({ type: 'postgres' });
export async function f() {
  const qr = ds.createQueryRunner();
  await qr.connect();
  await qr.query('SET search_path TO app');
  try {
    await qr.query('x');
  } finally {
    await qr.release();
  }
}`,
      errors: [{ messageId: 'notExceptionSafe', data: { name: 'qr', release: 'qr.release()', line: '10' }, line: 4, column: 14, endLine: 4, endColumn: 36 }],
    },
    {
      name: "TypeScript: `import pg = require('pg')` is the pg module",
      code: `import pg = require('pg');
import Alias = pg.Pool;
const pool = new pg.Pool();
export async function f() {
  const client = await pool.connect();
  await client.query('select 1');
}`,
      errors: [
        {
          messageId: 'neverReleased',
          data: {"name":"client","release":"client.release()"},
          line: 5, column: 24, endLine: 5, endColumn: 38,
          suggestions: [
            { messageId: 'wrapInTryFinally', data: {"release":"client.release();"}, output: `import pg = require('pg');
import Alias = pg.Pool;
const pool = new pg.Pool();
export async function f() {
  const client = await pool.connect();
  try {
  await client.query('select 1');
  } finally {
    client.release();
  }
}` },
          ],
        },
      ],
    },
    {
      name: "pg: never released",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  await client.query('select 1');
}`,
      errors: [
        {
          messageId: 'neverReleased',
          data: {"name":"client","release":"client.release()"},
          line: 4, column: 24, endLine: 4, endColumn: 38,
          suggestions: [
            { messageId: 'wrapInTryFinally', data: {"release":"client.release();"}, output: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  try {
  await client.query('select 1');
  } finally {
    client.release();
  }
}` },
          ],
        },
      ],
    },
    {
      name: "pg: bare acquisition statement",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  await pool.connect();
}`,
      errors: [
        {
          messageId: 'discarded',
          data: {"role":"lease"},
          line: 4, column: 9, endLine: 4, endColumn: 23,
        },
      ],
    },
    {
      name: "pg: voided acquisition",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export function f() {
  void pool.connect();
}`,
      errors: [
        {
          messageId: 'discarded',
          data: {"role":"lease"},
          line: 4, column: 8, endLine: 4, endColumn: 22,
        },
      ],
    },
    {
      name: "pg: used once and lost",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  return (await pool.connect()).query('select 1');
}`,
      errors: [
        {
          messageId: 'discarded',
          data: {"role":"lease"},
          line: 4, column: 17, endLine: 4, endColumn: 31,
        },
      ],
    },
    {
      name: "pg: early return skips the release",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(id) {
  const client = await pool.connect();
  if (!id) return null;
  const r = await client.query('select 1');
  client.release();
  return r;
}`,
      errors: [
        {
          messageId: 'skippedByJump',
          data: {"name":"client","release":"client.release()","jump":"The early return","line":"5"},
          line: 4, column: 24, endLine: 4, endColumn: 38,
          suggestions: [
            { messageId: 'wrapInTryFinally', data: {"release":"client.release();"}, output: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(id) {
  const client = await pool.connect();
  try {
  if (!id) return null;
  const r = await client.query('select 1');
  return r;
  } finally {
    client.release();
  }
}` },
          ],
        },
      ],
    },
    {
      name: "pg: explicit throw skips the release",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(id) {
  const client = await pool.connect();
  if (!id) throw new Error('no id');
  try {
    await client.query('select 1');
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'skippedByJump',
          data: {"name":"client","release":"client.release()","jump":"The throw","line":"5"},
          line: 4, column: 24, endLine: 4, endColumn: 38,
        },
      ],
    },
    {
      name: "pg: break skips the release",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(ids) {
  for (const id of ids) {
    const client = await pool.connect();
    if (!id) break;
    await client.query('select 1');
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'skippedByJump',
          data: {"name":"client","release":"client.release()","jump":"The break","line":"6"},
          line: 5, column: 26, endLine: 5, endColumn: 40,
          suggestions: [
            { messageId: 'wrapInTryFinally', data: {"release":"client.release();"}, output: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(ids) {
  for (const id of ids) {
    const client = await pool.connect();
    try {
    if (!id) break;
    await client.query('select 1');
    } finally {
      client.release();
    }
  }
}` },
          ],
        },
      ],
    },
    {
      name: "pg: continue skips the release",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(ids) {
  for (const id of ids) {
    const client = await pool.connect();
    if (!id) continue;
    try {
      await client.query('select 1');
    } finally {
      client.release();
    }
  }
}`,
      errors: [
        {
          messageId: 'skippedByJump',
          data: {"name":"client","release":"client.release()","jump":"The continue","line":"6"},
          line: 5, column: 26, endLine: 5, endColumn: 40,
        },
      ],
    },
    {
      name: "pg: labelled break out of the inner loop skips the release",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(groups) {
  outer: for (const group of groups) {
    const client = await pool.connect();
    for (const id of group) {
      if (!id) break outer;
    }
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'skippedByJump',
          data: {"name":"client","release":"client.release()","jump":"The break","line":"7"},
          line: 5, column: 26, endLine: 5, endColumn: 40,
          suggestions: [
            { messageId: 'wrapInTryFinally', data: {"release":"client.release();"}, output: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(groups) {
  outer: for (const group of groups) {
    const client = await pool.connect();
    try {
    for (const id of group) {
      if (!id) break outer;
    }
    } finally {
      client.release();
    }
  }
}` },
          ],
        },
      ],
    },
    {
      name: "pg: released in one branch only",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(id) {
  const client = await pool.connect();
  if (id) {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'skippedByBranch',
          data: {"name":"client","release":"client.release()"},
          line: 4, column: 24, endLine: 4, endColumn: 38,
        },
      ],
    },
    {
      name: "pg: switch case that breaks without the release",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(kind) {
  const client = await pool.connect();
  switch (kind) {
    case 1:
      client.release();
      break;
    case 2:
      break;
    default:
      client.release();
  }
}`,
      errors: [
        {
          messageId: 'skippedByJump',
          data: {"name":"client","release":"client.release()","jump":"The break","line":"10"},
          line: 4, column: 24, endLine: 4, endColumn: 38,
        },
      ],
    },
    {
      name: "pg: loop re-acquires while still holding",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(ids) {
  let client;
  for (const id of ids) {
    client = await pool.connect();
    await client.query('select $1', [id]);
  }
  client.release();
}`,
      errors: [
        {
          messageId: 'reacquiredInLoop',
          data: {"name":"client","release":"client.release()","line":"6"},
          line: 6, column: 20, endLine: 6, endColumn: 34,
        },
      ],
    },
    {
      name: "pg: released only in catch",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  try {
    await client.query('select 1');
  } catch (error) {
    client.release();
    throw error;
  }
}`,
      errors: [
        {
          messageId: 'releasedOnlyInCatch',
          data: {"name":"client","release":"client.release()"},
          line: 4, column: 24, endLine: 4, endColumn: 38,
        },
      ],
    },
    {
      name: "pg: released in setTimeout",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  setTimeout(() => client.release(), 100);
}`,
      errors: [
        {
          messageId: 'releasedInCallback',
          data: {"name":"client","release":"client.release()","where":"the callback passed at line 5"},
          line: 4, column: 24, endLine: 4, endColumn: 38,
        },
      ],
    },
    {
      name: "pg: released only in an end listener",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(stream) {
  const client = await pool.connect();
  stream.on('end', () => client.release());
}`,
      errors: [
        {
          messageId: 'releasedInCallback',
          data: {"name":"client","release":"client.release()","where":"the 'end' listener"},
          line: 4, column: 24, endLine: 4, endColumn: 38,
        },
      ],
    },
    {
      name: "pg: released only in then",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  client.query('select 1').then(() => client.release());
}`,
      errors: [
        {
          messageId: 'releasedInCallback',
          data: {"name":"client","release":"client.release()","where":"the callback passed at line 5"},
          line: 4, column: 24, endLine: 4, endColumn: 38,
        },
      ],
    },
    {
      name: "pg: outside finally (autofix moves it into finally)",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  // read the rows
  const r = await client.query('select 1');
  client.release();
  return r.rows;
}`,
      output: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  // read the rows
  try {
  const r = await client.query('select 1');
  return r.rows;
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'notExceptionSafe',
          data: {"name":"client","release":"client.release()","line":"7"},
          line: 4, column: 24, endLine: 4, endColumn: 38,
        },
      ],
    },
    {
      name: "pg: outside finally with statements after the release (suggestion only)",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  const r = await client.query('select 1');
  client.release();
  console.log(r.rowCount);
  return r.rows;
}`,
      errors: [
        {
          messageId: 'notExceptionSafe',
          data: {"name":"client","release":"client.release()","line":"6"},
          line: 4, column: 24, endLine: 4, endColumn: 38,
          suggestions: [
            { messageId: 'wrapInTryFinally', data: {"release":"client.release();"}, output: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  try {
  const r = await client.query('select 1');
  console.log(r.rowCount);
  return r.rows;
  } finally {
    client.release();
  }
}` },
          ],
        },
      ],
    },
    {
      name: "pg: awaited statement between the acquisition and the try",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  await client.query('SET search_path TO app');
  try {
    await client.query('select 1');
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'notExceptionSafe',
          data: {"name":"client","release":"client.release()","line":"9"},
          line: 4, column: 24, endLine: 4, endColumn: 38,
        },
      ],
    },
    {
      name: "pg: finally awaits COMMIT before the release",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
  } finally {
    await client.query('COMMIT');
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'finallyThrowsFirst',
          data: {"name":"client","release":"client.release()","line":"8"},
          line: 4, column: 24, endLine: 4, endColumn: 38,
        },
      ],
    },
    {
      name: "pg: unguarded release in a finally whose try acquires",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  let client;
  try {
    client = await pool.connect();
    await client.query('select 1');
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'unguardedRelease',
          data: {"name":"client","release":"client.release()"},
          line: 9, column: 5, endLine: 9, endColumn: 21,
          suggestions: [
            { messageId: 'guardRelease', data: {"guarded":"client?.release()"}, output: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  let client;
  try {
    client = await pool.connect();
    await client.query('select 1');
  } finally {
    client?.release();
  }
}` },
          ],
        },
      ],
    },
    {
      name: "pg: query returned without await inside try/finally",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  try {
    return client.query('select 1');
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'releasedWhilePending',
          data: {"name":"client","release":"client.release()","line":"8"},
          line: 6, column: 12, endLine: 6, endColumn: 36,
          suggestions: [
            { messageId: 'awaitQuery', output: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  try {
    return await client.query('select 1');
  } finally {
    client.release();
  }
}` },
          ],
        },
      ],
    },
    {
      name: "pg: promise chain returned without await inside try/finally",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  try {
    return Promise.all([client.query('select 1'), client.query('select 2')]);
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'releasedWhilePending',
          data: {"name":"client","release":"client.release()","line":"8"},
          line: 6, column: 25, endLine: 6, endColumn: 49,
          suggestions: [
            { messageId: 'awaitQuery', output: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  try {
    return await Promise.all([client.query('select 1'), client.query('select 2')]);
  } finally {
    client.release();
  }
}` },
          ],
        },
        {
          messageId: 'releasedWhilePending',
          data: {"name":"client","release":"client.release()","line":"8"},
          line: 6, column: 51, endLine: 6, endColumn: 75,
          suggestions: [
            { messageId: 'awaitQuery', output: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  try {
    return await Promise.all([client.query('select 1'), client.query('select 2')]);
  } finally {
    client.release();
  }
}` },
          ],
        },
      ],
    },
    {
      name: "pg: then-chain returned without await from try/finally",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function g() {
  const client = await pool.connect();
  try {
    return client.query('select 1').then((r) => r.rows);
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'releasedWhilePending',
          data: {"name":"client","release":"client.release()","line":"8"},
          line: 6, column: 12, endLine: 6, endColumn: 36,
          suggestions: [
            { messageId: 'awaitQuery', output: `import { Pool } from 'pg';
const pool = new Pool();
export async function g() {
  const client = await pool.connect();
  try {
    return await client.query('select 1').then((r) => r.rows);
  } finally {
    client.release();
  }
}` },
          ],
        },
      ],
    },
    {
      name: "pg-query-stream: released before the piped stream ends",
      code: `import { Pool } from 'pg';
const pool = new Pool();
import QueryStream from 'pg-query-stream';
export async function f(res) {
  const client = await pool.connect();
  try {
    client.query(new QueryStream('select * from big')).pipe(res);
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'releasedBeforeCursorDone',
          data: {"name":"client","release":"client.release()","line":"9","what":"stream"},
          line: 7, column: 5, endLine: 7, endColumn: 55,
        },
      ],
    },
    {
      name: "pg: method reference pushed is not a release",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(handlers) {
  const client = await pool.connect();
  handlers.push(client.release);
  await client.query('select 1');
}`,
      errors: [
        {
          messageId: 'neverReleased',
          data: {"name":"client","release":"client.release()"},
          line: 4, column: 24, endLine: 4, endColumn: 38,
          suggestions: [
            { messageId: 'wrapInTryFinally', data: {"release":"client.release();"}, output: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(handlers) {
  const client = await pool.connect();
  try {
  handlers.push(client.release);
  await client.query('select 1');
  } finally {
    client.release();
  }
}` },
          ],
        },
      ],
    },
    {
      name: "pg: class method with an early return",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export class Users {
  async find(id) {
    const client = await pool.connect();
    if (!id) return null;
    try {
      return await client.query('select 1');
    } finally {
      client.release();
    }
  }
}`,
      errors: [
        {
          messageId: 'skippedByJump',
          data: {"name":"client","release":"client.release()","jump":"The early return","line":"6"},
          line: 5, column: 26, endLine: 5, endColumn: 40,
        },
      ],
    },
    {
      name: "pg: async arrow function with an early return",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export const f = async (id) => {
  const client = await pool.connect();
  if (!id) return null;
  client.release();
};`,
      errors: [
        {
          messageId: 'skippedByJump',
          data: {"name":"client","release":"client.release()","jump":"The early return","line":"5"},
          line: 4, column: 24, endLine: 4, endColumn: 38,
          suggestions: [
            { messageId: 'wrapInTryFinally', data: {"release":"client.release();"}, output: `import { Pool } from 'pg';
const pool = new Pool();
export const f = async (id) => {
  const client = await pool.connect();
  try {
  if (!id) return null;
  } finally {
    client.release();
  }
};` },
          ],
        },
      ],
    },
    {
      name: "pg: generator returns early",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function* rows(id) {
  const client = await pool.connect();
  if (!id) return;
  yield await client.query('select 1');
  client.release();
}`,
      errors: [
        {
          messageId: 'skippedByJump',
          data: {"name":"client","release":"client.release()","jump":"The early return","line":"5"},
          line: 4, column: 24, endLine: 4, endColumn: 38,
          suggestions: [
            { messageId: 'wrapInTryFinally', data: {"release":"client.release();"}, output: `import { Pool } from 'pg';
const pool = new Pool();
export async function* rows(id) {
  const client = await pool.connect();
  try {
  if (!id) return;
  yield await client.query('select 1');
  } finally {
    client.release();
  }
}` },
          ],
        },
      ],
    },
    {
      name: "pg: callback form, done skipped by an early return in the query callback",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export function f(cb) {
  pool.connect((err, client, done) => {
    if (err) return cb(err);
    client.query('select 1', (error, result) => {
      if (error) return cb(error);
      done();
      cb(null, result);
    });
  });
}`,
      errors: [
        {
          messageId: 'skippedByJump',
          data: {"name":"client","release":"done()","jump":"The early return","line":"7"},
          line: 4, column: 22, endLine: 4, endColumn: 28,
        },
      ],
    },
    {
      name: "pg: callback form, done never called",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export function f(cb) {
  pool.connect((err, client, done) => {
    if (err) return cb(err);
    client.query('select 1', cb);
  });
}`,
      errors: [
        {
          messageId: 'neverReleased',
          data: {"name":"client","release":"client.release()"},
          line: 4, column: 22, endLine: 4, endColumn: 28,
        },
      ],
    },
    {
      name: "pg: direct connection never ended",
      code: `import { Client } from 'pg';
export async function f() {
  const client = new Client();
  await client.connect();
  return (await client.query('select 1')).rows;
}`,
      errors: [
        {
          messageId: 'neverReleased',
          data: {"name":"client","release":"client.end()"},
          line: 3, column: 18, endLine: 3, endColumn: 30,
          suggestions: [
            { messageId: 'wrapInTryFinally', data: {"release":"await client.end();"}, output: `import { Client } from 'pg';
export async function f() {
  const client = new Client();
  try {
  await client.connect();
  return (await client.query('select 1')).rows;
  } finally {
    await client.end();
  }
}` },
          ],
        },
      ],
    },
    {
      name: "pg: autofix keeps comments and indentation of the moved statements",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(id) {
  if (id) {
    const client = await pool.connect();
    await client.query('select 1'); // first
    /* second */ await client.query('select 2');
    client.release();
  }
}`,
      output: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(id) {
  if (id) {
    const client = await pool.connect();
    try {
    await client.query('select 1'); // first
    /* second */ await client.query('select 2');
    } finally {
      client.release();
    }
  }
}`,
      errors: [
        {
          messageId: 'notExceptionSafe',
          data: {"name":"client","release":"client.release()","line":"8"},
          line: 5, column: 26, endLine: 5, endColumn: 40,
        },
      ],
    },
    {
      name: "pg: autofix with a trailing return of a computed value",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  const { rows } = await client.query('select 1');
  client.release();
  return rows.length;
}`,
      output: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  try {
  const { rows } = await client.query('select 1');
  return rows.length;
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'notExceptionSafe',
          data: {"name":"client","release":"client.release()","line":"6"},
          line: 4, column: 24, endLine: 4, endColumn: 38,
        },
      ],
    },
    {
      name: "mysql2/promise: released outside finally (autofix)",
      filename: 'file.ts', // `await using` is offered in TypeScript (lowered by tsc); in JavaScript see the engines cases
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
export async function f(id) {
  const conn = await pool.getConnection();
  const [rows] = await conn.query('SELECT ?', [id]);
  conn.release();
  return rows;
}`,
      output: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
export async function f(id) {
  const conn = await pool.getConnection();
  try {
  const [rows] = await conn.query('SELECT ?', [id]);
  return rows;
  } finally {
    conn.release();
  }
}`,
      errors: [
        {
          messageId: 'notExceptionSafe',
          data: {"name":"conn","release":"conn.release()","line":"6"},
          line: 4, column: 22, endLine: 4, endColumn: 42,
          suggestions: [
            { messageId: 'useAwaitUsing', data: {"name":"conn"}, output: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
export async function f(id) {
  await using conn = await pool.getConnection();
  const [rows] = await conn.query('SELECT ?', [id]);
  return rows;
}` },
          ],
        },
      ],
    },
    {
      name: "mysql2/promise: never released (await using offered)",
      filename: 'file.ts', // `await using` is offered in TypeScript (lowered by tsc); in JavaScript see the engines cases
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
export async function f() {
  const conn = await pool.getConnection();
  await conn.beginTransaction();
}`,
      errors: [
        {
          messageId: 'neverReleased',
          data: {"name":"conn","release":"conn.release()"},
          line: 4, column: 22, endLine: 4, endColumn: 42,
          suggestions: [
            { messageId: 'wrapInTryFinally', data: {"release":"conn.release();"}, output: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
export async function f() {
  const conn = await pool.getConnection();
  try {
  await conn.beginTransaction();
  } finally {
    conn.release();
  }
}` },
            { messageId: 'useAwaitUsing', data: {"name":"conn"}, output: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
export async function f() {
  await using conn = await pool.getConnection();
  await conn.beginTransaction();
}` },
          ],
        },
      ],
    },
    {
      name: "mysql2/promise: early return",
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
export async function f(id) {
  const conn = await pool.getConnection();
  if (!id) return [];
  try {
    return await conn.execute('SELECT 1');
  } finally {
    conn.release();
  }
}`,
      errors: [
        {
          messageId: 'skippedByJump',
          data: {"name":"conn","release":"conn.release()","jump":"The early return","line":"5"},
          line: 4, column: 22, endLine: 4, endColumn: 42,
        },
      ],
    },
    {
      name: "mysql2 callback: release skipped by an early return in the query callback",
      code: `import mysql from 'mysql2';
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
export function f(cb) {
  pool.getConnection((err, conn) => {
    if (err) return cb(err);
    conn.query('SELECT 1', (error, rows) => {
      if (error) return cb(error);
      conn.release();
      cb(null, rows);
    });
  });
}`,
      errors: [
        {
          messageId: 'skippedByJump',
          data: {"name":"conn","release":"conn.release()","jump":"The early return","line":"7"},
          line: 4, column: 28, endLine: 4, endColumn: 32,
        },
      ],
    },
    {
      name: "mysql2 callback: never released",
      code: `import mysql from 'mysql2';
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
export function f(cb) {
  pool.getConnection((err, conn) => {
    if (err) return cb(err);
    conn.query('SELECT 1', cb);
  });
}`,
      errors: [
        {
          messageId: 'neverReleased',
          data: {"name":"conn","release":"conn.release()"},
          line: 4, column: 28, endLine: 4, endColumn: 32,
        },
      ],
    },
    {
      name: "mariadb: early return skips the release",
      filename: 'file.ts', // `await using` is offered in TypeScript (lowered by tsc); in JavaScript see the engines cases
      code: `import mariadb from 'mariadb';
const pool = mariadb.createPool({ host: 'db' });
export async function f() {
  const conn = await pool.getConnection();
  const rows = await conn.query('SELECT 1');
  if (!rows.length) return null;
  await conn.release();
  return rows;
}`,
      errors: [
        {
          messageId: 'skippedByJump',
          data: {"name":"conn","release":"conn.release()","jump":"The early return","line":"6"},
          line: 4, column: 22, endLine: 4, endColumn: 42,
          suggestions: [
            { messageId: 'wrapInTryFinally', data: {"release":"await conn.release();"}, output: `import mariadb from 'mariadb';
const pool = mariadb.createPool({ host: 'db' });
export async function f() {
  const conn = await pool.getConnection();
  try {
  const rows = await conn.query('SELECT 1');
  if (!rows.length) return null;
  return rows;
  } finally {
    await conn.release();
  }
}` },
            { messageId: 'useAwaitUsing', data: {"name":"conn"}, output: `import mariadb from 'mariadb';
const pool = mariadb.createPool({ host: 'db' });
export async function f() {
  await using conn = await pool.getConnection();
  const rows = await conn.query('SELECT 1');
  if (!rows.length) return null;
  return rows;
}` },
          ],
        },
      ],
    },
    {
      name: "mariadb: never released (await using offered)",
      filename: 'file.ts', // `await using` is offered in TypeScript (lowered by tsc); in JavaScript see the engines cases
      code: `import mariadb from 'mariadb';
const pool = mariadb.createPool({ host: 'db' });
export async function f() {
  const conn = await pool.getConnection();
  return (await conn.query('SELECT 1'))[0];
}`,
      errors: [
        {
          messageId: 'neverReleased',
          data: {"name":"conn","release":"conn.release()"},
          line: 4, column: 22, endLine: 4, endColumn: 42,
          suggestions: [
            { messageId: 'wrapInTryFinally', data: {"release":"await conn.release();"}, output: `import mariadb from 'mariadb';
const pool = mariadb.createPool({ host: 'db' });
export async function f() {
  const conn = await pool.getConnection();
  try {
  return (await conn.query('SELECT 1'))[0];
  } finally {
    await conn.release();
  }
}` },
            { messageId: 'useAwaitUsing', data: {"name":"conn"}, output: `import mariadb from 'mariadb';
const pool = mariadb.createPool({ host: 'db' });
export async function f() {
  await using conn = await pool.getConnection();
  return (await conn.query('SELECT 1'))[0];
}` },
          ],
        },
      ],
    },
    {
      name: "mariadb: released before the query stream is consumed",
      code: `import mariadb from 'mariadb';
const pool = mariadb.createPool({ host: 'db' });
export async function f(res) {
  const conn = await pool.getConnection();
  try {
    const stream = conn.queryStream('SELECT 1');
    stream.pipe(res);
  } finally {
    conn.release();
  }
}`,
      errors: [
        {
          messageId: 'releasedBeforeCursorDone',
          data: {"name":"conn","release":"conn.release()","line":"9","what":"stream"},
          line: 6, column: 20, endLine: 6, endColumn: 48,
        },
      ],
    },
    {
      name: "typeorm: query runner with a transaction never released (no await using: dispose commits)",
      code: `import { DataSource } from 'typeorm';
const ds = new DataSource({ type: 'postgres' });
export async function f() {
  const qr = ds.createQueryRunner();
  await qr.connect();
  await qr.startTransaction();
  await qr.query('UPDATE t SET x = 1');
  await qr.commitTransaction();
}`,
      errors: [
        {
          messageId: 'neverReleased',
          data: {"name":"qr","release":"qr.release()"},
          line: 4, column: 14, endLine: 4, endColumn: 36,
          suggestions: [
            { messageId: 'wrapInTryFinally', data: {"release":"await qr.release();"}, output: `import { DataSource } from 'typeorm';
const ds = new DataSource({ type: 'postgres' });
export async function f() {
  const qr = ds.createQueryRunner();
  try {
  await qr.connect();
  await qr.startTransaction();
  await qr.query('UPDATE t SET x = 1');
  await qr.commitTransaction();
  } finally {
    await qr.release();
  }
}` },
          ],
        },
      ],
    },
    {
      name: "typeorm: query runner without a transaction never released (await using offered)",
      filename: 'file.ts', // `await using` is offered in TypeScript (lowered by tsc); in JavaScript see the engines cases
      code: `import { DataSource } from 'typeorm';
const ds = new DataSource({ type: 'postgres' });
export async function f() {
  const qr = ds.createQueryRunner();
  return qr.query('SELECT 1');
}`,
      errors: [
        {
          messageId: 'neverReleased',
          data: {"name":"qr","release":"qr.release()"},
          line: 4, column: 14, endLine: 4, endColumn: 36,
          suggestions: [
            { messageId: 'wrapInTryFinally', data: {"release":"await qr.release();"}, output: `import { DataSource } from 'typeorm';
const ds = new DataSource({ type: 'postgres' });
export async function f() {
  const qr = ds.createQueryRunner();
  try {
  return await qr.query('SELECT 1');
  } finally {
    await qr.release();
  }
}` },
            { messageId: 'useAwaitUsing', data: {"name":"qr"}, output: `import { DataSource } from 'typeorm';
const ds = new DataSource({ type: 'postgres' });
export async function f() {
  await using qr = ds.createQueryRunner();
  return qr.query('SELECT 1');
}` },
          ],
        },
      ],
    },
    {
      name: "mongodb: session never ended",
      filename: 'file.ts', // `await using` is offered in TypeScript (lowered by tsc); in JavaScript see the engines cases
      code: `import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://db');
export async function f() {
  const session = client.startSession();
  await session.withTransaction(async () => {});
}`,
      errors: [
        {
          messageId: 'neverReleased',
          data: {"name":"session","release":"session.endSession()"},
          line: 4, column: 19, endLine: 4, endColumn: 40,
          suggestions: [
            { messageId: 'wrapInTryFinally', data: {"release":"await session.endSession();"}, output: `import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://db');
export async function f() {
  const session = client.startSession();
  try {
  await session.withTransaction(async () => {});
  } finally {
    await session.endSession();
  }
}` },
            { messageId: 'useAwaitUsing', data: {"name":"session"}, output: `import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://db');
export async function f() {
  await using session = client.startSession();
  await session.withTransaction(async () => {});
}` },
          ],
        },
      ],
    },
    {
      name: "mongodb: session ended outside finally",
      filename: 'file.ts', // `await using` is offered in TypeScript (lowered by tsc); in JavaScript see the engines cases
      code: `import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://db');
export async function f() {
  const session = client.startSession();
  await client.db('app').collection('users').insertOne({}, { session });
  await session.endSession();
}`,
      output: `import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://db');
export async function f() {
  const session = client.startSession();
  try {
  await client.db('app').collection('users').insertOne({}, { session });
  } finally {
    await session.endSession();
  }
}`,
      errors: [
        {
          messageId: 'notExceptionSafe',
          data: {"name":"session","release":"session.endSession()","line":"6"},
          line: 4, column: 19, endLine: 4, endColumn: 40,
          suggestions: [
            { messageId: 'useAwaitUsing', data: {"name":"session"}, output: `import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://db');
export async function f() {
  await using session = client.startSession();
  await client.db('app').collection('users').insertOne({}, { session });
}` },
          ],
        },
      ],
    },
    {
      name: "mongoose: session never ended",
      filename: 'file.ts', // `await using` is offered in TypeScript (lowered by tsc); in JavaScript see the engines cases
      code: `import mongoose from 'mongoose';
export async function f() {
  const session = await mongoose.startSession();
  session.startTransaction();
  await session.commitTransaction();
}`,
      errors: [
        {
          messageId: 'neverReleased',
          data: {"name":"session","release":"session.endSession()"},
          line: 3, column: 25, endLine: 3, endColumn: 48,
          suggestions: [
            { messageId: 'wrapInTryFinally', data: {"release":"await session.endSession();"}, output: `import mongoose from 'mongoose';
export async function f() {
  const session = await mongoose.startSession();
  try {
  session.startTransaction();
  await session.commitTransaction();
  } finally {
    await session.endSession();
  }
}` },
            { messageId: 'useAwaitUsing', data: {"name":"session"}, output: `import mongoose from 'mongoose';
export async function f() {
  await using session = await mongoose.startSession();
  session.startTransaction();
  await session.commitTransaction();
}` },
          ],
        },
      ],
    },
    {
      name: "neo4j: session closed outside finally",
      filename: 'file.ts', // `await using` is offered in TypeScript (lowered by tsc); in JavaScript see the engines cases
      code: `import neo4j from 'neo4j-driver';
const driver = neo4j.driver('bolt://db');
export async function f(id) {
  const session = driver.session();
  const result = await session.run('MATCH (n { id: $id }) RETURN n', { id });
  await session.close();
  return result.records;
}`,
      output: `import neo4j from 'neo4j-driver';
const driver = neo4j.driver('bolt://db');
export async function f(id) {
  const session = driver.session();
  try {
  const result = await session.run('MATCH (n { id: $id }) RETURN n', { id });
  return result.records;
  } finally {
    await session.close();
  }
}`,
      errors: [
        {
          messageId: 'notExceptionSafe',
          data: {"name":"session","release":"session.close()","line":"6"},
          line: 4, column: 19, endLine: 4, endColumn: 35,
          suggestions: [
            { messageId: 'useAwaitUsing', data: {"name":"session"}, output: `import neo4j from 'neo4j-driver';
const driver = neo4j.driver('bolt://db');
export async function f(id) {
  await using session = driver.session();
  const result = await session.run('MATCH (n { id: $id }) RETURN n', { id });
  return result.records;
}` },
          ],
        },
      ],
    },
    {
      name: "neo4j: session never closed",
      filename: 'file.ts', // `await using` is offered in TypeScript (lowered by tsc); in JavaScript see the engines cases
      code: `import neo4j from 'neo4j-driver';
const driver = neo4j.driver('bolt://db');
export async function f() {
  const session = driver.session();
  return session.executeRead((tx) => tx.run('RETURN 1'));
}`,
      errors: [
        {
          messageId: 'neverReleased',
          data: {"name":"session","release":"session.close()"},
          line: 4, column: 19, endLine: 4, endColumn: 35,
          suggestions: [
            { messageId: 'wrapInTryFinally', data: {"release":"await session.close();"}, output: `import neo4j from 'neo4j-driver';
const driver = neo4j.driver('bolt://db');
export async function f() {
  const session = driver.session();
  try {
  return await session.executeRead((tx) => tx.run('RETURN 1'));
  } finally {
    await session.close();
  }
}` },
            { messageId: 'useAwaitUsing', data: {"name":"session"}, output: `import neo4j from 'neo4j-driver';
const driver = neo4j.driver('bolt://db');
export async function f() {
  await using session = driver.session();
  return session.executeRead((tx) => tx.run('RETURN 1'));
}` },
          ],
        },
      ],
    },
    {
      name: "oracledb: pooled connection closed outside finally",
      filename: 'file.ts', // `await using` is offered in TypeScript (lowered by tsc); in JavaScript see the engines cases
      code: `import oracledb from 'oracledb';
export async function f() {
  const conn = await oracledb.getConnection();
  const result = await conn.execute('SELECT 1 FROM dual');
  await conn.close();
  return result.rows;
}`,
      output: `import oracledb from 'oracledb';
export async function f() {
  const conn = await oracledb.getConnection();
  try {
  const result = await conn.execute('SELECT 1 FROM dual');
  return result.rows;
  } finally {
    await conn.close();
  }
}`,
      errors: [
        {
          messageId: 'notExceptionSafe',
          data: {"name":"conn","release":"conn.close()","line":"5"},
          line: 3, column: 22, endLine: 3, endColumn: 46,
          suggestions: [
            { messageId: 'useAwaitUsing', data: {"name":"conn"}, output: `import oracledb from 'oracledb';
export async function f() {
  await using conn = await oracledb.getConnection();
  const result = await conn.execute('SELECT 1 FROM dual');
  return result.rows;
}` },
          ],
        },
      ],
    },
    {
      name: "oracledb: unguarded close in a finally whose try acquires",
      code: `import oracledb from 'oracledb';
export async function f() {
  let conn;
  try {
    conn = await oracledb.getConnection('hr');
    return (await conn.execute('SELECT 1 FROM dual')).rows;
  } finally {
    await conn.close();
  }
}`,
      errors: [
        {
          messageId: 'unguardedRelease',
          data: {"name":"conn","release":"conn.close()"},
          line: 8, column: 11, endLine: 8, endColumn: 23,
          suggestions: [
            { messageId: 'guardRelease', data: {"guarded":"conn?.close()"}, output: `import oracledb from 'oracledb';
export async function f() {
  let conn;
  try {
    conn = await oracledb.getConnection('hr');
    return (await conn.execute('SELECT 1 FROM dual')).rows;
  } finally {
    await conn?.close();
  }
}` },
          ],
        },
      ],
    },
    {
      name: "mssql: prepared statement unprepared outside finally",
      code: `import sql from 'mssql';
const pool = new sql.ConnectionPool({ server: 'db' });
export async function f() {
  const ps = new sql.PreparedStatement(pool);
  await ps.prepare('SELECT 1');
  const result = await ps.execute({});
  await ps.unprepare();
  return result;
}`,
      output: `import sql from 'mssql';
const pool = new sql.ConnectionPool({ server: 'db' });
export async function f() {
  const ps = new sql.PreparedStatement(pool);
  try {
  await ps.prepare('SELECT 1');
  const result = await ps.execute({});
  return result;
  } finally {
    await ps.unprepare();
  }
}`,
      errors: [
        {
          messageId: 'notExceptionSafe',
          data: {"name":"ps","release":"ps.unprepare()","line":"7"},
          line: 4, column: 14, endLine: 4, endColumn: 45,
        },
      ],
    },
    {
      name: "pg-promise: done() outside finally (autofix)",
      code: `import pgPromise from 'pg-promise';
const pgp = pgPromise();
const db = pgp('postgres://db');
export async function f() {
  const sco = await db.connect();
  const rows = await sco.any('SELECT 1');
  sco.done();
  return rows;
}`,
      output: `import pgPromise from 'pg-promise';
const pgp = pgPromise();
const db = pgp('postgres://db');
export async function f() {
  const sco = await db.connect();
  try {
  const rows = await sco.any('SELECT 1');
  return rows;
  } finally {
    sco.done();
  }
}`,
      errors: [
        {
          messageId: 'notExceptionSafe',
          data: {"name":"sco","release":"sco.done()","line":"7"},
          line: 5, column: 21, endLine: 5, endColumn: 33,
        },
      ],
    },
    {
      name: "pg-promise: done() never called",
      code: `import pgPromise from 'pg-promise';
const pgp = pgPromise();
const db = pgp('postgres://db');
export async function f() {
  const sco = await db.connect();
  return sco.any('SELECT 1');
}`,
      errors: [
        {
          messageId: 'neverReleased',
          data: {"name":"sco","release":"sco.done()"},
          line: 5, column: 21, endLine: 5, endColumn: 33,
          suggestions: [
            { messageId: 'wrapInTryFinally', data: {"release":"sco.done();"}, output: `import pgPromise from 'pg-promise';
const pgp = pgPromise();
const db = pgp('postgres://db');
export async function f() {
  const sco = await db.connect();
  try {
  return await sco.any('SELECT 1');
  } finally {
    sco.done();
  }
}` },
          ],
        },
      ],
    },
    {
      name: "generic-pool: resource never released",
      code: `import { createPool } from 'generic-pool';
const pool = createPool({ create: async () => ({}), destroy: async () => {} }, { max: 2 });
const work = async (r) => r;
export async function f() {
  const resource = await pool.acquire();
  await work(resource);
}`,
      errors: [
        {
          messageId: 'neverReleased',
          data: {"name":"resource","release":"pool.release(resource)"},
          line: 5, column: 26, endLine: 5, endColumn: 40,
          suggestions: [
            { messageId: 'wrapInTryFinally', data: {"release":"await pool.release(resource);"}, output: `import { createPool } from 'generic-pool';
const pool = createPool({ create: async () => ({}), destroy: async () => {} }, { max: 2 });
const work = async (r) => r;
export async function f() {
  const resource = await pool.acquire();
  try {
  await work(resource);
  } finally {
    await pool.release(resource);
  }
}` },
          ],
        },
      ],
    },
    {
      name: "generic-pool: early return skips pool.release(resource)",
      code: `import { createPool } from 'generic-pool';
const pool = createPool({ create: async () => ({}), destroy: async () => {} }, { max: 2 });
const work = async (r) => r;
export async function f(skip) {
  const resource = await pool.acquire();
  if (skip) return;
  await pool.release(resource);
}`,
      errors: [
        {
          messageId: 'skippedByJump',
          data: {"name":"resource","release":"pool.release(resource)","jump":"The early return","line":"6"},
          line: 5, column: 26, endLine: 5, endColumn: 40,
          suggestions: [
            { messageId: 'wrapInTryFinally', data: {"release":"await pool.release(resource);"}, output: `import { createPool } from 'generic-pool';
const pool = createPool({ create: async () => ({}), destroy: async () => {} }, { max: 2 });
const work = async (r) => r;
export async function f(skip) {
  const resource = await pool.acquire();
  try {
  if (skip) return;
  } finally {
    await pool.release(resource);
  }
}` },
          ],
        },
      ],
    },
    {
      name: "custom resource: never released (the suggestion awaits the async release)",
      code: `import { acquireDb } from '@acme/db';
export async function f() {
  const db = await acquireDb();
  await db.sql('SELECT 1');
}`,
      settings: { 'connection-hygiene': {"resources":[{"id":"acme-db","modules":["@acme/db"],"exports":[{"path":["acquireDb"],"via":"call","shape":"Handle","awaited":true}],"shapes":{"Handle":{"role":"lease","release":["dispose"],"asyncRelease":["dispose"],"queries":["sql"]}}}]} },
      errors: [
        {
          messageId: 'neverReleased',
          data: {"name":"db","release":"db.dispose()"},
          line: 3, column: 20, endLine: 3, endColumn: 31,
          suggestions: [
            { messageId: 'wrapInTryFinally', data: {"release":"await db.dispose();"}, output: `import { acquireDb } from '@acme/db';
export async function f() {
  const db = await acquireDb();
  try {
  await db.sql('SELECT 1');
  } finally {
    await db.dispose();
  }
}` },
          ],
        },
      ],
    },
    {
      name: "custom resource: early return",
      code: `import { acquireDb } from '@acme/db';
export async function f(x) {
  const db = await acquireDb();
  if (x) return;
  await db.dispose();
}`,
      settings: { 'connection-hygiene': {"resources":[{"id":"acme-db","modules":["@acme/db"],"exports":[{"path":["acquireDb"],"via":"call","shape":"Handle","awaited":true}],"shapes":{"Handle":{"role":"lease","release":["dispose"],"asyncRelease":["dispose"],"queries":["sql"]}}}]} },
      errors: [
        {
          messageId: 'skippedByJump',
          data: {"name":"db","release":"db.dispose()","jump":"The early return","line":"4"},
          line: 3, column: 20, endLine: 3, endColumn: 31,
          suggestions: [
            { messageId: 'wrapInTryFinally', data: {"release":"await db.dispose();"}, output: `import { acquireDb } from '@acme/db';
export async function f(x) {
  const db = await acquireDb();
  try {
  if (x) return;
  } finally {
    await db.dispose();
  }
}` },
          ],
        },
      ],
    },
    {
      name: "ownershipFunctions: an unlisted function does not",
      code: `import { Pool } from 'pg';
import { log } from './log.js';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  log(client);
}`,
      settings: { 'connection-hygiene': {"ownershipFunctions":["withClient"]} },
      errors: [
        {
          messageId: 'neverReleased',
          data: {"name":"client","release":"client.release()"},
          line: 5, column: 24, endLine: 5, endColumn: 38,
          suggestions: [
            { messageId: 'wrapInTryFinally', data: {"release":"client.release();"}, output: `import { Pool } from 'pg';
import { log } from './log.js';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  try {
  log(client);
  } finally {
    client.release();
  }
}` },
          ],
        },
      ],
    },
    {
      name: "autofix \"all\": the first suggestion becomes the fix",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  await client.query('SELECT 1');
}`,
      settings: { 'connection-hygiene': {"autofix":"all"} },
      output: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  try {
  await client.query('SELECT 1');
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'neverReleased',
          data: {"name":"client","release":"client.release()"},
          line: 4, column: 24, endLine: 4, endColumn: 38,
          suggestions: [
            { messageId: 'wrapInTryFinally', data: {"release":"client.release();"}, output: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  try {
  await client.query('SELECT 1');
  } finally {
    client.release();
  }
}` },
          ],
        },
      ],
    },
    {
      name: "autofix \"all\": the ?. guard becomes the fix",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  let client;
  try {
    client = await pool.connect();
    await client.query('select 1');
  } finally {
    client.release();
  }
}`,
      settings: { 'connection-hygiene': {"autofix":"all"} },
      output: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  let client;
  try {
    client = await pool.connect();
    await client.query('select 1');
  } finally {
    client?.release();
  }
}`,
      errors: [
        {
          messageId: 'unguardedRelease',
          data: {"name":"client","release":"client.release()"},
          line: 9, column: 5, endLine: 9, endColumn: 21,
          suggestions: [
            { messageId: 'guardRelease', data: {"guarded":"client?.release()"}, output: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  let client;
  try {
    client = await pool.connect();
    await client.query('select 1');
  } finally {
    client?.release();
  }
}` },
          ],
        },
      ],
    },
    {
      name: "pg: a holder object that stays local is not a hand-off",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function count() {
  const client = await pool.connect();
  const holder = { client };
  const { rows } = await holder.client.query('SELECT 1');
  return rows;
}`,
      errors: [
        {
          messageId: 'neverReleased',
          data: {"name": "client", "release": "client.release()"},
          line: 4, column: 24, endLine: 4, endColumn: 38,
          suggestions: [
            { messageId: 'wrapInTryFinally', data: {"release": "client.release();"}, output: `import { Pool } from 'pg';
const pool = new Pool();
export async function count() {
  const client = await pool.connect();
  try {
  const holder = { client };
  const { rows } = await holder.client.query('SELECT 1');
  return rows;
  } finally {
    client.release();
  }
}` },
          ],
        },
      ],
    },
    {
      name: "pg: a fresh local holder passed to a function that only reads it is not a hand-off",
      code: `import { Pool } from 'pg';
import { log } from './log.js';
const pool = new Pool();
export async function count() {
  const client = await pool.connect();
  const db = {};
  db.client = client;
  log(db);
  const { rows } = await db.client.query('SELECT 1');
  return rows;
}`,
      errors: [
        {
          messageId: 'neverReleased',
          data: {"name": "client", "release": "client.release()"},
          line: 5, column: 24, endLine: 5, endColumn: 38,
          suggestions: [
            { messageId: 'wrapInTryFinally', data: {"release": "client.release();"}, output: `import { Pool } from 'pg';
import { log } from './log.js';
const pool = new Pool();
export async function count() {
  const client = await pool.connect();
  try {
  const db = {};
  db.client = client;
  log(db);
  const { rows } = await db.client.query('SELECT 1');
  return rows;
  } finally {
    client.release();
  }
}` },
          ],
        },
      ],
    },
    {
      name: "pg: lending the lease to a callback (`await fn(client)`) is not a hand-off",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function withClient(fn) {
  const client = await pool.connect();
  const result = await fn(client);
  client.release();
  return result;
}`,
      output: `import { Pool } from 'pg';
const pool = new Pool();
export async function withClient(fn) {
  const client = await pool.connect();
  try {
  const result = await fn(client);
  return result;
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'notExceptionSafe',
          data: {"name": "client", "release": "client.release()", "line": "6"},
          line: 4, column: 24, endLine: 4, endColumn: 38,
        },
      ],
    },
    {
      name: "redis: client.destroy() after expectations is skipped when one fails (connect-redis index_test \"defaults\")",
      code: `import { createClient } from 'redis';
import { expect, test } from 'vitest';
import { RedisStore } from './index.js';

test('defaults', async () => {
  let client = createClient({ url: 'redis://localhost:6379' });
  await client.connect();
  let store = new RedisStore({ client });
  expect(store.client).toBeDefined();
  expect(store.prefix).toBe('sess:');
  client.destroy();
});`,
      output: `import { createClient } from 'redis';
import { expect, test } from 'vitest';
import { RedisStore } from './index.js';

test('defaults', async () => {
  let client = createClient({ url: 'redis://localhost:6379' });
  try {
  await client.connect();
  let store = new RedisStore({ client });
  expect(store.client).toBeDefined();
  expect(store.prefix).toBe('sess:');
  } finally {
    client.destroy();
  }
});`,
      errors: [
        {
          messageId: 'notExceptionSafe',
          data: {"name": "client", "release": "client.destroy()", "line": "11"},
          line: 6, column: 16, endLine: 6, endColumn: 63,
        },
      ],
    },
    {
      name: "redis: client.destroy() after an awaited helper is skipped when it throws (connect-redis index_test \"redis\")",
      code: `import { createClient } from 'redis';
import { expect, test } from 'vitest';
import { RedisStore } from './index.js';

test('redis', async () => {
  let client = createClient({ url: 'redis://localhost:6379' });
  await client.connect();
  let store = new RedisStore({ client });
  await lifecycleTest(store, client);
  client.destroy();
});

async function lifecycleTest(store, client) {
  await store.set('123', { foo: 'bar' });
  expect(await client.ttl('sess:123')).toBeGreaterThanOrEqual(86399);
}`,
      output: `import { createClient } from 'redis';
import { expect, test } from 'vitest';
import { RedisStore } from './index.js';

test('redis', async () => {
  let client = createClient({ url: 'redis://localhost:6379' });
  try {
  await client.connect();
  let store = new RedisStore({ client });
  await lifecycleTest(store, client);
  } finally {
    client.destroy();
  }
});

async function lifecycleTest(store, client) {
  await store.set('123', { foo: 'bar' });
  expect(await client.ttl('sess:123')).toBeGreaterThanOrEqual(86399);
}`,
      errors: [
        {
          messageId: 'notExceptionSafe',
          data: {"name": "client", "release": "client.destroy()", "line": "10"},
          line: 6, column: 16, endLine: 6, endColumn: 63,
        },
      ],
    },
    // catalog additions: pre-0.3/1.x entry points and drivers seen in real code
    {
      name: "typeorm 0.3: a query runner from getConnectionManager().get() released outside finally",
      filename: 'file.ts', // `await using` is offered in TypeScript (lowered by tsc); in JavaScript see the engines cases
      code: `import { getConnectionManager } from 'typeorm';
export async function countUsers() {
  const runner = getConnectionManager().get('reports').createQueryRunner();
  await runner.connect();
  const rows = await runner.query('select count(*) from users');
  await runner.release();
  return rows;
}`,
      output: `import { getConnectionManager } from 'typeorm';
export async function countUsers() {
  const runner = getConnectionManager().get('reports').createQueryRunner();
  try {
  await runner.connect();
  const rows = await runner.query('select count(*) from users');
  return rows;
  } finally {
    await runner.release();
  }
}`,
      errors: [
        { messageId: 'notExceptionSafe', data: {"release":"runner.release()","line":"6","name":"runner"}, line: 3, column: 18, endLine: 3, endColumn: 75,
          suggestions: [
            { messageId: 'useAwaitUsing', data: {"name":"runner"}, output: `import { getConnectionManager } from 'typeorm';
export async function countUsers() {
  await using runner = getConnectionManager().get('reports').createQueryRunner();
  await runner.connect();
  const rows = await runner.query('select count(*) from users');
  return rows;
}` },
          ],
        },
      ],
    },
    {
      name: "oracledb: a connection from getPool(alias) closed outside finally",
      filename: 'file.ts', // `await using` is offered in TypeScript (lowered by tsc); in JavaScript see the engines cases
      code: `import oracledb from 'oracledb';
export async function employees() {
  const pool = oracledb.getPool('hr');
  const conn = await pool.getConnection();
  const result = await conn.execute('select * from emp');
  await conn.close();
  return result.rows;
}`,
      output: `import oracledb from 'oracledb';
export async function employees() {
  const pool = oracledb.getPool('hr');
  const conn = await pool.getConnection();
  try {
  const result = await conn.execute('select * from emp');
  return result.rows;
  } finally {
    await conn.close();
  }
}`,
      errors: [
        { messageId: 'notExceptionSafe', data: {"release":"conn.close()","line":"6","name":"conn"}, line: 4, column: 22, endLine: 4, endColumn: 42,
          suggestions: [
            { messageId: 'useAwaitUsing', data: {"name":"conn"}, output: `import oracledb from 'oracledb';
export async function employees() {
  const pool = oracledb.getPool('hr');
  await using conn = await pool.getConnection();
  const result = await conn.execute('select * from emp');
  return result.rows;
}` },
          ],
        },
      ],
    },
    {
      name: "oracledb: the callback form of getPool().getConnection() returns early without closing",
      code: `import oracledb from 'oracledb';
export function employees(cb) {
  oracledb.getPool().getConnection((err, conn) => {
    if (err) return cb(err);
    conn.execute('select * from emp', (e, result) => {
      if (e) return cb(e);
      conn.close(() => cb(null, result.rows));
    });
  });
}`,
      errors: [
        { messageId: 'skippedByJump', data: {"jump":"The early return","line":"6","name":"conn","release":"conn.close()"}, line: 3, column: 42, endLine: 3, endColumn: 46 },
      ],
    },
    {
      name: "neo4j-driver 1.x: neo4j.v1.driver() session closed outside finally",
      code: `const neo4j = require('neo4j-driver');
const driver = neo4j.v1.driver('bolt://graph');
async function friendsOf(name) {
  const session = driver.session();
  const result = await session.run('MATCH (:Person {name: $name})-[:KNOWS]->(f) RETURN f', { name });
  session.close();
  return result.records;
}
module.exports = friendsOf;`,
      output: `const neo4j = require('neo4j-driver');
const driver = neo4j.v1.driver('bolt://graph');
async function friendsOf(name) {
  const session = driver.session();
  try {
  const result = await session.run('MATCH (:Person {name: $name})-[:KNOWS]->(f) RETURN f', { name });
  return result.records;
  } finally {
    session.close();
  }
}
module.exports = friendsOf;`,
      errors: [
        { messageId: 'notExceptionSafe', data: {"release":"session.close()","line":"6","name":"session"}, line: 4, column: 19, endLine: 4, endColumn: 35 },
      ],
    },
    {
      name: "snowflake-sdk: a connection destroyed only on the success path",
      code: `import snowflake from 'snowflake-sdk';
export async function warehouseRows(options, runSql) {
  const connection = snowflake.createConnection(options);
  await connection.connectAsync();
  const rows = await runSql(connection, 'select * from orders');
  connection.destroy(() => {});
  return rows;
}`,
      output: `import snowflake from 'snowflake-sdk';
export async function warehouseRows(options, runSql) {
  const connection = snowflake.createConnection(options);
  try {
  await connection.connectAsync();
  const rows = await runSql(connection, 'select * from orders');
  return rows;
  } finally {
    connection.destroy(() => {});
  }
}`,
      errors: [
        { messageId: 'notExceptionSafe', data: {"release":"connection.destroy()","line":"6","name":"connection"}, line: 3, column: 22, endLine: 3, endColumn: 57 },
      ],
    },
    {
      name: "@databricks/sql: a session closed only on the success path",
      code: `import { DBSQLClient } from '@databricks/sql';
const client = new DBSQLClient();
export async function tables() {
  const session = await client.openSession();
  const operation = await session.executeStatement('show tables');
  const rows = await operation.fetchAll();
  await session.close();
  return rows;
}`,
      output: `import { DBSQLClient } from '@databricks/sql';
const client = new DBSQLClient();
export async function tables() {
  const session = await client.openSession();
  try {
  const operation = await session.executeStatement('show tables');
  const rows = await operation.fetchAll();
  return rows;
  } finally {
    await session.close();
  }
}`,
      errors: [
        { messageId: 'notExceptionSafe', data: {"release":"session.close()","line":"7","name":"session"}, line: 4, column: 25, endLine: 4, endColumn: 45 },
      ],
    },
    {
      name: "serverless-mysql: a function-local instance ended only on the success path",
      code: `import serverlessMysql from 'serverless-mysql';
export async function oneOff(config) {
  const db = serverlessMysql({ config });
  const rows = await db.query('select 1');
  await db.end();
  return rows;
}`,
      output: `import serverlessMysql from 'serverless-mysql';
export async function oneOff(config) {
  const db = serverlessMysql({ config });
  try {
  const rows = await db.query('select 1');
  return rows;
  } finally {
    await db.end();
  }
}`,
      errors: [
        { messageId: 'notExceptionSafe', data: {"release":"db.end()","line":"5","name":"db"}, line: 3, column: 14, endLine: 3, endColumn: 41 },
      ],
    },
  ],
});
