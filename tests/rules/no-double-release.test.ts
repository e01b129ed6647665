import rule from '../../rules/no-double-release.js';
import { runRuleTests } from '../rule-tester.js';

// Double releases and uses after release per path shape (pg), then per driver family and a custom
// resource; valid cases for exclusive branches, guards, listeners and loops.

runRuleTests('no-double-release', rule, {
  valid: [
    {
      name: 'review: a status check after commit (trx.isCompleted()) is not a use of the connection',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function f() {
  const trx = await db.transaction();
  try {
    await trx('t').insert({ a: 1 });
    await trx.commit();
  } catch (e) {
    await trx.rollback();
    throw e;
  }
  return trx.isCompleted();
}`,
    },
    {
      name: "pg: released once in finally",
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
      name: "pg: released in try and catch (exclusive after the last throwing statement)",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  try {
    await client.query('select 1');
    client.release();
  } catch (error) {
    client.release(error);
    throw error;
  }
}`,
    },
    {
      name: "pg: release in catch returns, release after the try",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  try {
    await client.query('select 1');
  } catch (error) {
    client.release(error);
    return;
  }
  client.release();
}`,
    },
    {
      name: "pg: if/else branches are exclusive",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(bad) {
  const client = await pool.connect();
  if (bad) client.release(true);
  else client.release();
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
    released = true;
    client.release();
  } finally {
    if (!released) {
      released = true;
      client.release();
    }
  }
}`,
    },
    {
      name: "pg: release-once guard on a field",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export class Lease {
  released = false;
  async run() {
    this.client = await pool.connect();
    const client = await pool.connect();
    try {
      await client.query('select 1');
      if (!this.released) {
        this.released = true;
        client.release();
      }
    } finally {
      if (!this.released) {
        this.released = true;
        client.release();
      }
    }
  }
}`,
    },
    {
      name: "pg: acquire per iteration, release per iteration",
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
      name: "pg: reassigned in the loop before each release",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(ids) {
  let client;
  for (const id of ids) {
    client = await pool.connect();
    await client.query('select $1', [id]);
    client.release();
  }
}`,
    },
    {
      name: "pg: end and error listeners are exclusive",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(stream) {
  const client = await pool.connect();
  stream.on('end', () => client.release());
  stream.on('error', (e) => client.release(e));
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
      name: "pg: callback form, done on exclusive paths",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export function f(cb) {
  pool.connect((err, client, done) => {
    if (err) return cb(err);
    client.query('select 1', (error, result) => {
      if (error) {
        done(error);
        return cb(error);
      }
      done();
      cb(null, result);
    });
  });
}`,
    },
    {
      name: "pg: floating query followed by an awaited one before the release",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  try {
    client.query('BEGIN');
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}`,
    },
    {
      name: "pg: break out of try/finally, release once",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(ids) {
  const client = await pool.connect();
  try {
    for (const id of ids) {
      if (!id) break;
      await client.query('select $1', [id]);
    }
  } finally {
    client.release();
  }
}`,
    },
    {
      name: "pg: released by a method called in finally",
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
      name: "pg: method reference is not a release",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(handlers) {
  const client = await pool.connect();
  handlers.push(client.release);
  try {
    await client.query('select 1');
  } finally {
    client.release();
  }
}`,
    },
    {
      name: "mysql2 callback: released once per path",
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
      name: "odd syntax: optional chains and computed members",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool?.['connect']();
  try {
    await client!.query('select 1');
  } finally {
    client?.release?.();
  }
}`,
    },
    {
      name: "pg: a pool ended in finally inside a loop is not a lease",
      code: `const { Pool } = require('pg');
async function pingAll(urls) {
  for (const connectionString of urls) {
    const pool = new Pool({ connectionString });
    try {
      await pool.query('SELECT 1');
    } finally {
      await pool.end();
    }
  }
}
module.exports = { pingAll };`,
    },
    {
      name: 'no driver import and no release of the result: no evidence of a lease, silent',
      code: `export async function f(socket) {
  const conn = await socket.connect();
  conn.send('x');
  conn.send('y');
}`,
    },
  ],
  invalid: [
    {
      name: 'no driver import, but the code itself says it is a lease (connect() … release()): evidence',
      code: `export async function f(pool) {
  const client = await pool.connect();
  client.release();
  client.release();
}`,
      errors: [{ messageId: 'releasedTwice', data: { release: 'client.release()', name: 'client', first: 'client.release()', line: '3' }, line: 4, column: 3, endLine: 4, endColumn: 19 }],
    },
    {
      name: "pg: released in try and again in finally",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  try {
    await client.query('select 1');
    client.release();
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'releasedTwice',
          data: {"release":"client.release()","name":"client","first":"client.release()","line":"7"},
          line: 9, column: 5, endLine: 9, endColumn: 21,
          suggestions: [
            { messageId: 'removeEarlierRelease', data: {"first":"client.release()","line":"7"}, output: `import { Pool } from 'pg';
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
      name: "pg: released in catch and again in finally",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  try {
    await client.query('select 1');
  } catch (error) {
    client.release(error);
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'releasedTwice',
          data: {"release":"client.release()","name":"client","first":"client.release()","line":"8"},
          line: 10, column: 5, endLine: 10, endColumn: 21,
          suggestions: [
            { messageId: 'removeEarlierRelease', data: {"first":"client.release()","line":"8"}, output: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  try {
    await client.query('select 1');
  } catch (error) {
  } finally {
    client.release();
  }
}` },
          ],
        },
      ],
    },
    {
      name: "pg: two sequential releases",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  try {
    await client.query('select 1');
  } finally {
    client.release();
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'releasedTwice',
          data: {"release":"client.release()","name":"client","first":"client.release()","line":"8"},
          line: 9, column: 5, endLine: 9, endColumn: 21,
        },
      ],
    },
    {
      name: "pg: released in try, then something throws into a releasing catch",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(notify) {
  const client = await pool.connect();
  try {
    await client.query('select 1');
    client.release();
    await notify();
  } catch (error) {
    client.release(error);
    throw error;
  }
}`,
      errors: [
        {
          messageId: 'releasedTwice',
          data: {"release":"client.release()","name":"client","first":"client.release()","line":"7"},
          line: 10, column: 5, endLine: 10, endColumn: 26,
        },
      ],
    },
    {
      name: "pg: released in a branch, then again after it",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(done) {
  const client = await pool.connect();
  if (done) client.release();
  await client.query('select 1');
  client.release();
}`,
      errors: [
        {
          messageId: 'usedAfterRelease',
          data: {"use":"client.query()","release":"client.release()","line":"5","name":"client"},
          line: 6, column: 9, endLine: 6, endColumn: 33,
        },
        {
          messageId: 'releasedTwice',
          data: {"release":"client.release()","name":"client","first":"client.release()","line":"5"},
          line: 7, column: 3, endLine: 7, endColumn: 19,
        },
      ],
    },
    {
      name: "pg: switch fall-through releases twice",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(kind) {
  const client = await pool.connect();
  switch (kind) {
    case 1:
      client.release();
      break;
    case 2:
      client.release();
    default:
      client.release();
  }
}`,
      errors: [
        {
          messageId: 'releasedTwice',
          data: {"release":"client.release()","name":"client","first":"client.release()","line":"10"},
          line: 12, column: 7, endLine: 12, endColumn: 23,
        },
      ],
    },
    {
      name: "pg: released inside a loop, acquired before it",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(ids) {
  const client = await pool.connect();
  for (const id of ids) {
    await client.query('select $1', [id]);
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'usedAfterRelease',
          data: {"use":"client.query()","release":"client.release()","line":"7","name":"client"},
          line: 6, column: 11, endLine: 6, endColumn: 42,
        },
        {
          messageId: 'releasedAgainInLoop',
          data: {"release":"client.release()","name":"client"},
          line: 7, column: 5, endLine: 7, endColumn: 21,
        },
      ],
    },
    {
      name: "pg: query after release",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  client.release();
  return client.query('select 1');
}`,
      errors: [
        {
          messageId: 'usedAfterRelease',
          data: {"use":"client.query()","release":"client.release()","line":"5","name":"client"},
          line: 6, column: 10, endLine: 6, endColumn: 34,
        },
      ],
    },
    {
      name: "pg: query after a release in the finally of a labelled loop",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(groups) {
  const client = await pool.connect();
  outer: for (const group of groups) {
    try {
      if (!group) break outer;
    } finally {
      client.release();
    }
  }
  await client.query('select 1');
}`,
      errors: [
        {
          messageId: 'releasedAgainInLoop',
          data: {"release":"client.release()","name":"client"},
          line: 9, column: 7, endLine: 9, endColumn: 23,
        },
        {
          messageId: 'usedAfterRelease',
          data: {"use":"client.query()","release":"client.release()","line":"9","name":"client"},
          line: 12, column: 9, endLine: 12, endColumn: 33,
        },
      ],
    },
    {
      name: "pg: query still pending when the release runs",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  try {
    client.query('INSERT INTO log VALUES (1)');
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'pendingAtRelease',
          data: {"release":"client.release()","line":"8","name":"client"},
          line: 6, column: 5, endLine: 6, endColumn: 47,
          suggestions: [
            { messageId: 'awaitQuery', output: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  try {
    await client.query('INSERT INTO log VALUES (1)');
  } finally {
    client.release();
  }
}` },
          ],
        },
      ],
    },
    {
      name: "pg: callback form, done called twice",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export function f() {
  pool.connect((err, client, done) => {
    if (err) return;
    client.query('select 1', () => {
      done();
    });
    done();
  });
}`,
      errors: [
        {
          messageId: 'releasedTwice',
          data: {"release":"done()","name":"client","first":"done()","line":"7"},
          line: 9, column: 5, endLine: 9, endColumn: 11,
        },
      ],
    },
    {
      name: "pg: released in end and close listeners (both fire)",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(stream) {
  const client = await pool.connect();
  stream.on('end', () => client.release());
  stream.on('close', () => client.release());
}`,
      errors: [
        {
          messageId: 'releasedTwice',
          data: {"release":"client.release()","name":"client","first":"client.release()","line":"5"},
          line: 6, column: 28, endLine: 6, endColumn: 44,
        },
      ],
    },
    {
      name: "pg: released in then and finally of one chain",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  return client.query('select 1').then(() => client.release()).finally(() => client.release());
}`,
      errors: [
        {
          messageId: 'releasedTwice',
          data: {"release":"client.release()","name":"client","first":"client.release()","line":"5"},
          line: 5, column: 78, endLine: 5, endColumn: 94,
        },
      ],
    },
    {
      name: "pg: async arrow releases twice",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export const f = async () => {
  const client = await pool.connect();
  client.release();
  client.release();
};`,
      errors: [
        {
          messageId: 'releasedTwice',
          data: {"release":"client.release()","name":"client","first":"client.release()","line":"5"},
          line: 6, column: 3, endLine: 6, endColumn: 19,
        },
      ],
    },
    {
      name: "pg: class method uses the client after release",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export class Repo {
  async run() {
    const client = await pool.connect();
    client.release();
    await client.query('select 1');
  }
}`,
      errors: [
        {
          messageId: 'usedAfterRelease',
          data: {"use":"client.query()","release":"client.release()","line":"6","name":"client"},
          line: 7, column: 11, endLine: 7, endColumn: 35,
        },
      ],
    },
    {
      name: "pg: generator releases twice",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function* rows() {
  const client = await pool.connect();
  try {
    yield await client.query('select 1');
    client.release();
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'releasedTwice',
          data: {"release":"client.release()","name":"client","first":"client.release()","line":"7"},
          line: 9, column: 5, endLine: 9, endColumn: 21,
          suggestions: [
            { messageId: 'removeEarlierRelease', data: {"first":"client.release()","line":"7"}, output: `import { Pool } from 'pg';
const pool = new Pool();
export async function* rows() {
  const client = await pool.connect();
  try {
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
      name: "mysql2/promise: released in try and finally",
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
export async function f() {
  const conn = await pool.getConnection();
  try {
    await conn.query('SELECT 1');
    conn.release();
  } finally {
    conn.release();
  }
}`,
      errors: [
        {
          messageId: 'releasedTwice',
          data: {"release":"conn.release()","name":"conn","first":"conn.release()","line":"7"},
          line: 9, column: 5, endLine: 9, endColumn: 19,
          suggestions: [
            { messageId: 'removeEarlierRelease', data: {"first":"conn.release()","line":"7"}, output: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
export async function f() {
  const conn = await pool.getConnection();
  try {
    await conn.query('SELECT 1');
  } finally {
    conn.release();
  }
}` },
          ],
        },
      ],
    },
    {
      name: "mysql2/promise: query after pool.releaseConnection(conn)",
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
export async function f() {
  const conn = await pool.getConnection();
  pool.releaseConnection(conn);
  await conn.query('SELECT 1');
}`,
      errors: [
        {
          messageId: 'usedAfterRelease',
          data: {"use":"conn.query()","release":"pool.releaseConnection(conn)","line":"5","name":"conn"},
          line: 6, column: 9, endLine: 6, endColumn: 31,
        },
      ],
    },
    {
      name: "mysql2 callback: released twice in the query callback",
      code: `import mysql from 'mysql2';
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
export function f(cb) {
  pool.getConnection((err, conn) => {
    if (err) return cb(err);
    conn.query('SELECT 1', (error, rows) => {
      conn.release();
      cb(error, rows);
      conn.release();
    });
  });
}`,
      errors: [
        {
          messageId: 'releasedTwice',
          data: {"release":"conn.release()","name":"conn","first":"conn.release()","line":"7"},
          line: 9, column: 7, endLine: 9, endColumn: 21,
        },
      ],
    },
    {
      name: "mariadb: released and then destroyed",
      code: `import mariadb from 'mariadb';
const pool = mariadb.createPool({ host: 'db' });
export async function f() {
  const conn = await pool.getConnection();
  try {
    await conn.query('SELECT 1');
  } finally {
    await conn.release();
    conn.destroy();
  }
}`,
      errors: [
        {
          messageId: 'releasedTwice',
          data: {"release":"conn.destroy()","name":"conn","first":"conn.release()","line":"8"},
          line: 9, column: 5, endLine: 9, endColumn: 19,
        },
      ],
    },
    {
      name: "typeorm: query after release",
      code: `import { DataSource } from 'typeorm';
const ds = new DataSource({ type: 'postgres' });
export async function f() {
  const qr = ds.createQueryRunner();
  await qr.release();
  return qr.query('SELECT 1');
}`,
      errors: [
        {
          messageId: 'usedAfterRelease',
          data: {"use":"qr.query()","release":"qr.release()","line":"5","name":"qr"},
          line: 6, column: 10, endLine: 6, endColumn: 30,
        },
      ],
    },
    {
      name: "mongodb: session ended twice",
      code: `import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://db');
export async function f() {
  const session = client.startSession();
  try {
    await session.withTransaction(async () => {});
    await session.endSession();
  } finally {
    await session.endSession();
  }
}`,
      errors: [
        {
          messageId: 'releasedTwice',
          data: {"release":"session.endSession()","name":"session","first":"session.endSession()","line":"7"},
          line: 9, column: 11, endLine: 9, endColumn: 31,
        },
      ],
    },
    {
      name: "neo4j: session used after close",
      code: `import neo4j from 'neo4j-driver';
const driver = neo4j.driver('bolt://db');
export async function f() {
  const session = driver.session();
  await session.close();
  return session.run('RETURN 1');
}`,
      errors: [
        {
          messageId: 'usedAfterRelease',
          data: {"use":"session.run()","release":"session.close()","line":"5","name":"session"},
          line: 6, column: 10, endLine: 6, endColumn: 33,
        },
      ],
    },
    {
      name: "oracledb: closed twice",
      code: `import oracledb from 'oracledb';
export async function f() {
  const conn = await oracledb.getConnection();
  try {
    await conn.execute('SELECT 1 FROM dual');
    await conn.close();
  } finally {
    await conn.close();
  }
}`,
      errors: [
        {
          messageId: 'releasedTwice',
          data: {"release":"conn.close()","name":"conn","first":"conn.close()","line":"6"},
          line: 8, column: 11, endLine: 8, endColumn: 23,
        },
      ],
    },
    {
      name: "pg-promise: done() twice",
      code: `import pgPromise from 'pg-promise';
const pgp = pgPromise();
const db = pgp('postgres://db');
export async function f() {
  const sco = await db.connect();
  try {
    await sco.any('SELECT 1');
    sco.done();
  } finally {
    sco.done();
  }
}`,
      errors: [
        {
          messageId: 'releasedTwice',
          data: {"release":"sco.done()","name":"sco","first":"sco.done()","line":"8"},
          line: 10, column: 5, endLine: 10, endColumn: 15,
          suggestions: [
            { messageId: 'removeEarlierRelease', data: {"first":"sco.done()","line":"8"}, output: `import pgPromise from 'pg-promise';
const pgp = pgPromise();
const db = pgp('postgres://db');
export async function f() {
  const sco = await db.connect();
  try {
    await sco.any('SELECT 1');
  } finally {
    sco.done();
  }
}` },
          ],
        },
      ],
    },
    {
      name: "pg-promise: query after done()",
      code: `import pgPromise from 'pg-promise';
const pgp = pgPromise();
const db = pgp('postgres://db');
export async function f() {
  const sco = await db.connect();
  sco.done();
  return sco.one('SELECT 1');
}`,
      errors: [
        {
          messageId: 'usedAfterRelease',
          data: {"use":"sco.one()","release":"sco.done()","line":"6","name":"sco"},
          line: 7, column: 10, endLine: 7, endColumn: 29,
        },
      ],
    },
    {
      name: "generic-pool: released and destroyed on the error path",
      code: `import { createPool } from 'generic-pool';
const pool = createPool({ create: async () => ({}), destroy: async () => {} }, { max: 2 });
const work = async (r) => r;
export async function f() {
  const resource = await pool.acquire();
  try {
    await work(resource);
  } catch (error) {
    await pool.destroy(resource);
  } finally {
    await pool.release(resource);
  }
}`,
      errors: [
        {
          messageId: 'releasedTwice',
          data: {"release":"pool.release(resource)","name":"resource","first":"pool.destroy(resource)","line":"9"},
          line: 11, column: 11, endLine: 11, endColumn: 33,
        },
      ],
    },
    {
      name: "custom resource: disposed twice",
      code: `import { acquireDb } from '@acme/db';
export async function f() {
  const db = await acquireDb();
  await db.dispose();
  await db.dispose();
}`,
      settings: { 'connection-hygiene': {"resources":[{"id":"acme-db","modules":["@acme/db"],"exports":[{"path":["acquireDb"],"via":"call","shape":"Handle","awaited":true}],"shapes":{"Handle":{"role":"lease","release":["dispose"],"queries":["sql"]}}}]} },
      errors: [
        {
          messageId: 'releasedTwice',
          data: {"release":"db.dispose()","name":"db","first":"db.dispose()","line":"4"},
          line: 5, column: 9, endLine: 5, endColumn: 21,
        },
      ],
    },
  ],
});
