import rule from '../../rules/require-rollback.js';
import { runRuleTests } from '../rule-tester.js';

const pg = `import { Pool } from 'pg';\nconst pool = new Pool();\n`;
const mysql2 = `import mysql from 'mysql2/promise';\nconst pool = mysql.createPool({ uri: process.env.DATABASE_URL });\n`;
const knex = `import knex from 'knex';\nconst db = knex({ client: 'pg' });\n`;
const sequelize = `import { Sequelize } from 'sequelize';\nconst sequelize = new Sequelize('postgres://localhost/app');\n`;
const typeorm = `import { DataSource } from 'typeorm';\nconst ds = new DataSource({ type: 'postgres' });\n`;
const mongo = `import { MongoClient } from 'mongodb';\nconst client = new MongoClient('mongodb://localhost');\nconst users = client.db('app').collection('users');\n`;
const neo4j = `import neo4j from 'neo4j-driver';\nconst driver = neo4j.driver('neo4j://localhost');\n`;
const mssql = `import sql from 'mssql';\nconst pool = new sql.ConnectionPool('mssql://localhost');\n`;
const sqlite = `import Database from 'better-sqlite3';\nconst db = new Database('app.db');\n`;

runRuleTests('require-rollback', rule, {
  valid: [
    {
      name: 'pg: BEGIN … COMMIT with catch ROLLBACK and finally release',
      code: `${pg}export async function transfer() {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update a set x = 1');
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}`,
    },
    {
      name: 'pg (plain JS): BEGIN before the try, nothing in between',
      code: `${pg}export async function transfer() {
  const client = await pool.connect();
  await client.query('begin');
  try {
    await client.query('update a set x = 1');
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}`,
    },
    {
      name: 'pg: template literal and config object verbs',
      code: `${pg}export async function f() {
  const client = await pool.connect();
  try {
    await client.query(\`  START TRANSACTION\`);
    await client.query('update a set x = 1');
    await client.query({ text: 'COMMIT' });
  } catch (error) {
    await client.query({ text: 'ROLLBACK' });
    throw error;
  } finally {
    client.release();
  }
}`,
    },
    {
      name: 'pg: rollback in finally guarded by "not committed"',
      code: `${pg}export async function f() {
  const client = await pool.connect();
  let committed = false;
  try {
    await client.query('BEGIN');
    await client.query('update a set x = 1');
    await client.query('COMMIT');
    committed = true;
  } finally {
    if (!committed) await client.query('ROLLBACK');
    client.release();
  }
}`,
    },
    {
      name: 'pg: connection destroyed on error with release(err)',
      code: `${pg}export async function f() {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update a set x = 1');
    await client.query('COMMIT');
    client.release();
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
}`,
    },
    {
      name: 'pg: helper that only begins on a client it was given',
      code: `${pg}import type { PoolClient } from 'pg';
export async function begin(client: PoolClient) {
  await client.query('BEGIN');
}`,
    },
    {
      name: 'pg: savepoints are not transactions',
      code: `${pg}export async function f(client) {
  await client.query('SAVEPOINT a');
  await client.query('RELEASE SAVEPOINT a');
}`,
    },
    {
      name: 'pg: BEGIN and COMMIT with nothing that can throw in between',
      code: `${pg}export async function f() {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}`,
    },
    {
      name: 'pg: a PL/pgSQL block is not a transaction',
      code: `${pg}export async function f() {
  const client = await pool.connect();
  try {
    await client.query('DO $$ BEGIN PERFORM 1; END $$');
  } finally {
    client.release();
  }
}`,
    },
    {
      name: "pg: BEGIN on the pool is another rule's finding",
      code: `${pg}export async function f() {
  await pool.query('BEGIN');
}`,
    },
    {
      name: 'mysql2: beginTransaction with catch rollback',
      code: `${mysql2}export async function f() {
  const conn = await pool.getConnection();
  await conn.beginTransaction();
  try {
    await conn.query('insert into t values (1)');
    await conn.commit();
  } catch (err) {
    await conn.rollback();
    throw err;
  } finally {
    conn.release();
  }
}`,
    },
    {
      name: 'knex: managed transaction callback',
      code: `${knex}export async function f() {
  await db.transaction(async (trx) => {
    await trx('t').insert({ a: 1 });
  });
}`,
    },
    {
      name: 'knex: unmanaged transaction with catch rollback',
      code: `${knex}export async function f() {
  const trx = await db.transaction();
  try {
    await trx('t').insert({ a: 1 });
    await trx.commit();
  } catch (error) {
    await trx.rollback();
    throw error;
  }
}`,
    },
    {
      name: 'knex: transaction returned to the caller',
      code: `${knex}export async function open() {
  const trx = await db.transaction();
  return trx;
}`,
    },
    {
      name: 'sequelize: managed transaction',
      code: `${sequelize}export async function f() {
  await sequelize.transaction(async (t) => {
    await sequelize.query('select 1', { transaction: t });
  });
}`,
    },
    {
      name: 'sequelize (plain JS): unmanaged with catch rollback',
      code: `${sequelize}export async function f() {
  const t = await sequelize.transaction();
  try {
    await sequelize.query('select 1', { transaction: t });
    await t.commit();
  } catch (e) {
    await t.rollback();
    throw e;
  }
}`,
    },
    {
      name: 'typeorm: startTransaction with catch rollbackTransaction',
      code: `${typeorm}export async function f() {
  const qr = ds.createQueryRunner();
  await qr.connect();
  await qr.startTransaction();
  try {
    await qr.query('insert into t values (1)');
    await qr.commitTransaction();
  } catch (err) {
    await qr.rollbackTransaction();
    throw err;
  } finally {
    await qr.release();
  }
}`,
    },
    {
      name: 'typeorm: managed transaction',
      code: `${typeorm}export async function f() {
  await ds.transaction(async (manager) => {
    await manager.query('insert into t values (1)');
  });
}`,
    },
    {
      name: 'mongodb: endSession in finally aborts an open transaction',
      code: `${mongo}export async function f() {
  const session = client.startSession();
  try {
    session.startTransaction();
    await users.insertOne({ a: 1 }, { session });
    await session.commitTransaction();
  } finally {
    await session.endSession();
  }
}`,
    },
    {
      name: 'mongodb: withTransaction is managed',
      code: `${mongo}export async function f() {
  const session = client.startSession();
  try {
    await session.withTransaction(async () => {
      await users.insertOne({ a: 1 }, { session });
    });
  } finally {
    await session.endSession();
  }
}`,
    },
    {
      name: 'neo4j: beginTransaction with catch rollback',
      code: `${neo4j}export async function f() {
  const session = driver.session();
  const tx = session.beginTransaction();
  try {
    await tx.run('CREATE (n)');
    await tx.commit();
  } catch (e) {
    await tx.rollback();
    throw e;
  } finally {
    await session.close();
  }
}`,
    },
    {
      name: 'mssql: Transaction begin with catch rollback',
      code: `${mssql}export async function f() {
  const tx = new sql.Transaction(pool);
  await tx.begin();
  try {
    await tx.request().query('insert into t values (1)');
    await tx.commit();
  } catch (e) {
    await tx.rollback();
    throw e;
  }
}`,
    },
    {
      name: 'better-sqlite3: db.transaction() helper is managed',
      code: `${sqlite}export const insertMany = db.transaction((rows) => {
  for (const row of rows) db.prepare('insert into t values (?)').run(row);
});`,
    },
    {
      name: 'mysql2 callback API: ends inside callbacks are not judged',
      code: `import mysql from 'mysql2';
const pool = mysql.createPool({});
export function f() {
  pool.getConnection((err, conn) => {
    conn.beginTransaction((e) => {
      conn.query('insert into t values (1)', (qe) => {
        if (qe) return conn.rollback(() => conn.release());
        conn.commit(() => conn.release());
      });
    });
  });
}`,
    },
    {
      name: 'odd syntax does not crash',
      code: `${pg}class A { #c; async m() { await this.#c?.query('BEGIN'); const { a = 1 } = {}; return a; } }
export const g = async (c) => c?.query?.(\`BEGIN\`);`,
    },
    {
      name: "pg: BEGIN in a preHandler on a lease stored on the request; COMMIT/ROLLBACK run in later hooks (@fastify/postgres)",
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
  ],
  invalid: [
    {
      name: 'pg: no catch between BEGIN and COMMIT (suggest inserting catch)',
      code: `${pg}export async function transfer() {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update a set x = 1');
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'noRollbackOnError',
          data: { name: 'client', line: '8', rollback: "await client.query('ROLLBACK')" },
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 32,
          suggestions: [
            {
              messageId: 'addCatch',
              data: { error: 'error', rollback: "await client.query('ROLLBACK')" },
              output: `${pg}export async function transfer() {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update a set x = 1');
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
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
      name: 'pg (plain JS): no try at all (suggest wrapping)',
      code: `${pg}export async function transfer() {
  const client = await pool.connect();
  await client.query('BEGIN');
  await client.query('update a set x = 1');
  await client.query('COMMIT');
  client.release();
}`,
      errors: [
        {
          messageId: 'noRollbackOnError',
          data: { name: 'client', line: '7', rollback: "await client.query('ROLLBACK')" },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 30,
          suggestions: [
            {
              messageId: 'addCatch',
              data: { error: 'error', rollback: "await client.query('ROLLBACK')" },
              output: `${pg}export async function transfer() {
  const client = await pool.connect();
  await client.query('BEGIN');
  try {
    await client.query('update a set x = 1');
  await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  client.release();
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'pg: early return skips COMMIT and ROLLBACK',
      code: `${pg}export async function f(skip: boolean) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    if (skip) return;
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'skippedByJump',
          data: { name: 'client', jump: 'The early return', line: '7' },
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 32,
        },
      ],
    },
    {
      name: 'pg: released with the transaction open',
      code: `${pg}export async function f(skip: boolean) {
  const client = await pool.connect();
  await client.query('BEGIN');
  if (skip) {
    client.release();
    return;
  }
  await client.query('COMMIT');
  client.release();
}`,
      errors: [
        {
          messageId: 'releasedWhileOpen',
          data: { name: 'client', release: 'client.release()', line: '5' },
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 21,
        },
      ],
    },
    {
      name: 'pg: never committed nor rolled back',
      code: `${pg}export async function f() {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
    await client.query('update a set x = 1');
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'neverEnded',
          data: { name: 'client' },
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 61,
        },
      ],
    },
    {
      name: 'pg: committed in one branch only',
      code: `${pg}export async function f(ok: boolean) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    if (ok) {
      await client.query('COMMIT');
    }
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'skippedByBranch',
          data: { name: 'client' },
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 32,
        },
      ],
    },
    {
      name: 'mysql2: beginTransaction without rollback on error',
      code: `${mysql2}export async function f() {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.query('insert into t values (1)');
    await conn.commit();
  } finally {
    conn.release();
  }
}`,
      errors: [
        {
          messageId: 'noRollbackOnError',
          data: { name: 'conn', line: '8', rollback: 'await conn.rollback()' },
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 34,
          suggestions: [
            {
              messageId: 'addCatch',
              data: { error: 'error', rollback: 'await conn.rollback()' },
              output: `${mysql2}export async function f() {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.query('insert into t values (1)');
    await conn.commit();
  } catch (error) {
    await conn.rollback();
    throw error;
  } finally {
    conn.release();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'knex: unmanaged transaction never ended',
      code: `${knex}export async function f() {
  const trx = await db.transaction();
  await trx('t').insert({ a: 1 });
}`,
      errors: [
        {
          messageId: 'neverEnded',
          data: { name: 'trx' },
          line: 4,
          column: 21,
          endLine: 4,
          endColumn: 37,
        },
      ],
    },
    {
      name: 'knex: unmanaged transaction committed without rollback on error',
      code: `${knex}export async function f() {
  const trx = await db.transaction();
  await trx('t').insert({ a: 1 });
  await trx.commit();
}`,
      errors: [
        {
          messageId: 'noRollbackOnError',
          data: { name: 'trx', line: '6', rollback: 'await trx.rollback()' },
          line: 4,
          column: 21,
          endLine: 4,
          endColumn: 37,
          suggestions: [
            {
              messageId: 'addCatch',
              data: { error: 'error', rollback: 'await trx.rollback()' },
              output: `${knex}export async function f() {
  const trx = await db.transaction();
  try {
    await trx('t').insert({ a: 1 });
  await trx.commit();
  } catch (error) {
    await trx.rollback();
    throw error;
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'sequelize (plain JS): unmanaged transaction without rollback',
      code: `${sequelize}export async function f() {
  const t = await sequelize.transaction();
  await sequelize.query('select 1', { transaction: t });
  await t.commit();
}`,
      errors: [
        {
          messageId: 'noRollbackOnError',
          data: { name: 't', line: '6', rollback: 'await t.rollback()' },
          line: 4,
          column: 19,
          endLine: 4,
          endColumn: 42,
          suggestions: [
            {
              messageId: 'addCatch',
              data: { error: 'error', rollback: 'await t.rollback()' },
              output: `${sequelize}export async function f() {
  const t = await sequelize.transaction();
  try {
    await sequelize.query('select 1', { transaction: t });
  await t.commit();
  } catch (error) {
    await t.rollback();
    throw error;
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'typeorm: await using commits an open transaction on exception',
      code: `${typeorm}export async function f() {
  await using qr = ds.createQueryRunner();
  await qr.startTransaction();
  await qr.query('insert into t values (1)');
  await qr.commitTransaction();
}`,
      errors: [
        {
          messageId: 'disposeCommits',
          data: { name: 'qr', line: '7', rollback: 'await qr.rollbackTransaction()' },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 30,
          suggestions: [
            {
              messageId: 'addCatch',
              data: { error: 'error', rollback: 'await qr.rollbackTransaction()' },
              output: `${typeorm}export async function f() {
  await using qr = ds.createQueryRunner();
  await qr.startTransaction();
  try {
    await qr.query('insert into t values (1)');
  await qr.commitTransaction();
  } catch (error) {
    await qr.rollbackTransaction();
    throw error;
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'mongodb: startTransaction without abort on error',
      code: `${mongo}export async function f() {
  const session = client.startSession();
  session.startTransaction();
  await users.insertOne({ a: 1 }, { session });
  await session.commitTransaction();
  await session.endSession();
}`,
      errors: [
        {
          messageId: 'noRollbackOnError',
          data: { name: 'session', line: '8', rollback: 'await session.abortTransaction()' },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 29,
          suggestions: [
            {
              messageId: 'addCatch',
              data: { error: 'error', rollback: 'await session.abortTransaction()' },
              output: `${mongo}export async function f() {
  const session = client.startSession();
  session.startTransaction();
  try {
    await users.insertOne({ a: 1 }, { session });
  await session.commitTransaction();
  } catch (error) {
    await session.abortTransaction();
    throw error;
  }
  await session.endSession();
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'neo4j: beginTransaction without rollback on error (declared in the try: wrap, since a catch could not see tx)',
      code: `${neo4j}export async function f() {
  const session = driver.session();
  try {
    const tx = session.beginTransaction();
    await tx.run('CREATE (n)');
    await tx.commit();
  } finally {
    await session.close();
  }
}`,
      errors: [
        {
          messageId: 'noRollbackOnError',
          data: { name: 'tx', line: '8', rollback: 'await tx.rollback()' },
          line: 6,
          column: 16,
          endLine: 6,
          endColumn: 42,
          suggestions: [
            {
              messageId: 'addCatch',
              data: { error: 'error', rollback: 'await tx.rollback()' },
              output: `${neo4j}export async function f() {
  const session = driver.session();
  try {
    const tx = session.beginTransaction();
    try {
      await tx.run('CREATE (n)');
    await tx.commit();
    } catch (error) {
      await tx.rollback();
      throw error;
    }
  } finally {
    await session.close();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'mssql: Transaction begun and committed without rollback on error',
      code: `${mssql}export async function f() {
  const tx = new sql.Transaction(pool);
  await tx.begin();
  await tx.request().query('insert into t values (1)');
  await tx.commit();
}`,
      errors: [
        {
          messageId: 'noRollbackOnError',
          data: { name: 'tx', line: '7', rollback: 'await tx.rollback()' },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 19,
          suggestions: [
            {
              messageId: 'addCatch',
              data: { error: 'error', rollback: 'await tx.rollback()' },
              output: `${mssql}export async function f() {
  const tx = new sql.Transaction(pool);
  await tx.begin();
  try {
    await tx.request().query('insert into t values (1)');
  await tx.commit();
  } catch (error) {
    await tx.rollback();
    throw error;
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'better-sqlite3 (plain JS): exec BEGIN without rollback',
      code: `${sqlite}export function f(rows) {
  db.exec('BEGIN');
  for (const row of rows) db.prepare('insert into t values (?)').run(row);
  db.exec('COMMIT');
}`,
      errors: [
        {
          messageId: 'noRollbackOnError',
          data: { name: 'db', line: '6', rollback: "db.exec('ROLLBACK')" },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 19,
          suggestions: [
            {
              messageId: 'addCatch',
              data: { error: 'error', rollback: "db.exec('ROLLBACK')" },
              output: `${sqlite}export function f(rows) {
  db.exec('BEGIN');
  try {
    for (const row of rows) db.prepare('insert into t values (?)').run(row);
  db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'autofix "all": the catch suggestion becomes the fix',
      code: `${pg}export async function transfer() {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update a set x = 1');
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}`,
      settings: { 'connection-hygiene': { autofix: 'all' } },
      output: `${pg}export async function transfer() {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update a set x = 1');
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'noRollbackOnError',
          data: { name: 'client', line: '8', rollback: "await client.query('ROLLBACK')" },
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 32,
          suggestions: [{ messageId: 'addCatch', data: { error: 'error', rollback: "await client.query('ROLLBACK')" }, output: `${pg}export async function transfer() {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update a set x = 1');
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}` }],
        },
      ],
    },
    {
      name: "pg: a lease in a local holder that never leaves the function still needs its rollback",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function transfer(from, to, amount) {
  const client = await pool.connect();
  const ctx = {};
  ctx.client = client;
  try {
    await client.query('BEGIN');
    await ctx.client.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [amount, from]);
    await ctx.client.query('UPDATE accounts SET balance = balance + $1 WHERE id = $2', [amount, to]);
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'noRollbackOnError',
          data: {"name": "client", "line": "11", "rollback": "await client.query('ROLLBACK')"},
          line: 8, column: 11, endLine: 8, endColumn: 32,
          suggestions: [
            { messageId: 'addCatch', data: {"error": "error", "rollback": "await client.query('ROLLBACK')"}, output: `import { Pool } from 'pg';
const pool = new Pool();
export async function transfer(from, to, amount) {
  const client = await pool.connect();
  const ctx = {};
  ctx.client = client;
  try {
    await client.query('BEGIN');
    await ctx.client.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [amount, from]);
    await ctx.client.query('UPDATE accounts SET balance = balance + $1 WHERE id = $2', [amount, to]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}` },
          ],
        },
      ],
    },
  ],
});
