import rule from '../../rules/prefer-pool-query.js';
import { runRuleTests } from '../rule-tester.js';

// Every prefix is two lines, so the code under test starts on line 3.
const pg = `import { Pool } from 'pg';\nconst pool = new Pool();\n`;
const mysql2 = `import mysql from 'mysql2/promise';\nconst pool = mysql.createPool({});\n`;
const typeorm = `import { DataSource } from 'typeorm';\nconst ds = new DataSource({ type: 'postgres' });\n`;
const postgresJs = `import postgres from 'postgres';\nconst sql = postgres();\n`;

/** The guarded pg shape around one statement. */
const guarded = (statement: string, release = 'client.release();'): string =>
  `${pg}export async function f(q: string) {\n  const client = await pool.connect();\n  try {\n    ${statement}\n  } finally {\n    ${release}\n  }\n}`;

runRuleTests('prefer-pool-query', rule, {
  valid: [
    { name: 'pg: already the pool one-shot', code: `${pg}export const f = async (q: string) => (await pool.query(q)).rows;` },
    { name: 'pg: two queries on the lease', code: `${pg}export async function f() {\n  const client = await pool.connect();\n  try {\n    await client.query('SET search_path TO app');\n    return await client.query('SELECT 1');\n  } finally {\n    client.release();\n  }\n}` },
    { name: 'pg: a transaction statement', code: guarded("return await client.query('BEGIN');") },
    { name: 'pg: a session setting', code: guarded("await client.query('SET statement_timeout = 1000');") },
    { name: 'pg: LISTEN', code: guarded("await client.query('LISTEN jobs');") },
    { name: 'pg: a temporary table', code: guarded("await client.query('CREATE TEMP TABLE x (id int)');") },
    { name: 'pg: a cursor is a submittable', code: `import Cursor from 'pg-cursor';\n${guarded("return await client.query(new Cursor('SELECT 1'));")}` },
    { name: 'pg: a query stream held in a variable', code: `import QueryStream from 'pg-query-stream';\nconst stream = new QueryStream('SELECT 1');\n${guarded('return await client.query(stream);')}` },
    { name: 'pg: the callback form of query', code: guarded('client.query(q, () => {});') },
    { name: 'pg: not awaited (require-release reports the pending query)', code: guarded('return client.query(q);') },
    { name: 'pg: release(err) destroys the client', code: guarded('return await client.query(q);', 'client.release(true);') },
    { name: 'pg: a catch clause', code: `${pg}export async function f(q) {\n  const client = await pool.connect();\n  try {\n    return await client.query(q);\n  } catch (e) {\n    return null;\n  } finally {\n    client.release();\n  }\n}` },
    { name: 'pg: a second statement in the try', code: `${pg}export async function f(q) {\n  const client = await pool.connect();\n  try {\n    const r = await client.query(q);\n    return r.rows;\n  } finally {\n    client.release();\n  }\n}` },
    { name: 'pg: the lease is used for something else', code: `${pg}export async function f(q) {\n  const client = await pool.connect();\n  try {\n    return await client.query(q);\n  } finally {\n    log(client);\n    client.release();\n  }\n}\nfunction log(c) { return c; }` },
    { name: 'pg: a statement between the acquisition and the try', code: `${pg}export async function f(q) {\n  const client = await pool.connect();\n  console.log('leased');\n  try {\n    return await client.query(q);\n  } finally {\n    client.release();\n  }\n}` },
    { name: 'pg: unguarded, but the release is unreachable', code: `${pg}export async function f(q) {\n  const client = await pool.connect();\n  return await client.query(q);\n  client.release();\n}` },
    { name: 'pg: the pool comes from a call', code: `${pg}const getPool = () => pool;\nexport async function f(q) {\n  const client = await getPool().connect();\n  try {\n    return await client.query(q);\n  } finally {\n    client.release();\n  }\n}` },
    { name: 'pg: the kept declaration would shadow the pool', code: `${pg}export async function f(q) {\n  const client = await pool.connect();\n  const { rows: pool2, ...pool } = await client.query(q);\n  client.release();\n  return [pool, pool2];\n}` },
    { name: 'pg: the callback form of connect', code: `${pg}pool.connect((err, client, done) => {\n  if (err) return;\n  client.query('SELECT 1', () => done());\n});` },
    { name: 'typeorm: a query runner in replication mode', code: `${typeorm}export async function f() {\n  const qr = ds.createQueryRunner('slave');\n  try {\n    return await qr.query('SELECT 1');\n  } finally {\n    await qr.release();\n  }\n}` },
    { name: 'knex: a transaction is not a lease', code: `import knex from 'knex';\nconst db = knex({ client: 'pg' });\nexport async function f() {\n  const trx = await db.transaction();\n  await trx.raw('SELECT 1');\n  await trx.commit();\n}` },
    { name: 'neo4j: the session query has no same-named driver one-shot', code: `import neo4j from 'neo4j-driver';\nconst driver = neo4j.driver('neo4j://localhost');\nexport async function f() {\n  const session = driver.session();\n  try {\n    return await session.run('RETURN 1');\n  } finally {\n    await session.close();\n  }\n}` },
    { name: 'no driver in the file', code: `const pool = { connect: async () => ({ query: async () => 1, release() {} }) };\nexport async function f() {\n  const c = await pool.connect();\n  try { return await c.query(); } finally { c.release(); }\n}` },
  ],
  invalid: [
    {
      name: 'pg: return await in try/finally',
      code: guarded("return await client.query('SELECT * FROM users WHERE id = $1', [q]);"),
      output: `${pg}export async function f(q: string) {\n  return await pool.query('SELECT * FROM users WHERE id = $1', [q]);\n}`,
      errors: [{ messageId: 'preferPoolQuery', data: { name: 'client', replacement: 'pool.query(…)' }, line: 4, column: 24, endLine: 4, endColumn: 38 }],
    },
    {
      name: 'pg: comments in the removed lines move above the query',
      code: `${pg}export async function count() {\n  const client = await pool.connect(); // lease one\n  try {\n    // the only query\n    return (await client.query('SELECT count(*) FROM t')).rows[0].count;\n  } finally {\n    client.release(); /* always */\n  }\n}`,
      output: `${pg}export async function count() {\n  // lease one\n  // the only query\n  /* always */\n  return (await pool.query('SELECT count(*) FROM t')).rows[0].count;\n}`,
      errors: [{ messageId: 'preferPoolQuery', data: { name: 'client', replacement: 'pool.query(…)' }, line: 4, column: 24, endLine: 4, endColumn: 38 }],
    },
    {
      name: 'pg: unguarded, with a destructured result (plain JS)',
      code: `${pg}export async function names() {\n  const client = await pool.connect();\n  const { rows } = await client.query('SELECT name FROM t');\n  client.release();\n  return rows;\n}`,
      output: `${pg}export async function names() {\n  const { rows } = await pool.query('SELECT name FROM t');\n  return rows;\n}`,
      errors: [{ messageId: 'preferPoolQuery', data: { name: 'client', replacement: 'pool.query(…)' }, line: 4, column: 24, endLine: 4, endColumn: 38 }],
    },
    {
      name: 'pg: an awaited statement, and code after the try (plain JS)',
      code: `${pg}export async function touch(id) {\n  const client = await pool.connect();\n  try {\n    await client.query('UPDATE t SET at = now() WHERE id = $1', [id]);\n  } finally {\n    client.release();\n  }\n  return id;\n}`,
      output: `${pg}export async function touch(id) {\n  await pool.query('UPDATE t SET at = now() WHERE id = $1', [id]);\n  return id;\n}`,
      errors: [{ messageId: 'preferPoolQuery', data: { name: 'client', replacement: 'pool.query(…)' }, line: 4, column: 24, endLine: 4, endColumn: 38 }],
    },
    {
      name: 'pg: a pool in a class field (TS)',
      code: `import { Pool } from 'pg';\nexport class Repo {\n  private pool = new Pool();\n  async all() {\n    const client = await this.pool.connect();\n    try {\n      return await client.query('SELECT * FROM t');\n    } finally {\n      client.release();\n    }\n  }\n}`,
      output: `import { Pool } from 'pg';\nexport class Repo {\n  private pool = new Pool();\n  async all() {\n    return await this.pool.query('SELECT * FROM t');\n  }\n}`,
      errors: [{ messageId: 'preferPoolQuery', data: { name: 'client', replacement: 'this.pool.query(…)' }, line: 5, column: 26, endLine: 5, endColumn: 45 }],
    },
    {
      name: 'mysql2: unguarded execute',
      code: `${mysql2}export async function find(id: number) {\n  const conn = await pool.getConnection();\n  const [rows] = await conn.execute('SELECT * FROM t WHERE id = ?', [id]);\n  conn.release();\n  return rows;\n}`,
      output: `${mysql2}export async function find(id: number) {\n  const [rows] = await pool.execute('SELECT * FROM t WHERE id = ?', [id]);\n  return rows;\n}`,
      errors: [{ messageId: 'preferPoolQuery', data: { name: 'conn', replacement: 'pool.execute(…)' }, line: 4, column: 22, endLine: 4, endColumn: 42 }],
    },
    {
      name: 'typeorm: a query runner released with await',
      code: `${typeorm}export async function f() {\n  const qr = ds.createQueryRunner();\n  try {\n    return await qr.query('SELECT 1');\n  } finally {\n    await qr.release();\n  }\n}`,
      output: `${typeorm}export async function f() {\n  return await ds.query('SELECT 1');\n}`,
      errors: [{ messageId: 'preferPoolQuery', data: { name: 'qr', replacement: 'ds.query(…)' }, line: 4, column: 14, endLine: 4, endColumn: 36 }],
    },
    {
      name: 'postgres.js: a reserved connection for one tagged query',
      code: `${postgresJs}export async function f(id) {\n  const reserved = await sql.reserve();\n  try {\n    return await reserved\`SELECT * FROM t WHERE id = \${id}\`;\n  } finally {\n    reserved.release();\n  }\n}`,
      output: `${postgresJs}export async function f(id) {\n  return await sql\`SELECT * FROM t WHERE id = \${id}\`;\n}`,
      errors: [{ messageId: 'preferPoolQuery', data: { name: 'reserved', replacement: 'sql`…`' }, line: 4, column: 26, endLine: 4, endColumn: 39 }],
    },
    {
      name: '@vercel/postgres: a client for one tagged query',
      code: `import { db } from '@vercel/postgres';\nexport async function f() {\n  const client = await db.connect();\n  try {\n    return await client.sql\`SELECT 1\`;\n  } finally {\n    client.release();\n  }\n}`,
      output: `import { db } from '@vercel/postgres';\nexport async function f() {\n  return await db.sql\`SELECT 1\`;\n}`,
      errors: [{ messageId: 'preferPoolQuery', data: { name: 'client', replacement: 'db.sql`…`' }, line: 3, column: 24, endLine: 3, endColumn: 36 }],
    },
    {
      name: 'mariadb: a pooled connection for one query',
      code: `import mariadb from 'mariadb';\nconst pool = mariadb.createPool({});\nexport async function f() {\n  const conn = await pool.getConnection();\n  try {\n    return await conn.query('SELECT 1');\n  } finally {\n    conn.release();\n  }\n}`,
      output: `import mariadb from 'mariadb';\nconst pool = mariadb.createPool({});\nexport async function f() {\n  return await pool.query('SELECT 1');\n}`,
      errors: [{ messageId: 'preferPoolQuery', data: { name: 'conn', replacement: 'pool.query(…)' }, line: 4, column: 22, endLine: 4, endColumn: 42 }],
    },
  ],
});
