import rule from '../../rules/no-floating-query.js';
import { runRuleTests } from '../rule-tester.js';

// Every prefix is two lines, so the code under test starts on line 3.
const pg = `import { Pool, Client } from 'pg';\nconst pool = new Pool();\n`;
const mysql2 = `import mysql from 'mysql2/promise';\nconst pool = mysql.createPool({});\n`;
const knex = `import knex from 'knex';\nconst db = knex({ client: 'pg' });\n`;
const typeorm = `import { DataSource } from 'typeorm';\nconst ds = new DataSource({ type: 'postgres' });\n`;
const sequelize = `import { Sequelize } from 'sequelize';\nconst sequelize = new Sequelize('postgres://localhost/db');\n`;
const prisma = `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\n`;
const postgresJs = `import postgres from 'postgres';\nconst sql = postgres();\n`;

const floating = (call: string) => ({ call });

runRuleTests('no-floating-query', rule, {
  valid: [
    { name: "a Knex migration's up(knex) that awaits its queries", filename: 'migrations/20200510_domains.js', code: `exports.up = async function (knex) {\n  await knex.raw('select 1');\n};` },
    { name: 'an up(knex) outside a migrations folder is not a migration', filename: 'src/setup.js', code: `exports.up = function (knex) {\n  knex.raw('select 1');\n};` },
    // Review set: callback-form queries with the callback passed by name return no promise.
    `${pg}export class Repo {\n  constructor() { this.db = pool; }\n  run(sql, params, done) { this.db.query(sql, params, done); }\n}`,
    `${pg}function onRows(err, result) {}\nexport function f(sql, params) {\n  pool.query(sql, params, onRows);\n}`,
    `${pg}export class Repo {\n  onRows(err, result) {}\n  f(sql) { pool.query(sql, [], this.onRows.bind(this)); }\n}`,
    { name: 'pg: awaited', code: `${pg}export async function f() {\n  await pool.query('SELECT 1');\n}` },
    { name: 'pg: returned', code: `${pg}export function f() {\n  return pool.query('SELECT 1');\n}` },
    { name: 'pg: an arrow body', code: `${pg}export const f = () => pool.query('SELECT 1');` },
    { name: 'pg: yielded', code: `${pg}export function* f() {\n  yield pool.query('SELECT 1');\n}` },
    { name: 'pg: chained with catch', code: `${pg}pool.query('SELECT 1').catch((e) => console.error(e));` },
    { name: 'pg: then with a rejection handler', code: `${pg}pool.query('SELECT 1').then(console.log, console.error);` },
    { name: 'pg: then, finally, then catch', code: `${pg}pool.query('SELECT 1').then(console.log).finally(() => {}).catch(console.error);` },
    { name: 'pg: explicitly voided', code: `${pg}void pool.query('SELECT 1');` },
    { name: 'pg: collected into Promise.all', code: `${pg}await Promise.all([pool.query('SELECT 1'), pool.query('SELECT 2')]);` },
    { name: 'pg: assigned and awaited later', code: `${pg}export async function f() {\n  const a = pool.query('SELECT 1');\n  const b = pool.query('SELECT 2');\n  return [await a, await b];\n}` },
    { name: 'pg: handed to a function', code: `${pg}export function f(res: { send(p: unknown): void }) {\n  res.send(pool.query('SELECT 1'));\n}` },
    { name: 'pg: the callback form', code: `${pg}pool.query('SELECT 1', (err, res) => console.log(err, res));` },
    { name: 'pg: a submitted cursor is not a promise', code: `import Cursor from 'pg-cursor';\n${pg}const client = await pool.connect();\nconst cursor = client.query(new Cursor('SELECT 1'));\nawait cursor.close();\nclient.release();` },
    { name: 'pg: a direct connection is not a lease or pool', code: `${pg}const client = new Client();\nclient.query('SELECT 1');` },
    { name: 'pg: unknown receiver', code: `${pg}declare const other: { query(s: string): Promise<void> };\nother.query('SELECT 1');` },
    { name: 'no driver in the file', code: `const pool = { query: async () => 1 };\npool.query('SELECT 1');` },
    {
      name: 'pg: stored, awaited inside the try that the finally releases after',
      code: `${pg}export async function f() {\n  const client = await pool.connect();\n  const p = client.query('SELECT 1');\n  try {\n    return await p;\n  } finally {\n    client.release();\n  }\n}`,
    },
    {
      name: 'pg: stored, awaited before the release',
      code: `${pg}export async function f() {\n  const client = await pool.connect();\n  const p = client.query('SELECT 1');\n  await p;\n  client.release();\n}`,
    },
    {
      name: 'pg: a query in a nested callback is not pending at the outer release',
      code: `${pg}export async function f() {\n  const client = await pool.connect();\n  try {\n    await Promise.all([1, 2].map((id) => client.query('SELECT $1', [id])));\n  } finally {\n    client.release();\n  }\n}`,
    },
    { name: 'pg: odd syntax (TS wrappers, optional chains, computed members)', code: `${pg}export async function f(m: string) {\n  await (pool.query('SELECT 1') as Promise<unknown>);\n  await pool?.query('SELECT 1')!;\n  await (pool as any)[m]('SELECT 1');\n}` },
    { name: 'mysql2 (callback API): query returns a Query object', code: `import mysql from 'mysql2';\nconst pool = mysql.createPool({});\npool.query('UPDATE t SET x = 1');` },
    { name: 'mysql (callback API): query without a callback', code: `import mysql from 'mysql';\nconst pool = mysql.createPool({});\npool.getConnection((err, conn) => {\n  conn.query('UPDATE t SET x = 1');\n  conn.release();\n});` },
    { name: 'mariadb (callback API): queries deliver through callbacks', code: `import mariadb from 'mariadb/callback';\nconst pool = mariadb.createPool({});\npool.getConnection((err, conn) => {\n  conn.query('UPDATE t SET x = 1');\n  conn.release();\n});` },
    { name: 'better-sqlite3: synchronous exec on a connection', code: `import Database from 'better-sqlite3';\nconst db = new Database(':memory:');\ndb.exec('CREATE TABLE t (x)');` },
    { name: 'pg: a TS cast around the callee', code: `${pg}export async function f() {\n  await (pool.query as (s: string) => Promise<unknown>)('SELECT 1');\n}` },
    { name: 'mysql2: awaited on a lease', code: `${mysql2}const conn = await pool.getConnection();\ntry { await conn.execute('SELECT 1'); } finally { conn.release(); }` },
    { name: 'knex: db.raw used as a value in a builder', code: `${knex}await db('t').insert({ at: db.raw('now()') });` },
    { name: 'knex: returned from a managed transaction', code: `${knex}await db.transaction((trx) => trx.raw('UPDATE t SET x = 1'));` },
    { name: 'typeorm: awaited on a query runner', code: `${typeorm}const qr = ds.createQueryRunner();\ntry { await qr.query('SELECT 1'); } finally { await qr.release(); }` },
    { name: 'sequelize: awaited', code: `${sequelize}await sequelize.query('SELECT 1');` },
    { name: 'prisma: raw queries collected into $transaction', code: `${prisma}await prisma.$transaction([prisma.$executeRaw\`UPDATE a SET x = 1\`, prisma.$executeRaw\`UPDATE b SET x = 1\`]);` },
    { name: 'postgres.js: a fragment inside another query', code: `${postgresJs}const where = sql\`WHERE id = \${1}\`;\nawait sql\`SELECT * FROM t \${where}\`;` },
    { name: 'postgres.js: queries returned from sql.begin', code: `${postgresJs}await sql.begin((sql) => [sql\`UPDATE a SET x = 1\`, sql\`UPDATE b SET x = 1\`]);` },
    {
      name: "a mongo shell init script's global db runs synchronously: no promise to await",
      filename: 'docker/mongo-init.js',
      code: `db.users.insertMany([{ name: 'admin' }]);\ndb.users.createIndex({ name: 1 });`,
    },
    {
      name: 'a local object whose method happens to be called insertOne is not a collection',
      code: `const store = { rows: [], insertOne(row) { this.rows.push(row); } };\nexport function add(row) {\n  store.insertOne(row);\n}`,
    },
    {
      name: 'a collection write that is awaited, or whose rejection is handled',
      code: `export async function f(context, doc) {\n  const { Orders } = context.collections;\n  await Orders.insertOne(doc);\n  Orders.updateOne({ _id: doc._id }, { $set: { seen: true } }).catch(() => {});\n}`,
    },
    {
      name: "a class's own method called insertOne/updateOne (a repository, Mongoose's own Document) is not a collection",
      code: `export class Orders {\n  insertOne(doc) { return this.store.push(doc); }\n  touch(doc) {\n    this.insertOne(doc);\n  }\n}`,
    },
    {
      name: 'a query builder the file constructs (new Query(…)) is not a collection: deleteOne() only sets its operation',
      code: `export function remove(Query, model, where) {\n  const query = new Query({}, {}, model);\n  query.deleteOne(where);\n  return query;\n}`,
    },
    {
      name: "a Mongoose Query made by a model call and then configured (query.deleteOne(where)) is not a collection",
      code: `export function remove(Model, where) {\n  const query = Model.deleteOne();\n  query.deleteOne(where);\n  return query;\n}`,
    },
  ],
  invalid: [
    {
      name: 'a Mongoose model update neither awaited nor exec()-ed: the Query never runs',
      code: `import mongoose from 'mongoose';\nconst User = mongoose.model('User', new mongoose.Schema({ name: String }));\nexport function touch(id) {\n  User.updateOne({ _id: id }, { $set: { seen: true } });\n}`,
      errors: [{ messageId: 'floating', data: floating('User.updateOne(…)'), line: 4, column: 3, endLine: 4, endColumn: 56 }],
    },
    {
      name: 'review: a MongoDB collection write from an injected collections map, neither awaited nor handled (reaction)',
      code: `export function onDelete(context, product) {\n  const { collections } = context;\n  collections.Catalog.updateOne({ productId: product._id }, { $set: { isDeleted: true } });\n}`,
      errors: [{ messageId: 'floating', data: floating('collections.Catalog.updateOne(…)'), line: 3, column: 3, endLine: 3, endColumn: 91 }],
    },
    {
      name: 'a write on a proven mongodb collection, neither awaited nor handled',
      code: `import { MongoClient } from 'mongodb';\nconst client = new MongoClient('mongodb://localhost');\nexport function log(entry) {\n  client.db().collection('log').insertOne(entry);\n}`,
      errors: [{ messageId: 'floating', data: floating("client.db().collection('log').insertOne(…)"), line: 4, column: 3, endLine: 4, endColumn: 49 }],
    },
    {
      name: "a Knex migration's up(knex): a raw query neither awaited nor returned never runs",
      filename: 'migrations/20200510_domains.js',
      code: `exports.up = function (knex) {\n  knex.raw('ALTER TABLE domains DROP CONSTRAINT domains_name_key');\n  return knex.schema.table('domains', (t) => t.string('homepage'));\n};`,
      errors: [
        {
          messageId: 'floating',
          data: floating('knex.raw(…)'),
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 67,
          suggestions: [],
        },
      ],
    },
    {
      name: 'pg: a bare query whose last argument is data (`params`), not a callback',
      code: `${pg}export async function f(sql, params) {\n  pool.query(sql, params);\n}`,
      errors: [
        {
          messageId: 'floating',
          data: floating('pool.query(…)'),
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 26,
          suggestions: [{ messageId: 'awaitQuery', data: floating('pool.query(…)'), output: `${pg}export async function f(sql, params) {\n  await pool.query(sql, params);\n}` }],
        },
      ],
    },
    {
      name: 'pg: a bare query on the pool',
      code: `${pg}export async function f() {\n  pool.query('UPDATE t SET x = 1');\n}`,
      errors: [
        {
          messageId: 'floating',
          data: floating('pool.query(…)'),
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 35,
          suggestions: [{ messageId: 'awaitQuery', data: floating('pool.query(…)'), output: `${pg}export async function f() {\n  await pool.query('UPDATE t SET x = 1');\n}` }],
        },
      ],
    },
    {
      name: 'pg: a bare query on a lease, released in finally while it runs',
      code: `${pg}export async function f() {\n  const client = await pool.connect();\n  try {\n    client.query('UPDATE t SET x = 1');\n  } finally {\n    client.release();\n  }\n}`,
      errors: [
        {
          messageId: 'floatingBeforeRelease',
          data: { call: 'client.query(…)', release: 'client.release()', line: '8', name: 'client' },
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 39,
          suggestions: [
            {
              messageId: 'awaitQuery',
              data: floating('client.query(…)'),
              output: `${pg}export async function f() {\n  const client = await pool.connect();\n  try {\n    await client.query('UPDATE t SET x = 1');\n  } finally {\n    client.release();\n  }\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'pg: the callback form of connect, released with done()',
      code: `${pg}pool.connect((err, client, done) => {\n  if (err) return;\n  client.query('UPDATE t SET x = 1');\n  done();\n});`,
      errors: [
        {
          messageId: 'floatingBeforeRelease',
          data: { call: 'client.query(…)', release: 'done()', line: '6', name: 'client' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 37,
        },
      ],
    },
    {
      name: 'pg: then without a rejection handler (no suggestion outside async functions)',
      code: `${pg}export function f() {\n  pool.query('SELECT 1').then((r) => console.log(r.rows));\n}`,
      errors: [{ messageId: 'noRejectionHandler', data: floating('pool.query(…)'), line: 4, column: 3, endLine: 4, endColumn: 25 }],
    },
    {
      name: 'pg: finally alone does not handle the rejection',
      code: `${pg}export async function f() {\n  pool.query('SELECT 1').finally(() => console.log('done'));\n}`,
      errors: [
        {
          messageId: 'noRejectionHandler',
          data: floating('pool.query(…)'),
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 25,
          suggestions: [{ messageId: 'awaitQuery', data: floating('pool.query(…)'), output: `${pg}export async function f() {\n  await pool.query('SELECT 1').finally(() => console.log('done'));\n}` }],
        },
      ],
    },
    {
      name: 'pg: stored and never awaited',
      code: `${pg}export async function f() {\n  const pending = pool.query('SELECT 1');\n}`,
      errors: [
        {
          messageId: 'storedNeverAwaited',
          data: { call: 'pool.query(…)', variable: 'pending' },
          line: 4,
          column: 19,
          endLine: 4,
          endColumn: 41,
          suggestions: [{ messageId: 'awaitQuery', data: floating('pool.query(…)'), output: `${pg}export async function f() {\n  const pending = await pool.query('SELECT 1');\n}` }],
        },
      ],
    },
    {
      name: 'pg: stored and awaited only after the release',
      code: `${pg}export async function f() {\n  const client = await pool.connect();\n  const pending = client.query('SELECT 1');\n  client.release();\n  return (await pending).rows;\n}`,
      errors: [
        {
          messageId: 'pendingAtRelease',
          data: { call: 'client.query(…)', release: 'client.release()', line: '6', name: 'client', variable: 'pending' },
          line: 5,
          column: 19,
          endLine: 5,
          endColumn: 43,
        },
      ],
    },
    {
      name: 'pg: in a loop, through an optional chain',
      code: `${pg}export async function f() {\n  for (const id of [1, 2]) pool?.query('DELETE FROM t WHERE id = $1', [id]);\n}`,
      errors: [
        {
          messageId: 'floating',
          data: floating('pool?.query(…)'),
          line: 4,
          column: 28,
          endLine: 4,
          endColumn: 76,
          suggestions: [{ messageId: 'awaitQuery', data: floating('pool?.query(…)'), output: `${pg}export async function f() {\n  for (const id of [1, 2]) await pool?.query('DELETE FROM t WHERE id = $1', [id]);\n}` }],
        },
      ],
    },
    {
      name: 'pg: discarded in a sequence expression',
      code: `${pg}export async function f() {\n  (console.log('x'), pool.query('SELECT 1'));\n}`,
      errors: [
        {
          messageId: 'floating',
          data: floating('pool.query(…)'),
          line: 4,
          column: 22,
          endLine: 4,
          endColumn: 44,
          suggestions: [{ messageId: 'awaitQuery', data: floating('pool.query(…)'), output: `${pg}export async function f() {\n  (console.log('x'), await pool.query('SELECT 1'));\n}` }],
        },
      ],
    },
    {
      name: 'mysql2: execute on a lease before its release (TS)',
      code: `${mysql2}export async function f(id: number): Promise<void> {\n  const conn = await pool.getConnection();\n  conn.execute('DELETE FROM t WHERE id = ?', [id]);\n  conn.release();\n}`,
      errors: [
        {
          messageId: 'floatingBeforeRelease',
          data: { call: 'conn.execute(…)', release: 'conn.release()', line: '6', name: 'conn' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 51,
          suggestions: [
            {
              messageId: 'awaitQuery',
              data: floating('conn.execute(…)'),
              output: `${mysql2}export async function f(id: number): Promise<void> {\n  const conn = await pool.getConnection();\n  await conn.execute('DELETE FROM t WHERE id = ?', [id]);\n  conn.release();\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'knex: a raw query floating inside a managed transaction',
      code: `${knex}await db.transaction(async (trx) => {\n  trx.raw('UPDATE t SET x = 1');\n});`,
      errors: [
        {
          messageId: 'floating',
          data: floating('trx.raw(…)'),
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 32,
          suggestions: [{ messageId: 'awaitQuery', data: floating('trx.raw(…)'), output: `${knex}await db.transaction(async (trx) => {\n  await trx.raw('UPDATE t SET x = 1');\n});` }],
        },
      ],
    },
    {
      name: 'typeorm: a query runner released while its query runs',
      code: `${typeorm}export async function f() {\n  const qr = ds.createQueryRunner();\n  qr.query('UPDATE t SET x = 1');\n  await qr.release();\n}`,
      errors: [
        {
          messageId: 'floatingBeforeRelease',
          data: { call: 'qr.query(…)', release: 'qr.release()', line: '6', name: 'qr' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 33,
          suggestions: [
            {
              messageId: 'awaitQuery',
              data: floating('qr.query(…)'),
              output: `${typeorm}export async function f() {\n  const qr = ds.createQueryRunner();\n  await qr.query('UPDATE t SET x = 1');\n  await qr.release();\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'sequelize: discarded behind &&',
      code: `${sequelize}export async function f(ok) {\n  ok && sequelize.query('UPDATE t SET x = 1');\n}`,
      errors: [
        {
          messageId: 'floating',
          data: floating('sequelize.query(…)'),
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 46,
          suggestions: [{ messageId: 'awaitQuery', data: floating('sequelize.query(…)'), output: `${sequelize}export async function f(ok) {\n  ok && await sequelize.query('UPDATE t SET x = 1');\n}` }],
        },
      ],
    },
    {
      name: 'prisma: a lazy raw query that never runs',
      code: `${prisma}export async function f() {\n  prisma.$executeRaw\`UPDATE t SET x = 1\`;\n}`,
      errors: [
        {
          messageId: 'floating',
          data: floating('prisma.$executeRaw`…`'),
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 41,
          suggestions: [{ messageId: 'awaitQuery', data: floating('prisma.$executeRaw`…`'), output: `${prisma}export async function f() {\n  await prisma.$executeRaw\`UPDATE t SET x = 1\`;\n}` }],
        },
      ],
    },
    {
      name: 'postgres.js: a tagged query on the pool',
      code: `${postgresJs}export function f() {\n  sql\`UPDATE t SET x = 1\`;\n}`,
      errors: [{ messageId: 'floating', data: floating('sql`…`'), line: 4, column: 3, endLine: 4, endColumn: 26 }],
    },
    {
      name: 'postgres.js: a tagged query inside sql.begin',
      code: `${postgresJs}await sql.begin(async (sql) => {\n  sql\`UPDATE t SET x = 1\`;\n});`,
      errors: [
        {
          messageId: 'floating',
          data: floating('sql`…`'),
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 26,
          suggestions: [{ messageId: 'awaitQuery', data: floating('sql`…`'), output: `${postgresJs}await sql.begin(async (sql) => {\n  await sql\`UPDATE t SET x = 1\`;\n});` }],
        },
      ],
    },
    {
      name: 'pg: a TS cast around the callee is named without it',
      code: `${pg}export function f() {\n  (pool.query as (s: string) => Promise<unknown>)('SELECT 1');\n}`,
      errors: [{ messageId: 'floating', data: floating('pool.query(…)'), line: 4, column: 3, endLine: 4, endColumn: 62 }],
    },
    {
      name: 'pg: autofix "all" applies the await suggestion',
      code: `${pg}export async function f() {\n  pool.query('UPDATE t SET x = 1');\n}`,
      settings: { 'connection-hygiene': { autofix: 'all' } },
      output: `${pg}export async function f() {\n  await pool.query('UPDATE t SET x = 1');\n}`,
      errors: [
        {
          messageId: 'floating',
          data: floating('pool.query(…)'),
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 35,
          suggestions: [{ messageId: 'awaitQuery', data: floating('pool.query(…)'), output: `${pg}export async function f() {\n  await pool.query('UPDATE t SET x = 1');\n}` }],
        },
      ],
    },
  ],
});
