import rule from '../../rules/prefer-singleton-pool.js';
import { runRuleTests } from '../rule-tester.js';

const pg = `import { Pool } from 'pg';\n`;

runRuleTests('prefer-singleton-pool', rule, {
  valid: [
    { name: 'review: a callback-form MongoClient.connect whose callback closes the client it receives', code: `const mongo = require('mongodb').MongoClient;
module.exports = { upgrade(url) {
  return new Promise((resolve, reject) => {
    mongo.connect(url, {}, async (err, db) => {
      try { if (err) throw err; await db.collection('u').count(); resolve(true); } catch (e) { reject(e); }
      db.close();
    });
  });
} };` },
    { name: 'a client created per call and closed in finally', code: `import { MongoClient } from 'mongodb';
export async function importUsers(url: string, insert: (rows: unknown[]) => Promise<void>) {
  const client = await MongoClient.connect(url);
  try {
    const users = await client.db().collection('users').find().toArray();
    await insert(users);
  } finally {
    await client.close();
  }
}` },
    { name: 'review: a pool returned through its opening (`return await ds.initialize()`)', code: `import { DataSource } from 'typeorm';\nexport const provider = { useFactory: async (config) => {\n  const db = new DataSource(config);\n  return await db.initialize();\n} };` },
    { name: 'review: a client kept through its opening result captured by a returned closure', code: `import { DBSQLClient } from '@databricks/sql';\nexport async function getSession(options) {\n  const client = new DBSQLClient({});\n  const connection = await client.connect(options);\n  const session = await connection.openSession();\n  return { session, close: async () => { await session.close(); await connection.close(); } };\n}` },
    // Review set (real-code false alarms, in our own minimal form). The bugs this rule still catches
    // next to them are the invalid cases below ('pg: created per call and dropped', per-request …).
    { name: 'review: a pool wrapper returned (`mysql.createPool(o).promise()`)', code: `import mysql from 'mysql2';\nexport function connect(o) { return mysql.createPool(o).promise(); }` },
    { name: 'review: a pool placed in a constructor argument that is returned', code: `${pg}import { PostgresDialect } from 'kysely';\nexport function dialect(o) { const pool = new Pool(o); return new PostgresDialect({ pool }); }` },
    { name: 'review: a pool passed to a callee that keeps it', code: `import knex from 'knex';\nexport function setup(cfg, registry) { const k = knex(cfg); registry.setup(k); }` },
    { name: 'review: a connected client stored on this in .then()', code: `import { MongoClient } from 'mongodb';\nexport class Db { open(url) { return MongoClient.connect(url).then((client) => { this.client = client; }); } }` },
    { name: 'review: guarded cleanup in finally (`if (pool)`)', code: `import sql from 'mssql';\nexport async function run(cs) {\n  let pool;\n  try {\n    pool = new sql.ConnectionPool(cs);\n    await pool.connect();\n    return await pool.request().query('select 1');\n  } finally {\n    if (pool) await pool.close();\n  }\n}` },
    { name: 'review: guarded cleanup in finally (`pool?.end()`)', code: `${pg}export async function run(cs) {\n  let pool;\n  try {\n    pool = new Pool({ connectionString: cs });\n    return await pool.query('select 1');\n  } finally {\n    await pool?.end();\n  }\n}` },
    { name: 'review: a lazy memo in a module variable (`if (!p) p = new MongoClient(url).connect()`)', code: `import { MongoClient } from 'mongodb';\nlet clientPromise;\nexport function getClient(url) {\n  if (!clientPromise) clientPromise = new MongoClient(url).connect();\n  return clientPromise;\n}` },
    { name: "review: mongoose.connect() opens mongoose's own default connection", code: `import mongoose from 'mongoose';\nexport async function init(uri) {\n  await mongoose.connect(uri);\n}` },
    { name: 'review: a function called once at module level', code: `${pg}async function main() {\n  const pool = new Pool();\n  await pool.query('select 1');\n}\nmain().catch(() => process.exit(1));` },
    { name: 'pg: module-level const', code: `${pg}const pool = new Pool();\nexport const list = async () => (await pool.query('select 1')).rows;` },
    {
      name: 'pg: lazy singleton with ??=',
      code: `${pg}let pool;
export function getPool() {
  pool ??= new Pool();
  return pool;
}`,
    },
    {
      name: 'pg: lazy singleton with if (!pool)',
      code: `${pg}let pool;
export async function query(text) {
  if (!pool) pool = new Pool();
  return pool.query(text);
}`,
    },
    {
      name: 'pg: a promise cached in outer state',
      code: `${pg}let ready;
export function getPool() {
  ready ??= (async () => {
    const pool = new Pool();
    await pool.query('select 1');
    return pool;
  })();
  return ready;
}`,
    },
    {
      name: 'prisma: the globalThis cache at module level',
      code: `import { PrismaClient } from '@prisma/client';
const globalForPrisma = globalThis;
export const prisma = globalForPrisma.prisma ?? new PrismaClient();
if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma;`,
    },
    {
      name: 'prisma: the globalThis cache inside a getter',
      code: `import { PrismaClient } from '@prisma/client';
export function db() {
  globalThis.prisma ??= new PrismaClient();
  return globalThis.prisma;
}`,
    },
    {
      name: 'pg: a local bound to the globalThis cache and stored back',
      code: `${pg}export function db() {
  const pool = globalThis.pool ?? new Pool();
  globalThis.pool = pool;
  return pool.query('select 1');
}`,
    },
    { name: 'pg: a factory returns the pool', code: `${pg}export function createPool(url) {\n  return new Pool({ connectionString: url });\n}` },
    {
      name: 'pg: a factory returns an object holding the pool',
      code: `${pg}export function createDb(url) {
  const pool = new Pool({ connectionString: url });
  return { pool, close: () => pool.end() };
}`,
    },
    { name: 'pg: an arrow factory', code: `${pg}export const makePool = (url) => new Pool({ connectionString: url });` },
    {
      name: 'pg: stored in a cache keyed by tenant',
      code: `${pg}const pools = new Map();
export function poolFor(tenant) {
  let pool = pools.get(tenant);
  if (!pool) {
    pool = new Pool({ database: tenant });
    pools.set(tenant, pool);
  }
  return pool;
}`,
    },
    {
      name: 'pg: ended on every path (finally) outside a request handler',
      code: `${pg}export async function migrate() {
  const pool = new Pool();
  try {
    await pool.query('select 1');
  } finally {
    await pool.end();
  }
}`,
    },
    {
      name: 'pg: ended in .finally() of the returned chain',
      code: `${pg}export function migrate() {
  const pool = new Pool();
  return pool.query('select 1').finally(() => pool.end());
}`,
    },
    {
      name: 'pg: a one-shot script: main() called once at module level',
      code: `${pg}async function main() {
  const pool = new Pool();
  console.log((await pool.query('select 1')).rows);
}
main();`,
    },
    {
      name: 'pg: a module-level IIFE runs once',
      code: `${pg}(async () => {
  const pool = new Pool();
  await pool.query('select 1');
})();`,
    },
    {
      name: 'pg: a callback of a module-level call runs once',
      code: `${pg}import http from 'node:http';
http.createServer().listen(3000, () => {
  const pool = new Pool();
  pool.query('select 1');
});`,
    },
    {
      name: 'tests: beforeAll/afterAll and before/after hooks',
      code: `${pg}let pool;
beforeAll(() => {
  const p = new Pool();
  pool = p;
});
before(async () => {
  const local = new Pool();
  await local.query('select 1');
});
afterAll(() => pool.end());`,
    },
    {
      name: 'neon: neon() per request is fine (lifetime free)',
      code: `import { neon } from '@neondatabase/serverless';
export async function GET() {
  const sql = neon(process.env.DATABASE_URL);
  return Response.json(await sql\`select 1\`);
}`,
    },
    {
      name: 'neon: Pool in an edge runtime (export const runtime = "edge")',
      filename: 'app/api/users/route.ts',
      code: `import { Pool } from '@neondatabase/serverless';
export const runtime = 'edge';
export async function GET() {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL });
  const { rows } = await pool.query('select 1');
  await pool.end();
  return Response.json(rows);
}`,
    },
    {
      name: 'neon: Pool in a Cloudflare Worker (export default { fetch })',
      code: `import { Pool } from '@neondatabase/serverless';
export default {
  async fetch(request, env, ctx) {
    const pool = new Pool({ connectionString: env.DATABASE_URL });
    const { rows } = await pool.query('select 1');
    ctx.waitUntil(pool.end());
    return Response.json(rows);
  },
};`,
    },
    {
      name: 'neon: Pool in a Vercel edge function (export const config = { runtime: "edge" })',
      code: `import { Pool } from '@neondatabase/serverless';
export const config = { runtime: 'edge' };
export default async function handler() {
  const pool = new Pool();
  await pool.end();
}`,
    },
    {
      name: 'planetscale: a Client per request is fine (lifetime free)',
      code: `import { Client } from '@planetscale/database';
export const handler = async () => {
  const conn = new Client({ url: process.env.DATABASE_URL }).connection();
  return conn.execute('select 1');
};`,
    },
    {
      name: 'vercel-postgres: the sql tag needs no creation',
      code: `import { sql } from '@vercel/postgres';
export async function GET() {
  return Response.json((await sql\`select 1\`).rows);
}`,
    },
    {
      name: 'drizzle: drizzle(pool) over a module-level pool in a handler',
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
const pool = new Pool();
export const handler = async () => drizzle(pool).execute('select 1');`,
    },
    {
      name: 'class: a pool per instance, and the only instance is module-level',
      code: `${pg}class Repo {
  pool = new Pool();
  constructor() {
    this.other = new Pool();
  }
}
export const repo = new Repo();`,
    },
    {
      name: 'nestjs: an injectable provider (instantiated by the container, once)',
      code: `import { Pool } from 'pg';
declare function Injectable(): ClassDecorator;
@Injectable()
export class Db {
  readonly pool = new Pool();
}`,
    },
    {
      name: 'pg: a pool in a loop is left to no-pool-in-loop',
      code: `${pg}export async function each(ids) {
  for (const id of ids) {
    const pool = new Pool();
    await pool.query('select $1', [id]);
  }
}`,
    },
    {
      name: 'pg: the adapter is reported through the PrismaClient that owns it, not twice',
      code: `import { PrismaClient } from '@prisma/client';
import { PrismaPg } from '@prisma/adapter-pg';
const adapter = new PrismaPg({ connectionString: process.env.DATABASE_URL });
export const prisma = new PrismaClient({ adapter });`,
    },
    {
      name: 'pg: a direct connection per call, ended, is normal use',
      code: `import { Client } from 'pg';
export async function once() {
  const client = new Client();
  await client.connect();
  try {
    return (await client.query('select 1')).rows;
  } finally {
    await client.end();
  }
}`,
    },
    {
      name: 'odd syntax: private fields, optional chains, computed keys',
      code: `${pg}const pool = new Pool();
export class Repo {
  #pool = pool;
  static shared = new Pool();
  ['x']() {
    return this.#pool?.query('select 1');
  }
}`,
    },
    {
      name: "mysql2: the pool stored on a holder handed to the error-first callback (@fastify/mysql)",
      code: `import mysql from 'mysql2';
export function createConnection(options, cb) {
  const db = { format: mysql.format, escape: mysql.escape };
  let client = {};
  client = mysql.createPool(options.connectionString || options);
  db.pool = client;
  db.query = client.query.bind(client);
  db.getConnection = client.getConnection.bind(client);
  client.query('SELECT NOW()', (err) => cb(err, db));
}`,
    },
    {
      name: "mongodb: callback-form MongoClient.connect storing the client on `this` (agenda database)",
      code: `import { MongoClient } from 'mongodb';
export const database = function (url, collection, options = {}, cb) {
  MongoClient.connect(url, options, (error, client) => {
    if (error) {
      if (cb) cb(error, null);
      else throw error;
      return;
    }
    if (client) {
      this._db = client;
      this._mdb = client.db();
      this.dbInit(collection, cb);
    } else {
      throw new Error('Mongo Client is undefined');
    }
  });
  return this;
};`,
    },
    // catalog additions: pre-0.3/1.x entry points and drivers seen in real code
    {
      name: "mongoose 5: the callback form of mongoose.connect() opens the default connection (a process singleton)",
      code: `const mongoose = require('mongoose');
module.exports = function (app) {
  app.get('/health', function (req, res) {
    mongoose.connect(process.env.MONGO_URL, { waitQueueTimeoutMS: 5000 }, function (err) {
      res.status(err ? 500 : 200).end();
    });
  });
};`,
    },
    {
      name: "mssql: the callback form of sql.connect() is the global pool too",
      code: `import sql from 'mssql';
export function report(config, done) {
  sql.connect(config, (err, pool) => {
    if (err) return done(err);
    pool.request().query('select 1', done);
  });
}`,
    },
    {
      name: "typeorm 0.3: getConnection()/getManager() look up the registered connection; they create none",
      code: `import { getConnection, getManager } from 'typeorm';
export async function handler(req, res) {
  const conn = getConnection();
  const users = await conn.query('select * from users');
  res.json({ users, count: await getManager().query('select count(*) from users') });
}`,
    },
    {
      name: "oracledb: getPool(alias) looks up a pool created elsewhere",
      code: `import oracledb from 'oracledb';
export async function handler(req, res) {
  const pool = oracledb.getPool('hr');
  const conn = await pool.getConnection();
  try {
    res.json((await conn.execute('select * from emp')).rows);
  } finally {
    await conn.close();
  }
}`,
    },
    {
      name: "typeorm 0.3: a one-shot createConnection() closed in finally",
      code: `import { createConnection } from 'typeorm';
export async function migrate(options) {
  const connection = await createConnection(options);
  try {
    await connection.runMigrations();
  } finally {
    await connection.close();
  }
}`,
    },
    {
      name: 'in a test file, a client ended only when nothing before the end throws: the exception fails the test',
      filename: 'tests/import.spec.ts',
      code: `import { MongoClient } from 'mongodb';
export async function importUsers(url: string, insert: (rows: unknown[]) => Promise<void>) {
  const client = await MongoClient.connect(url);
  const users = await client.db().collection('users').find().toArray();
  await insert(users);
  await client.close();
}`,
    },
    {
      name: 'review: a script step called once from main(), which runs once per process (immich migrations CLI)',
      code: `import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
const getDatabaseClient = () => new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool() }) });
const runMigrations = async (migrate: (db: Kysely<any>) => Promise<void>) => {
  const db = getDatabaseClient();
  await db.selectFrom("migrations").selectAll().execute();
  await db.destroy();
};
const main = async () => {
  switch (process.argv[2]) {
    case 'run':
      await runMigrations(async () => {});
      return;
  }
};
main().then(() => process.exit(0)).catch(() => process.exit(1));`,
    },
    {
      name: 'a local function that returns a cached pool does not create one per call',
      code: `import mysql from 'mysql2/promise';
const pools = new Map();
function poolFor(database) {
  let pool = pools.get(database);
  if (pool === undefined) {
    pool = mysql.createPool({ database, queueLimit: 100 });
    pools.set(database, pool);
  }
  return pool;
}
export async function count(database) {
  const pool = poolFor(database);
  const [rows] = await pool.query('select count(*) from users');
  return rows;
}`,
    },
  ],
  invalid: [
    {
      name: 'review twin: the same step exported (any module may call it): a pool per call through a local factory, ended on success only',
      code: `import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
const getDatabaseClient = () => new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool() }) });
export const runMigrations = async (migrate: (db: Kysely<any>) => Promise<void>) => {
  const db = getDatabaseClient();
  await db.selectFrom("migrations").selectAll().execute();
  await db.destroy();
};`,
      errors: [
        {
          messageId: 'endedOnSuccessOnly',
          data: { name: 'db', fn: '`runMigrations`', line: '7' },
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 33,
          suggestions: [
            { messageId: 'moveToModule', data: { name: 'db', andEnd: ' and drop `db.destroy()`' }, output: `import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
const getDatabaseClient = () => new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool() }) });
const db = getDatabaseClient();

export const runMigrations = async (migrate: (db: Kysely<any>) => Promise<void>) => {
  await db.selectFrom("migrations").selectAll().execute();
};` },
            { messageId: 'lazySingleton', data: { name: 'db', andEnd: ' and drop `db.destroy()`' }, output: `import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
const getDatabaseClient = () => new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool() }) });
let db: ReturnType<typeof getDatabaseClient> | undefined;

export const runMigrations = async (migrate: (db: Kysely<any>) => Promise<void>) => {
  db ??= getDatabaseClient();
  await db.selectFrom("migrations").selectAll().execute();
};` },
          ],
        },
      ],
    },
    {
      name: 'a client created per call and closed only on the success path (recall issue item 5)',
      code: `import { MongoClient } from 'mongodb';
export async function importUsers(url: string, insert: (rows: unknown[]) => Promise<void>) {
  const client = await MongoClient.connect(url);
  const users = await client.db().collection('users').find().toArray();
  await insert(users);
  await client.close();
}`,
      errors: [{ messageId: 'endedOnSuccessOnly', data: { name: 'client', fn: '`importUsers`', line: '6' }, line: 3, column: 24, endLine: 3, endColumn: 48 }],
    },
    {
      name: 'review: an exported controller taking (req, res) is a request handler (closed in finally or not)',
      code: `import { MongoClient } from 'mongodb';
export const getRag = async (req: unknown, res: { json(v: unknown): void }) => {
  const client = new MongoClient(process.env.URI!);
  try {
    res.json(await client.db().collection('x').find().toArray());
  } finally {
    await client.close();
  }
};`,
      errors: [
        {
          messageId: 'perRequest', data: { name: 'client', handler: 'the request handler `getRag`' }, line: 3, column: 18, endLine: 3, endColumn: 51,
          suggestions: [
            { messageId: 'moveToModule', data: { name: 'client', andEnd: ' and drop `client.close()`' }, output: `import { MongoClient } from 'mongodb';
const client = new MongoClient(process.env.URI!);

export const getRag = async (req: unknown, res: { json(v: unknown): void }) => {
  res.json(await client.db().collection('x').find().toArray());
};` },
            { messageId: 'lazySingleton', data: { name: 'client', andEnd: ' and drop `client.close()`' }, output: `import { MongoClient } from 'mongodb';
let client: InstanceType<typeof MongoClient> | undefined;

export const getRag = async (req: unknown, res: { json(v: unknown): void }) => {
  client ??= new MongoClient(process.env.URI!);
  res.json(await client.db().collection('x').find().toArray());
};` },
          ],
        },
      ],
    },
    {
      name: "pg: a pool per call, never ended",
      filename: "file.js",
      code: `import { Pool } from 'pg';

/** Lists users. */
export async function listUsers() {
  const pool = new Pool({ connectionTimeoutMillis: 5000 }); // per call
  const { rows } = await pool.query('select * from users');
  return rows;
}`,
      output: null,
      errors: [
        {
          messageId: 'notCached',
          data: {"name":"pool","fn":"`listUsers`"},
          line: 5,
          column: 16,
          endLine: 5,
          endColumn: 59,
          suggestions: [
            {
              messageId: 'moveToModule',
              data: {"name":"pool","andEnd":""},
              output: `import { Pool } from 'pg';

const pool = new Pool({ connectionTimeoutMillis: 5000 }); // per call

/** Lists users. */
export async function listUsers() {
  const { rows } = await pool.query('select * from users');
  return rows;
}`,
            },
            {
              messageId: 'lazySingleton',
              data: {"name":"pool","andEnd":""},
              output: `import { Pool } from 'pg';

let pool;

/** Lists users. */
export async function listUsers() {
  pool ??= new Pool({ connectionTimeoutMillis: 5000 }); // per call
  const { rows } = await pool.query('select * from users');
  return rows;
}`,
            },
          ],
        },
      ],
    },
    {
      name: "pg: ended only on one path (the early return skips it)",
      filename: "file.js",
      code: `import { Pool } from 'pg';

export async function find(id) {
  const pool = new Pool();
  if (!id) return null;
  const { rows } = await pool.query('select $1', [id]);
  await pool.end();
  return rows[0];
}`,
      output: null,
      errors: [
        {
          messageId: 'notCached',
          data: {"name":"pool","fn":"`find`"},
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'moveToModule',
              data: {"name":"pool","andEnd":" and drop `pool.end()`"},
              output: `import { Pool } from 'pg';

const pool = new Pool();

export async function find(id) {
  if (!id) return null;
  const { rows } = await pool.query('select $1', [id]);
  return rows[0];
}`,
            },
            {
              messageId: 'lazySingleton',
              data: {"name":"pool","andEnd":" and drop `pool.end()`"},
              output: `import { Pool } from 'pg';

let pool;

export async function find(id) {
  pool ??= new Pool();
  if (!id) return null;
  const { rows } = await pool.query('select $1', [id]);
  return rows[0];
}`,
            },
          ],
        },
      ],
    },
    {
      name: "pg: a method that runs many times",
      filename: "file.js",
      code: `import { Pool } from 'pg';

export class Users {
  async find(id) {
    const pool = new Pool();
    return (await pool.query('select $1', [id])).rows;
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'notCached',
          data: {"name":"pool","fn":"`find`"},
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'moveToModule',
              data: {"name":"pool","andEnd":""},
              output: `import { Pool } from 'pg';

const pool = new Pool();

export class Users {
  async find(id) {
    return (await pool.query('select $1', [id])).rows;
  }
}`,
            },
            {
              messageId: 'lazySingleton',
              data: {"name":"pool","andEnd":""},
              output: `import { Pool } from 'pg';

let pool;

export class Users {
  async find(id) {
    pool ??= new Pool();
    return (await pool.query('select $1', [id])).rows;
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: "pg: arguments read a parameter (no suggestion)",
      filename: "file.js",
      code: `import { Pool } from 'pg';

export async function query(url, text) {
  const pool = new Pool({ connectionString: url });
  return (await pool.query(text)).rows;
}`,
      output: null,
      errors: [
        {
          messageId: 'notCached',
          data: {"name":"pool","fn":"`query`"},
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 51,
        },
      ],
    },
    {
      name: "express: a route handler creates and ends a pool per request",
      filename: "file.js",
      code: `import { Pool } from 'pg';
import express from 'express';
const app = express();
app.get('/users', async (req, res) => {
  const pool = new Pool();
  try {
    res.json((await pool.query('select * from users')).rows);
  } finally {
    await pool.end();
  }
});`,
      output: null,
      errors: [
        {
          messageId: 'perRequest',
          data: {"name":"pool","handler":"the route handler for `GET /users`"},
          line: 5,
          column: 16,
          endLine: 5,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'moveToModule',
              data: {"name":"pool","andEnd":" and drop `pool.end()`"},
              output: `import { Pool } from 'pg';
import express from 'express';
const app = express();
const pool = new Pool();

app.get('/users', async (req, res) => {
  res.json((await pool.query('select * from users')).rows);
});`,
            },
            {
              messageId: 'lazySingleton',
              data: {"name":"pool","andEnd":" and drop `pool.end()`"},
              output: `import { Pool } from 'pg';
import express from 'express';
const app = express();
let pool;

app.get('/users', async (req, res) => {
  pool ??= new Pool();
  res.json((await pool.query('select * from users')).rows);
});`,
            },
          ],
        },
      ],
    },
    {
      name: "express: app.route(path).post(handler) and router.use(path, fn)",
      filename: "file.js",
      code: `import { Pool } from 'pg';
import { Router } from 'express';
const router = Router();
router.route('/orders').post(async (req, res) => {
  const pool = new Pool();
  res.json((await pool.query('select 1')).rows);
  await pool.end();
});
router.use('/admin', async (req, res, next) => {
  const pool = new Pool();
  await pool.query('select 1');
  await pool.end();
  next();
});`,
      output: null,
      errors: [
        {
          messageId: 'perRequest',
          data: {"name":"pool","handler":"the route handler for `POST /orders`"},
          line: 5,
          column: 16,
          endLine: 5,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'moveToModule',
              data: {"name":"pool","andEnd":" and drop `pool.end()`"},
              output: `import { Pool } from 'pg';
import { Router } from 'express';
const router = Router();
const pool = new Pool();

router.route('/orders').post(async (req, res) => {
  res.json((await pool.query('select 1')).rows);
});
router.use('/admin', async (req, res, next) => {
  const pool = new Pool();
  await pool.query('select 1');
  await pool.end();
  next();
});`,
            },
            {
              messageId: 'lazySingleton',
              data: {"name":"pool","andEnd":" and drop `pool.end()`"},
              output: `import { Pool } from 'pg';
import { Router } from 'express';
const router = Router();
let pool;

router.route('/orders').post(async (req, res) => {
  pool ??= new Pool();
  res.json((await pool.query('select 1')).rows);
});
router.use('/admin', async (req, res, next) => {
  const pool = new Pool();
  await pool.query('select 1');
  await pool.end();
  next();
});`,
            },
          ],
        },
        {
          messageId: 'perRequest',
          data: {"name":"pool","handler":"the middleware for `/admin`"},
          line: 10,
          column: 16,
          endLine: 10,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'moveToModule',
              data: {"name":"pool","andEnd":" and drop `pool.end()`"},
              output: `import { Pool } from 'pg';
import { Router } from 'express';
const router = Router();
router.route('/orders').post(async (req, res) => {
  const pool = new Pool();
  res.json((await pool.query('select 1')).rows);
  await pool.end();
});
const pool = new Pool();

router.use('/admin', async (req, res, next) => {
  await pool.query('select 1');
  next();
});`,
            },
            {
              messageId: 'lazySingleton',
              data: {"name":"pool","andEnd":" and drop `pool.end()`"},
              output: `import { Pool } from 'pg';
import { Router } from 'express';
const router = Router();
router.route('/orders').post(async (req, res) => {
  const pool = new Pool();
  res.json((await pool.query('select 1')).rows);
  await pool.end();
});
let pool;

router.use('/admin', async (req, res, next) => {
  pool ??= new Pool();
  await pool.query('select 1');
  next();
});`,
            },
          ],
        },
      ],
    },
    {
      name: "fastify: route({ method, url, handler })",
      filename: "file.js",
      code: `import { Pool } from 'pg';
import Fastify from 'fastify';
const fastify = Fastify();
fastify.route({
  method: 'GET',
  url: '/users',
  handler: async () => {
    const pool = new Pool();
    const { rows } = await pool.query('select 1');
    await pool.end();
    return rows;
  },
});`,
      output: null,
      errors: [
        {
          messageId: 'perRequest',
          data: {"name":"pool","handler":"the route handler for `/users`"},
          line: 8,
          column: 18,
          endLine: 8,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'moveToModule',
              data: {"name":"pool","andEnd":" and drop `pool.end()`"},
              output: `import { Pool } from 'pg';
import Fastify from 'fastify';
const fastify = Fastify();
const pool = new Pool();

fastify.route({
  method: 'GET',
  url: '/users',
  handler: async () => {
    const { rows } = await pool.query('select 1');
    return rows;
  },
});`,
            },
            {
              messageId: 'lazySingleton',
              data: {"name":"pool","andEnd":" and drop `pool.end()`"},
              output: `import { Pool } from 'pg';
import Fastify from 'fastify';
const fastify = Fastify();
let pool;

fastify.route({
  method: 'GET',
  url: '/users',
  handler: async () => {
    pool ??= new Pool();
    const { rows } = await pool.query('select 1');
    return rows;
  },
});`,
            },
          ],
        },
      ],
    },
    {
      name: "koa: router callback and middleware",
      filename: "file.js",
      code: `import { Pool } from 'pg';
import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const router = new Router();
router.get('/users', async (ctx) => {
  const pool = new Pool();
  ctx.body = (await pool.query('select 1')).rows;
  await pool.end();
});
app.use(async (ctx, next) => {
  const pool = new Pool();
  await pool.end();
  await next();
});`,
      output: null,
      errors: [
        {
          messageId: 'perRequest',
          data: {"name":"pool","handler":"the route handler for `GET /users`"},
          line: 7,
          column: 16,
          endLine: 7,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'moveToModule',
              data: {"name":"pool","andEnd":" and drop `pool.end()`"},
              output: `import { Pool } from 'pg';
import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const router = new Router();
const pool = new Pool();

router.get('/users', async (ctx) => {
  ctx.body = (await pool.query('select 1')).rows;
});
app.use(async (ctx, next) => {
  const pool = new Pool();
  await pool.end();
  await next();
});`,
            },
            {
              messageId: 'lazySingleton',
              data: {"name":"pool","andEnd":" and drop `pool.end()`"},
              output: `import { Pool } from 'pg';
import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const router = new Router();
let pool;

router.get('/users', async (ctx) => {
  pool ??= new Pool();
  ctx.body = (await pool.query('select 1')).rows;
});
app.use(async (ctx, next) => {
  const pool = new Pool();
  await pool.end();
  await next();
});`,
            },
          ],
        },
        {
          messageId: 'perRequest',
          data: {"name":"pool","handler":"this middleware"},
          line: 12,
          column: 16,
          endLine: 12,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'moveToModule',
              data: {"name":"pool","andEnd":" and drop `pool.end()`"},
              output: `import { Pool } from 'pg';
import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const router = new Router();
router.get('/users', async (ctx) => {
  const pool = new Pool();
  ctx.body = (await pool.query('select 1')).rows;
  await pool.end();
});
const pool = new Pool();

app.use(async (ctx, next) => {
  await next();
});`,
            },
            {
              messageId: 'lazySingleton',
              data: {"name":"pool","andEnd":" and drop `pool.end()`"},
              output: `import { Pool } from 'pg';
import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const router = new Router();
router.get('/users', async (ctx) => {
  const pool = new Pool();
  ctx.body = (await pool.query('select 1')).rows;
  await pool.end();
});
let pool;

app.use(async (ctx, next) => {
  pool ??= new Pool();
  await next();
});`,
            },
          ],
        },
      ],
    },
    {
      name: "hapi: server.route({ method, path, handler })",
      filename: "file.js",
      code: `import { Pool } from 'pg';
import Hapi from '@hapi/hapi';
const server = Hapi.server();
server.route({
  method: 'GET',
  path: '/users',
  handler: async () => {
    const pool = new Pool();
    const { rows } = await pool.query('select 1');
    await pool.end();
    return rows;
  },
});`,
      output: null,
      errors: [
        {
          messageId: 'perRequest',
          data: {"name":"pool","handler":"the route handler for `/users`"},
          line: 8,
          column: 18,
          endLine: 8,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'moveToModule',
              data: {"name":"pool","andEnd":" and drop `pool.end()`"},
              output: `import { Pool } from 'pg';
import Hapi from '@hapi/hapi';
const server = Hapi.server();
const pool = new Pool();

server.route({
  method: 'GET',
  path: '/users',
  handler: async () => {
    const { rows } = await pool.query('select 1');
    return rows;
  },
});`,
            },
            {
              messageId: 'lazySingleton',
              data: {"name":"pool","andEnd":" and drop `pool.end()`"},
              output: `import { Pool } from 'pg';
import Hapi from '@hapi/hapi';
const server = Hapi.server();
let pool;

server.route({
  method: 'GET',
  path: '/users',
  handler: async () => {
    pool ??= new Pool();
    const { rows } = await pool.query('select 1');
    return rows;
  },
});`,
            },
          ],
        },
      ],
    },
    {
      name: "next.js: route.js GET export (globalThis suggestion offered)",
      filename: "app/api/users/route.js",
      code: `import { Pool } from 'pg';

export async function GET() {
  const pool = new Pool();
  const { rows } = await pool.query('select * from users');
  await pool.end();
  return Response.json(rows);
}`,
      output: null,
      errors: [
        {
          messageId: 'perRequest',
          data: {"name":"pool","handler":"the `GET` route handler"},
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'moveToModule',
              data: {"name":"pool","andEnd":" and drop `pool.end()`"},
              output: `import { Pool } from 'pg';

const pool = new Pool();

export async function GET() {
  const { rows } = await pool.query('select * from users');
  return Response.json(rows);
}`,
            },
            {
              messageId: 'lazySingleton',
              data: {"name":"pool","andEnd":" and drop `pool.end()`"},
              output: `import { Pool } from 'pg';

let pool;

export async function GET() {
  pool ??= new Pool();
  const { rows } = await pool.query('select * from users');
  return Response.json(rows);
}`,
            },
            {
              messageId: 'globalThisCache',
              data: {"name":"pool","andEnd":" and drop `pool.end()`"},
              output: `import { Pool } from 'pg';

const globalForPool = globalThis;

export async function GET() {
  const pool = (globalForPool.pool ??= new Pool());
  const { rows } = await pool.query('select * from users');
  return Response.json(rows);
}`,
            },
          ],
        },
      ],
    },
    {
      name: "next.js: pages/api default export",
      filename: "pages/api/users.js",
      code: `import { Pool } from 'pg';

export default async function handler(req, res) {
  const pool = new Pool();
  res.json((await pool.query('select 1')).rows);
  await pool.end();
}`,
      output: null,
      errors: [
        {
          messageId: 'perRequest',
          data: {"name":"pool","handler":"this API route"},
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'moveToModule',
              data: {"name":"pool","andEnd":" and drop `pool.end()`"},
              output: `import { Pool } from 'pg';

const pool = new Pool();

export default async function handler(req, res) {
  res.json((await pool.query('select 1')).rows);
}`,
            },
            {
              messageId: 'lazySingleton',
              data: {"name":"pool","andEnd":" and drop `pool.end()`"},
              output: `import { Pool } from 'pg';

let pool;

export default async function handler(req, res) {
  pool ??= new Pool();
  res.json((await pool.query('select 1')).rows);
}`,
            },
            {
              messageId: 'globalThisCache',
              data: {"name":"pool","andEnd":" and drop `pool.end()`"},
              output: `import { Pool } from 'pg';

const globalForPool = globalThis;

export default async function handler(req, res) {
  const pool = (globalForPool.pool ??= new Pool());
  res.json((await pool.query('select 1')).rows);
}`,
            },
          ],
        },
      ],
    },
    {
      name: "prisma: new PrismaClient in a Next.js route handler",
      filename: "app/api/users/route.ts",
      code: `import { PrismaClient } from '@prisma/client';

export const GET = async (): Promise<Response> => {
  const prisma = new PrismaClient();
  const users = await prisma.user.findMany();
  await prisma.$disconnect();
  return Response.json(users);
};`,
      output: null,
      errors: [
        {
          messageId: 'perRequest',
          data: {"name":"prisma","handler":"the `GET` route handler"},
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 36,
          suggestions: [
            {
              messageId: 'moveToModule',
              data: {"name":"prisma","andEnd":" and drop `prisma.$disconnect()`"},
              output: `import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export const GET = async (): Promise<Response> => {
  const users = await prisma.user.findMany();
  return Response.json(users);
};`,
            },
            {
              messageId: 'lazySingleton',
              data: {"name":"prisma","andEnd":" and drop `prisma.$disconnect()`"},
              output: `import { PrismaClient } from '@prisma/client';

let prisma: InstanceType<typeof PrismaClient> | undefined;

export const GET = async (): Promise<Response> => {
  prisma ??= new PrismaClient();
  const users = await prisma.user.findMany();
  return Response.json(users);
};`,
            },
            {
              messageId: 'globalThisCache',
              data: {"name":"prisma","andEnd":" and drop `prisma.$disconnect()`"},
              output: `import { PrismaClient } from '@prisma/client';

const globalForPrisma = globalThis as unknown as { prisma?: InstanceType<typeof PrismaClient> };

export const GET = async (): Promise<Response> => {
  const prisma = (globalForPrisma.prisma ??= new PrismaClient());
  const users = await prisma.user.findMany();
  return Response.json(users);
};`,
            },
          ],
        },
      ],
    },
    {
      name: "serverless: export const handler",
      filename: "file.js",
      code: `import { Pool } from 'pg';

export const handler = async (event) => {
  const pool = new Pool();
  const { rows } = await pool.query('select $1', [event.id]);
  await pool.end();
  return rows;
};`,
      output: null,
      errors: [
        {
          messageId: 'perRequest',
          data: {"name":"pool","handler":"the serverless `handler`"},
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'moveToModule',
              data: {"name":"pool","andEnd":" and drop `pool.end()`"},
              output: `import { Pool } from 'pg';

const pool = new Pool();

export const handler = async (event) => {
  const { rows } = await pool.query('select $1', [event.id]);
  return rows;
};`,
            },
            {
              messageId: 'lazySingleton',
              data: {"name":"pool","andEnd":" and drop `pool.end()`"},
              output: `import { Pool } from 'pg';

let pool;

export const handler = async (event) => {
  pool ??= new Pool();
  const { rows } = await pool.query('select $1', [event.id]);
  return rows;
};`,
            },
          ],
        },
      ],
    },
    {
      name: "serverless: exports.handler in CommonJS",
      filename: "lambda.cjs",
      code: `const { Pool } = require('pg');
exports.handler = async function (event) {
  const pool = new Pool();
  const { rows } = await pool.query('select $1', [event.id]);
  await pool.end();
  return rows;
};`,
      output: null,
      errors: [
        {
          messageId: 'perRequest',
          data: {"name":"pool","handler":"the serverless `handler`"},
          line: 3,
          column: 16,
          endLine: 3,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'moveToModule',
              data: {"name":"pool","andEnd":" and drop `pool.end()`"},
              output: `const { Pool } = require('pg');
const pool = new Pool();

exports.handler = async function (event) {
  const { rows } = await pool.query('select $1', [event.id]);
  return rows;
};`,
            },
            {
              messageId: 'lazySingleton',
              data: {"name":"pool","andEnd":" and drop `pool.end()`"},
              output: `const { Pool } = require('pg');
let pool;

exports.handler = async function (event) {
  pool ??= new Pool();
  const { rows } = await pool.query('select $1', [event.id]);
  return rows;
};`,
            },
          ],
        },
      ],
    },
    {
      name: "nestjs: controller method",
      code: `import { Pool } from 'pg';

declare function Controller(path?: string): ClassDecorator;
declare function Get(path?: string): MethodDecorator;
@Controller('users')
export class UsersController {
  @Get()
  async list() {
    const pool = new Pool();
    try {
      return (await pool.query('select 1')).rows;
    } finally {
      await pool.end();
    }
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'perRequest',
          data: {"name":"pool","handler":"the controller method `list`"},
          line: 9,
          column: 18,
          endLine: 9,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'moveToModule',
              data: {"name":"pool","andEnd":" and drop `pool.end()`"},
              output: `import { Pool } from 'pg';

declare function Controller(path?: string): ClassDecorator;
declare function Get(path?: string): MethodDecorator;
const pool = new Pool();

@Controller('users')
export class UsersController {
  @Get()
  async list() {
    return (await pool.query('select 1')).rows;
  }
}`,
            },
            {
              messageId: 'lazySingleton',
              data: {"name":"pool","andEnd":" and drop `pool.end()`"},
              output: `import { Pool } from 'pg';

declare function Controller(path?: string): ClassDecorator;
declare function Get(path?: string): MethodDecorator;
let pool: InstanceType<typeof Pool> | undefined;

@Controller('users')
export class UsersController {
  @Get()
  async list() {
    pool ??= new Pool();
    return (await pool.query('select 1')).rows;
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: "class: a pool per instance, and the class is instantiated per call",
      filename: "file.js",
      code: `import { Pool } from 'pg';

class Repo {
  pool = new Pool();
}
export function handle() {
  return new Repo();
}`,
      output: null,
      errors: [
        {
          messageId: 'perInstance',
          data: {"name":"new Pool()","className":"Repo","line":"7"},
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 20,
        },
      ],
    },
    {
      name: "class: constructor stores the pool and the class is instantiated in a function",
      filename: "file.js",
      code: `import { Pool } from 'pg';

class Repo {
  constructor() {
    this.pool = new Pool();
  }
}
export async function handle() {
  const repo = new Repo();
  return repo.pool.query('select 1');
}`,
      output: null,
      errors: [
        {
          messageId: 'perInstance',
          data: {"name":"this.pool","className":"Repo","line":"9"},
          line: 5,
          column: 17,
          endLine: 5,
          endColumn: 27,
        },
      ],
    },
    {
      name: "mysql2: createPool in a function",
      filename: "file.js",
      code: `import mysql from 'mysql2/promise';
export async function count() {
  const pool = mysql.createPool({ host: 'db' });
  const [rows] = await pool.query('select count(*) from t');
  return rows;
}`,
      output: null,
      errors: [
        {
          messageId: 'notCached',
          data: {"name":"pool","fn":"`count`"},
          line: 3,
          column: 16,
          endLine: 3,
          endColumn: 48,
          suggestions: [
            {
              messageId: 'moveToModule',
              data: {"name":"pool","andEnd":""},
              output: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ host: 'db' });

export async function count() {
  const [rows] = await pool.query('select count(*) from t');
  return rows;
}`,
            },
            {
              messageId: 'lazySingleton',
              data: {"name":"pool","andEnd":""},
              output: `import mysql from 'mysql2/promise';
let pool;

export async function count() {
  pool ??= mysql.createPool({ host: 'db' });
  const [rows] = await pool.query('select count(*) from t');
  return rows;
}`,
            },
          ],
        },
      ],
    },
    {
      name: "knex: knex(cfg) in a function (CommonJS)",
      filename: "db.cjs",
      code: `const knex = require('knex');
module.exports.count = async function count() {
  const db = knex({ client: 'pg' });
  return db('users').count();
};`,
      output: null,
      errors: [
        {
          messageId: 'notCached',
          data: {"name":"db","fn":"`count`"},
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 36,
          suggestions: [
            {
              messageId: 'moveToModule',
              data: {"name":"db","andEnd":""},
              output: `const knex = require('knex');
const db = knex({ client: 'pg' });

module.exports.count = async function count() {
  return db('users').count();
};`,
            },
            {
              messageId: 'lazySingleton',
              data: {"name":"db","andEnd":""},
              output: `const knex = require('knex');
let db;

module.exports.count = async function count() {
  db ??= knex({ client: 'pg' });
  return db('users').count();
};`,
            },
          ],
        },
      ],
    },
    {
      name: "mongodb: new MongoClient in a function",
      filename: "file.js",
      code: `import { MongoClient } from 'mongodb';
export async function findUser(id) {
  const client = new MongoClient('mongodb://localhost');
  return client.db('app').collection('users').findOne({ id });
}`,
      output: null,
      errors: [
        {
          messageId: 'notCached',
          data: {"name":"client","fn":"`findUser`"},
          line: 3,
          column: 18,
          endLine: 3,
          endColumn: 56,
          suggestions: [
            {
              messageId: 'moveToModule',
              data: {"name":"client","andEnd":""},
              output: `import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://localhost');

export async function findUser(id) {
  return client.db('app').collection('users').findOne({ id });
}`,
            },
            {
              messageId: 'lazySingleton',
              data: {"name":"client","andEnd":""},
              output: `import { MongoClient } from 'mongodb';
let client;

export async function findUser(id) {
  client ??= new MongoClient('mongodb://localhost');
  return client.db('app').collection('users').findOne({ id });
}`,
            },
          ],
        },
      ],
    },
    {
      name: "drizzle: drizzle(url) inside a handler",
      filename: "file.js",
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
export const handler = async () => {
  const db = drizzle(process.env.DATABASE_URL);
  return db.execute('select 1');
};`,
      output: null,
      errors: [
        {
          messageId: 'perRequest',
          data: {"name":"db","handler":"the serverless `handler`"},
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 47,
          suggestions: [
            {
              messageId: 'moveToModule',
              data: {"name":"db","andEnd":""},
              output: `import { drizzle } from 'drizzle-orm/node-postgres';
const db = drizzle(process.env.DATABASE_URL);

export const handler = async () => {
  return db.execute('select 1');
};`,
            },
            {
              messageId: 'lazySingleton',
              data: {"name":"db","andEnd":""},
              output: `import { drizzle } from 'drizzle-orm/node-postgres';
let db;

export const handler = async () => {
  db ??= drizzle(process.env.DATABASE_URL);
  return db.execute('select 1');
};`,
            },
          ],
        },
      ],
    },
    {
      name: "neon: Pool outside an edge runtime is a pg pool",
      filename: "file.js",
      code: `import { Pool } from '@neondatabase/serverless';
export async function GET() {
  const pool = new Pool();
  return (await pool.query('select 1')).rows;
}`,
      output: null,
      errors: [
        {
          messageId: 'notCached',
          data: {"name":"pool","fn":"`GET`"},
          line: 3,
          column: 16,
          endLine: 3,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'moveToModule',
              data: {"name":"pool","andEnd":""},
              output: `import { Pool } from '@neondatabase/serverless';
const pool = new Pool();

export async function GET() {
  return (await pool.query('select 1')).rows;
}`,
            },
            {
              messageId: 'lazySingleton',
              data: {"name":"pool","andEnd":""},
              output: `import { Pool } from '@neondatabase/serverless';
let pool;

export async function GET() {
  pool ??= new Pool();
  return (await pool.query('select 1')).rows;
}`,
            },
          ],
        },
      ],
    },
    {
      name: "pg: a pool created inside drizzle(new Pool()) in a function",
      filename: "file.js",
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
export async function run() {
  const db = drizzle(new Pool());
  return db.execute('select 1');
}`,
      output: null,
      errors: [
        {
          messageId: 'notCached',
          data: {"name":"db","fn":"`run`"},
          line: 4,
          column: 22,
          endLine: 4,
          endColumn: 32,
        },
      ],
    },
    {
      name: "pg: used and dropped",
      filename: "file.js",
      code: `import { Pool } from 'pg';

export async function ping() {
  await new Pool().query('select 1');
}`,
      output: null,
      errors: [
        {
          messageId: 'notCached',
          data: {"name":"new Pool()","fn":"`ping`"},
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 19,
        },
      ],
    },
    {
      name: "pg: autofix \"all\" applies the first suggestion",
      filename: "file.js",
      settings: { 'connection-hygiene': {"autofix":"all"} },
      code: `import { Pool } from 'pg';

export async function listUsers() {
  const pool = new Pool();
  return (await pool.query('select 1')).rows;
}`,
      output: `import { Pool } from 'pg';

const pool = new Pool();

export async function listUsers() {
  return (await pool.query('select 1')).rows;
}`,
      errors: [
        {
          messageId: 'notCached',
          data: {"name":"pool","fn":"`listUsers`"},
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'moveToModule',
              data: {"name":"pool","andEnd":""},
              output: `import { Pool } from 'pg';

const pool = new Pool();

export async function listUsers() {
  return (await pool.query('select 1')).rows;
}`,
            },
            {
              messageId: 'lazySingleton',
              data: {"name":"pool","andEnd":""},
              output: `import { Pool } from 'pg';

let pool;

export async function listUsers() {
  pool ??= new Pool();
  return (await pool.query('select 1')).rows;
}`,
            },
          ],
        },
      ],
    },

    {
      name: "mysql2: a pool stored on a local holder that never leaves the function is not kept",
      code: `import mysql from 'mysql2';
export async function count(options) {
  const db = {};
  const pool = mysql.createPool(options);
  db.pool = pool;
  const [rows] = await db.pool.promise().query('SELECT COUNT(*) AS n FROM users');
  return rows[0].n;
}`,
      errors: [
        {
          messageId: 'notCached',
          data: {"name": "pool", "fn": "`count`"},
          line: 4, column: 16, endLine: 4, endColumn: 41,
        },
      ],
    },
    {
      name: "mongodb: callback-form MongoClient.connect whose client is neither kept nor closed",
      code: `import { MongoClient } from 'mongodb';
export function record(url, doc) {
  MongoClient.connect(url, (error, client) => {
    if (error) throw error;
    client.db().collection('events').insertOne(doc);
  });
}`,
      errors: [
        {
          messageId: 'notCached',
          data: {"name": "MongoClient.connect()", "fn": "`record`"},
          line: 3, column: 3, endLine: 6, endColumn: 5,
        },
      ],
    },
    // catalog additions: pre-0.3/1.x entry points and drivers seen in real code
    {
      name: "typeorm 0.3: createConnection() per request",
      code: `import { createConnection } from 'typeorm';
export async function handler(req, res) {
  const connection = await createConnection({ type: 'postgres', url: process.env.DATABASE_URL });
  res.json(await connection.query('select * from users'));
}`,
      errors: [
        { messageId: 'perRequest', data: {"name":"connection","handler":"the serverless `handler`"}, line: 3, column: 28, endLine: 3, endColumn: 97 },
      ],
    },
    {
      name: "mongoose: createConnection(uri).asPromise() per call",
      code: `import mongoose from 'mongoose';
export async function tenantModel(uri) {
  const conn = await mongoose.createConnection(uri).asPromise();
  return conn.model('Tenant');
}`,
      errors: [
        { messageId: 'notCached', data: {"name":"conn","fn":"`tenantModel`"}, line: 3, column: 22, endLine: 3, endColumn: 52 },
      ],
    },
    {
      name: "@clickhouse/client: createClient() per request",
      code: `import { createClient } from '@clickhouse/client';
export async function handler(req: unknown, res: { json(v: unknown): void }) {
  const clickhouse = createClient({ url: process.env.CLICKHOUSE_URL });
  const rs = await clickhouse.query({ query: 'select 1', format: 'JSONEachRow' });
  res.json(await rs.json());
}`,
      errors: [
        { messageId: 'perRequest', data: {"name":"clickhouse","handler":"the serverless `handler`"}, line: 3, column: 22, endLine: 3, endColumn: 71,
          suggestions: [
            { messageId: 'moveToModule', data: {"name":"clickhouse","andEnd":""}, output: `import { createClient } from '@clickhouse/client';
const clickhouse = createClient({ url: process.env.CLICKHOUSE_URL });

export async function handler(req: unknown, res: { json(v: unknown): void }) {
  const rs = await clickhouse.query({ query: 'select 1', format: 'JSONEachRow' });
  res.json(await rs.json());
}` },
            { messageId: 'lazySingleton', data: {"name":"clickhouse","andEnd":""}, output: `import { createClient } from '@clickhouse/client';
let clickhouse: ReturnType<typeof createClient> | undefined;

export async function handler(req: unknown, res: { json(v: unknown): void }) {
  clickhouse ??= createClient({ url: process.env.CLICKHOUSE_URL });
  const rs = await clickhouse.query({ query: 'select 1', format: 'JSONEachRow' });
  res.json(await rs.json());
}` },
          ],
        },
      ],
    },
    {
      name: "@databricks/sql: a client connected per call",
      code: `import { DBSQLClient } from '@databricks/sql';
export async function openWarehouse(options) {
  const client = await new DBSQLClient().connect(options);
  return client.openSession();
}`,
      errors: [
        { messageId: 'notCached', data: {"name":"client","fn":"`openWarehouse`"}, line: 3, column: 24, endLine: 3, endColumn: 41 },
      ],
    },
  ],
});
