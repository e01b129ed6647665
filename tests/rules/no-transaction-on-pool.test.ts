import rule from '../../rules/no-transaction-on-pool.js';
import { runRuleTests } from '../rule-tester.js';

// Every prefix is two lines, so the code under test starts on line 3.
const pg = `import { Pool, Client } from 'pg';\nconst pool = new Pool();\n`;
const pgLease = (remedyPool = 'pool'): string => `lease a connection with \`${remedyPool}.connect()\` and run the whole transaction on it`;
const mysql2 = `import mysql from 'mysql2/promise';\nconst pool = mysql.createPool({ connectionLimit: 5 });\n`;
const knex = `import knex from 'knex';\nconst db = knex({ client: 'pg' });\n`;
const typeorm = `import { DataSource } from 'typeorm';\nconst ds = new DataSource({ type: 'postgres' });\n`;
const sequelize = `import { Sequelize } from 'sequelize';\nconst sequelize = new Sequelize('postgres://localhost/db');\n`;
const prisma = `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\n`;
const postgresJs = `import postgres from 'postgres';\nconst sql = postgres();\n`;

const message = (statement: string, call: string, remedy: string) => ({ statement, call, remedy });

runRuleTests('no-transaction-on-pool', rule, {
  valid: [
    {
      name: 'pg: the transaction runs on one leased client',
      code: `${pg}export async function f() {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE t SET x = 1');
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    client.release();
  }
}`,
    },
    { name: 'pg: an ordinary one-shot query on the pool', code: `${pg}await pool.query('SELECT 1');` },
    { name: 'pg: a keyword inside a string literal of the query', code: `${pg}await pool.query("SELECT 'BEGIN' AS word");` },
    { name: 'pg: a DO block is not transaction control', code: `${pg}await pool.query('DO $$ BEGIN PERFORM 1; END $$');` },
    { name: 'pg: SET TRANSACTION is not transaction control', code: `${pg}await pool.query('SET TRANSACTION ISOLATION LEVEL SERIALIZABLE');` },
    { name: 'pg: a direct connection is one connection', code: `${pg}const client = new Client();\nawait client.query('BEGIN');` },
    { name: 'pg: unknown SQL text', code: `${pg}export const run = (text: string) => pool.query(text);` },
    { name: 'pg: a receiver that is not a pool', code: `${pg}const other = { query: (s: string) => s };\nother.query('BEGIN');` },
    { name: 'no driver in the file', code: `const pool = { query: (s) => s };\npool.query('BEGIN');` },
    { name: 'pg: a computed method name', code: `${pg}const m = 'query';\nawait pool[m]('BEGIN');` },
    { name: 'pg: super call in a subclass', code: `${pg}class P extends Pool {\n  async begin() { await super.query('BEGIN'); }\n}` },
    {
      name: 'mysql2: START TRANSACTION on a leased connection',
      code: `${mysql2}const conn = await pool.getConnection();\ntry { await conn.query('START TRANSACTION'); await conn.query('COMMIT'); } finally { conn.release(); }`,
    },
    {
      name: 'knex: a savepoint inside a managed transaction',
      code: `${knex}await db.transaction(async (trx) => {\n  await trx.raw('SAVEPOINT a');\n});`,
    },
    {
      name: 'postgres.js: a savepoint inside sql.begin',
      code: `${postgresJs}await sql.begin(async (sql) => {\n  await sql\`SAVEPOINT a\`;\n});`,
    },
    {
      name: 'postgres.js: a reserved connection',
      code: `${postgresJs}const reserved = await sql.reserve();\ntry { await reserved\`BEGIN\`; await reserved\`COMMIT\`; } finally { reserved.release(); }`,
    },
    { name: 'sequelize: an ordinary query', code: `${sequelize}await sequelize.query('SELECT 1');` },
    { name: 'postgres.js: an ordinary tagged query', code: `${postgresJs}await sql\`SELECT \${1}\`;` },
    // catalog additions: pre-0.3/1.x entry points and drivers seen in real code
    {
      name: "typeorm 0.3: a managed transaction on getConnection()",
      code: `import { getConnection } from 'typeorm';
export async function archive(id) {
  await getConnection().transaction(async (manager) => {
    await manager.query('update orders set archived = true where id = $1', [id]);
  });
}`,
    },
  ],
  invalid: [
    {
      name: 'pg: a pool in a private field (#pool)',
      code: `${pg}class Repo {\n  #pool = new Pool();\n  async run() { await this.#pool.query('BEGIN'); }\n}`,
      errors: [{ messageId: 'transactionOnPool', data: message('BEGIN', 'this.#pool.query(…)', pgLease('this.#pool')), line: 5, column: 23, endLine: 5, endColumn: 48 }],
    },
    {
      name: 'pg: BEGIN through pool.query',
      code: `${pg}await pool.query('BEGIN');`,
      errors: [{ messageId: 'transactionOnPool', data: message('BEGIN', 'pool.query(…)', pgLease()), line: 3, column: 7, endLine: 3, endColumn: 26 }],
    },
    {
      name: 'pg: any letter case, and every statement of the transaction (plain JS)',
      code: `${pg}export async function transfer() {
  await pool.query('begin');
  await pool.query('UPDATE accounts SET balance = balance - 1');
  await pool.query('Commit');
}`,
      errors: [
        { messageId: 'transactionOnPool', data: message('BEGIN', 'pool.query(…)', pgLease()), line: 4, column: 9, endLine: 4, endColumn: 28 },
        { messageId: 'transactionOnPool', data: message('COMMIT', 'pool.query(…)', pgLease()), line: 6, column: 9, endLine: 6, endColumn: 29 },
      ],
    },
    {
      name: 'pg: a query config object',
      code: `${pg}await pool.query({ text: 'ROLLBACK' });`,
      errors: [{ messageId: 'transactionOnPool', data: message('ROLLBACK', 'pool.query(…)', pgLease()), line: 3, column: 7, endLine: 3, endColumn: 39 }],
    },
    {
      name: 'pg: a template literal with a substitution',
      code: `${pg}const name = 'sp1';\nawait pool.query(\`SAVEPOINT \${name}\`);`,
      errors: [{ messageId: 'transactionOnPool', data: message('SAVEPOINT', 'pool.query(…)', pgLease()), line: 4, column: 7, endLine: 4, endColumn: 38 }],
    },
    {
      name: 'pg: a constant holding the statement',
      code: `${pg}const BEGIN = 'START TRANSACTION';\nawait pool.query(BEGIN);`,
      errors: [{ messageId: 'transactionOnPool', data: message('BEGIN', 'pool.query(…)', pgLease()), line: 4, column: 7, endLine: 4, endColumn: 24 }],
    },
    {
      name: 'pg: CommonJS require and the callback form',
      code: `const { Pool } = require('pg');\nconst pool = new Pool();\npool.query('BEGIN', (err) => { if (err) throw err; });`,
      errors: [{ messageId: 'transactionOnPool', data: message('BEGIN', 'pool.query(…)', pgLease()), line: 3, column: 1, endLine: 3, endColumn: 54 }],
    },
    {
      name: 'pg: a pool held in a class field',
      code: `import { Pool } from 'pg';\nclass Repo {\n  pool = new Pool();\n  async start() { await this.pool.query('BEGIN'); }\n}`,
      errors: [{ messageId: 'transactionOnPool', data: message('BEGIN', 'this.pool.query(…)', pgLease('this.pool')), line: 4, column: 25, endLine: 4, endColumn: 49 }],
    },
    {
      name: 'pg: a typed parameter (TS)',
      code: `import type { Pool } from 'pg';\nexport async function commit(pool: Pool): Promise<void> {\n  await pool.query('COMMIT');\n}`,
      errors: [{ messageId: 'transactionOnPool', data: message('COMMIT', 'pool.query(…)', pgLease()), line: 3, column: 9, endLine: 3, endColumn: 29 }],
    },
    {
      name: 'mysql2: START TRANSACTION through pool.execute',
      code: `${mysql2}await pool.execute('START TRANSACTION');`,
      errors: [
        {
          messageId: 'transactionOnPool',
          data: message('BEGIN', 'pool.execute(…)', 'lease a connection with `pool.getConnection()` and run the whole transaction on it'),
          line: 3,
          column: 7,
          endLine: 3,
          endColumn: 40,
        },
      ],
    },
    {
      name: 'mysql (callback API): BEGIN through pool.query',
      code: `import mysql from 'mysql';\nconst pool = mysql.createPool({});\npool.query('BEGIN', () => {});`,
      errors: [
        {
          messageId: 'transactionOnPool',
          data: message('BEGIN', 'pool.query(…)', 'lease a connection with `pool.getConnection()` and run the whole transaction on it'),
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 30,
        },
      ],
    },
    {
      name: 'knex: a raw BEGIN on the instance',
      code: `${knex}await db.raw('BEGIN');`,
      errors: [
        {
          messageId: 'transactionOnPool',
          data: message('BEGIN', 'db.raw(…)', 'run the transaction in `db.transaction(…)`, which commits or rolls back for you'),
          line: 3,
          column: 7,
          endLine: 3,
          endColumn: 22,
        },
      ],
    },
    {
      name: 'typeorm: ROLLBACK through the data source',
      code: `${typeorm}await ds.query('ROLLBACK');`,
      errors: [
        {
          messageId: 'transactionOnPool',
          data: message('ROLLBACK', 'ds.query(…)', 'run the transaction in `ds.transaction(…)`, which commits or rolls back for you'),
          line: 3,
          column: 7,
          endLine: 3,
          endColumn: 27,
        },
      ],
    },
    {
      name: 'sequelize: COMMIT through sequelize.query',
      code: `${sequelize}await sequelize.query('COMMIT');`,
      errors: [
        {
          messageId: 'transactionOnPool',
          data: message('COMMIT', 'sequelize.query(…)', 'run the transaction in `sequelize.transaction(…)`, which commits or rolls back for you'),
          line: 3,
          column: 7,
          endLine: 3,
          endColumn: 32,
        },
      ],
    },
    {
      name: 'prisma: a raw BEGIN as a tagged template and as a string',
      code: `${prisma}await prisma.$executeRaw\`BEGIN\`;\nawait prisma.$executeRawUnsafe('COMMIT');`,
      errors: [
        {
          messageId: 'transactionOnPool',
          data: message('BEGIN', 'prisma.$executeRaw`…`', 'run the transaction in `prisma.$transaction(…)`, which commits or rolls back for you'),
          line: 3,
          column: 7,
          endLine: 3,
          endColumn: 32,
        },
        {
          messageId: 'transactionOnPool',
          data: message('COMMIT', 'prisma.$executeRawUnsafe(…)', 'run the transaction in `prisma.$transaction(…)`, which commits or rolls back for you'),
          line: 4,
          column: 7,
          endLine: 4,
          endColumn: 41,
        },
      ],
    },
    {
      name: 'postgres.js: a tagged BEGIN on the pool',
      code: `${postgresJs}await sql\`BEGIN\`;\nawait sql.unsafe('COMMIT');`,
      errors: [
        {
          messageId: 'transactionOnPool',
          data: message('BEGIN', 'sql`…`', 'run the transaction in `sql.begin(…)`, which commits or rolls back for you'),
          line: 3,
          column: 7,
          endLine: 3,
          endColumn: 17,
        },
        {
          messageId: 'transactionOnPool',
          data: message('COMMIT', 'sql.unsafe(…)', 'run the transaction in `sql.begin(…)`, which commits or rolls back for you'),
          line: 4,
          column: 7,
          endLine: 4,
          endColumn: 27,
        },
      ],
    },
    {
      name: '@vercel/postgres: the pooled sql tag',
      code: `import { sql } from '@vercel/postgres';\nexport async function f() {\n  await sql\`begin\`;\n}`,
      errors: [
        {
          messageId: 'transactionOnPool',
          data: message('BEGIN', 'sql`…`', 'lease a connection with `sql.connect()` and run the whole transaction on it'),
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 19,
        },
      ],
    },
    // catalog additions: pre-0.3/1.x entry points and drivers seen in real code
    {
      name: "typeorm 0.3: BEGIN/COMMIT through getConnection().query()",
      code: `import { getConnection } from 'typeorm';
export async function archive(id) {
  await getConnection().query('BEGIN');
  await getConnection().query('update orders set archived = true where id = $1', [id]);
  await getConnection().query('COMMIT');
}`,
      errors: [
        { messageId: 'transactionOnPool', data: {"statement":"BEGIN","call":"getConnection().query(…)","remedy":"run the transaction in `getConnection().transaction(…)`, which commits or rolls back for you"}, line: 3, column: 9, endLine: 3, endColumn: 39 },
        { messageId: 'transactionOnPool', data: {"statement":"COMMIT","call":"getConnection().query(…)","remedy":"run the transaction in `getConnection().transaction(…)`, which commits or rolls back for you"}, line: 5, column: 9, endLine: 5, endColumn: 40 },
      ],
    },
  ],
});
