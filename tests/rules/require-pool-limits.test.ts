import rule from '../../rules/require-pool-limits.js';
import { runRuleTests } from '../rule-tester.js';

const pg = `import { Pool } from 'pg';\n`;

/** An in-house driver described in the catalog's shape: `open()` and `moot` data. */
const resources = [{
  id: 'acme-db', title: 'Acme DB', checkedAgainst: { 'acme-db': '1.0.0' }, modules: ['acme-db'],
  exports: [{ path: ['Connection'], via: 'new', shape: 'Connection' }, { path: ['createPool'], via: 'call', shape: 'Pool' }],
  shapes: {
    Connection: { role: 'connection', release: ['close'], open: ['open'], queries: ['run'], lifetime: 'single' },
    Pool: { role: 'pool', release: ['end'], queries: ['run'], lifetime: 'single', limits: { optionsArgument: 0, settings: [
      { kind: 'queueLimit', path: ['queueLimit'], default: 0, unbounded: [0], suggested: 100, unit: 'requests', moot: { path: ['waitForConnections'], equals: false } },
    ] } },
  },
}];

runRuleTests('require-pool-limits', rule, {
  valid: [
    {
      name: 'review: a short-lived pool created and ended in the same function (a migration or a one-shot job)',
      code: `import pg from 'pg';
export async function migrate(connectionString) {
  const pool = new pg.Pool({ connectionString });
  try {
    await pool.query('SELECT 1');
  } finally {
    await pool.end();
  }
}`,
    },
    {
      name: 'mysql2: a pool that never queues (waitForConnections: false) has no wait to bound',
      code: `import mysql from 'mysql2/promise';
export const pool = mysql.createPool({ host: 'db', waitForConnections: false });`,
    },
    { name: 'pg: connectionTimeoutMillis set', code: `${pg}export const pool = new Pool({ connectionTimeoutMillis: 5000 });` },
    { name: 'pg: set through a same-file const', code: `${pg}const config = { connectionTimeoutMillis: 5000, max: 10 };\nexport const pool = new Pool(config);` },
    { name: 'pg: set through a same-file spread', code: `${pg}const base = { connectionTimeoutMillis: 5000 };\nexport const pool = new Pool({ ...base, max: 10 });` },
    { name: 'pg: a non-literal value is trusted', code: `${pg}export const pool = new Pool({ connectionTimeoutMillis: Number(process.env.PG_TIMEOUT) });` },
    { name: 'pg: config imported from another file: silent', code: `${pg}import { config } from './config.js';\nexport const pool = new Pool(config);` },
    { name: 'pg: config from a parameter: silent', code: `${pg}export const make = (config) => new Pool(config);` },
    { name: 'pg: a spread of an unknown object: silent', code: `${pg}import { base } from './config.js';\nexport const pool = new Pool({ ...base, max: 10 });` },
    { name: 'pg: a reassigned let config: silent', code: `${pg}let config = { max: 1 };\nconfig = load();\nexport const pool = new Pool(config);` },
    { name: 'pg: a direct Client has no pool limits', code: `import { Client } from 'pg';\nexport const client = new Client();` },
    { name: 'pg: requireRecycling with every setting', options: [{ requireRecycling: true }], code: `${pg}export const pool = new Pool({ connectionTimeoutMillis: 5000, max: 10, idleTimeoutMillis: 10000, maxLifetimeSeconds: 1800 });` },
    { name: 'pg: recycling settings are not required by default (explicit option)', options: [{ requireRecycling: false }], code: `${pg}export const pool = new Pool({ connectionTimeoutMillis: 5000 });` },
    { name: 'mongodb: a URI from the environment without options: silent (the URI may carry it)', code: `import { MongoClient } from 'mongodb';\nexport const client = new MongoClient(process.env.MONGO_URL);` },
    { name: 'mongodb: a literal URI that sets waitQueueTimeoutMS', code: `import { MongoClient } from 'mongodb';\nexport const client = new MongoClient('mongodb://localhost/app?waitQueueTimeoutMS=5000');` },
    { name: 'mongodb: options set waitQueueTimeoutMS', code: `import { MongoClient } from 'mongodb';\nexport const client = new MongoClient(process.env.MONGO_URL, { waitQueueTimeoutMS: 5000 });` },
    { name: 'mysql2: .promise() of a bounded pool: the view has no options of its own', code: `import mysql from 'mysql2';\nexport const pool = mysql.createPool({ host: 'db', queueLimit: 100 }).promise();` },
    { name: 'mysql2: .promise() of a pool bound elsewhere: reported (if at all) where it is created', code: `import mysql from 'mysql2';\nimport { raw } from './db.js';\nexport const pool = raw.promise();` },
    { name: 'mysql2: queueLimit set', code: `import mysql from 'mysql2/promise';\nexport const pool = mysql.createPool({ host: 'db', queueLimit: 100 });` },
    { name: 'mysql2: a URI from the environment: silent', code: `import mysql from 'mysql2/promise';\nexport const pool = mysql.createPool(process.env.DATABASE_URL);` },
    { name: 'knex: acquireConnectionTimeout has a bounded default (60 s)', code: `import knex from 'knex';\nexport const db = knex({ client: 'pg' });` },
    { name: 'sequelize: pool.acquire has a bounded default', code: `import { Sequelize } from 'sequelize';\nexport const sequelize = new Sequelize(process.env.DATABASE_URL);` },
    { name: 'generic-pool: acquireTimeoutMillis set', code: `import genericPool from 'generic-pool';\nexport const pool = genericPool.createPool({ create: async () => ({}), destroy: async () => {} }, { acquireTimeoutMillis: 5000 });` },
    { name: 'generic-pool: a factory from elsewhere: silent', code: `import genericPool from 'generic-pool';\nimport { factory } from './factory.js';\nexport const pool = genericPool.createPool(factory);` },
    { name: 'typeorm: only a size is in the catalog, not a wait', code: `import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ type: 'postgres' });` },
    { name: 'typeorm: requireRecycling with poolSize set', options: [{ requireRecycling: true }], code: `import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ type: 'postgres', poolSize: 10 });` },
    { name: 'typeorm: requireRecycling, a type without a pool (poolSize does not apply)', options: [{ requireRecycling: true }], code: `import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ type: 'better-sqlite3', database: 'app.db' });` },
    { name: 'typeorm: requireRecycling, a type the file does not show', options: [{ requireRecycling: true }], code: `import { DataSource } from 'typeorm';\nimport { options } from './options.js';\nexport const ds = new DataSource({ ...options });` },
    { name: 'neon: neon() has no pool', code: `import { neon } from '@neondatabase/serverless';\nexport const sql = neon(process.env.DATABASE_URL);` },
    { name: 'pg: spread arguments: silent', code: `${pg}const args = [{}];\nexport const pool = new Pool(...args);` },
    { name: 'ts: options typed with satisfies and as', code: `import { Pool, type PoolConfig } from 'pg';\nconst config = { connectionTimeoutMillis: 5000 } satisfies PoolConfig;\nexport const pool = new Pool(config as PoolConfig);` },
    {
      name: 'custom resource: queueLimit is moot with waitForConnections: false',
      settings: { 'connection-hygiene': { resources } },
      code: `import { createPool } from 'acme-db';
export const pool = createPool({ host: 'db', waitForConnections: false });`,
    },
    // catalog additions: pre-0.3/1.x entry points and drivers seen in real code
    {
      name: "@clickhouse/client: size and idle socket TTL set (requireRecycling)",
      code: `import { createClient } from '@clickhouse/client';
export const clickhouse = createClient({ url: process.env.CLICKHOUSE_URL, max_open_connections: 20, keep_alive: { idle_socket_ttl: 2500 } });`,
      options: [{"requireRecycling":true}],
    },
    {
      name: "snowflake-sdk: createPool() with generic-pool's acquireTimeoutMillis in the pool options",
      code: `import snowflake from 'snowflake-sdk';
export const pool = snowflake.createPool({ account: 'acme', username: 'app' }, { max: 10, min: 0, acquireTimeoutMillis: 5000 });
export async function rows(sqlText) {
  return pool.use(async (connection) => new Promise((resolve, reject) => {
    connection.execute({ sqlText, complete: (err, stmt, data) => (err ? reject(err) : resolve(data)) });
  }));
}`,
    },
  ],
  invalid: [
    {
      name: "pg: no options at all",
      filename: "file.js",
      code: `import { Pool } from 'pg';
export const pool = new Pool();`,
      output: null,
      errors: [
        {
          messageId: 'unboundedWait',
          data: {"name":"pool","reason":"`connectionTimeoutMillis` is not set and defaults to 0, which means no limit","setting":"connectionTimeoutMillis"},
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 31,
          suggestions: [
            {
              messageId: 'insertSetting',
              data: {"setting":"connectionTimeoutMillis","value":"5000","unit":"milliseconds"},
              output: `import { Pool } from 'pg';
export const pool = new Pool({ connectionTimeoutMillis: 5000 });`,
            },
          ],
        },
      ],
    },
    {
      name: "pg: new Pool without parentheses",
      filename: "file.js",
      code: `import { Pool } from 'pg';
export const pool = new Pool;`,
      output: null,
      errors: [
        {
          messageId: 'unboundedWait',
          data: {"name":"pool","reason":"`connectionTimeoutMillis` is not set and defaults to 0, which means no limit","setting":"connectionTimeoutMillis"},
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 29,
          suggestions: [
            {
              messageId: 'insertSetting',
              data: {"setting":"connectionTimeoutMillis","value":"5000","unit":"milliseconds"},
              output: `import { Pool } from 'pg';
export const pool = new Pool({ connectionTimeoutMillis: 5000 });`,
            },
          ],
        },
      ],
    },
    {
      name: "pg: options without connectionTimeoutMillis (single line)",
      filename: "file.js",
      code: `import { Pool } from 'pg';
export const pool = new Pool({ max: 10 });`,
      output: null,
      errors: [
        {
          messageId: 'unboundedWait',
          data: {"name":"pool","reason":"`connectionTimeoutMillis` is not set and defaults to 0, which means no limit","setting":"connectionTimeoutMillis"},
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 42,
          suggestions: [
            {
              messageId: 'insertSetting',
              data: {"setting":"connectionTimeoutMillis","value":"5000","unit":"milliseconds"},
              output: `import { Pool } from 'pg';
export const pool = new Pool({ max: 10, connectionTimeoutMillis: 5000 });`,
            },
          ],
        },
      ],
    },
    {
      name: "pg: multi-line options with a trailing comma and comments",
      filename: "file.js",
      code: `import { Pool } from 'pg';
export const pool = new Pool({
  // the server allows 100
  max: 10,
  idleTimeoutMillis: 10000, // ten seconds
});`,
      output: null,
      errors: [
        {
          messageId: 'unboundedWait',
          data: {"name":"pool","reason":"`connectionTimeoutMillis` is not set and defaults to 0, which means no limit","setting":"connectionTimeoutMillis"},
          line: 2,
          column: 21,
          endLine: 6,
          endColumn: 3,
          suggestions: [
            {
              messageId: 'insertSetting',
              data: {"setting":"connectionTimeoutMillis","value":"5000","unit":"milliseconds"},
              output: `import { Pool } from 'pg';
export const pool = new Pool({
  // the server allows 100
  max: 10,
  idleTimeoutMillis: 10000, // ten seconds
  connectionTimeoutMillis: 5000,
});`,
            },
          ],
        },
      ],
    },
    {
      name: "pg: connectionTimeoutMillis: 0 is explicitly unbounded",
      filename: "file.js",
      code: `import { Pool } from 'pg';
export const pool = new Pool({ connectionTimeoutMillis: 0 });`,
      output: null,
      errors: [
        {
          messageId: 'unboundedWait',
          data: {"name":"pool","reason":"`connectionTimeoutMillis` is 0, which means no limit","setting":"connectionTimeoutMillis"},
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 61,
          suggestions: [
            {
              messageId: 'boundSetting',
              data: {"setting":"connectionTimeoutMillis","value":"5000","unit":"milliseconds"},
              output: `import { Pool } from 'pg';
export const pool = new Pool({ connectionTimeoutMillis: 5000 });`,
            },
          ],
        },
      ],
    },
    {
      name: "pg: config in a const in the same file",
      filename: "file.js",
      code: `import { Pool } from 'pg';
const config = { max: 5 };
export const pool = new Pool(config);`,
      output: null,
      errors: [
        {
          messageId: 'unboundedWait',
          data: {"name":"pool","reason":"`connectionTimeoutMillis` is not set and defaults to 0, which means no limit","setting":"connectionTimeoutMillis"},
          line: 3,
          column: 21,
          endLine: 3,
          endColumn: 37,
          suggestions: [
            {
              messageId: 'insertSetting',
              data: {"setting":"connectionTimeoutMillis","value":"5000","unit":"milliseconds"},
              output: `import { Pool } from 'pg';
const config = { max: 5, connectionTimeoutMillis: 5000 };
export const pool = new Pool(config);`,
            },
          ],
        },
      ],
    },
    {
      name: "pg: config spread from a same-file object",
      filename: "file.js",
      code: `import { Pool } from 'pg';
const base = { max: 5 };
export const pool = new Pool({ ...base, idleTimeoutMillis: 1000 });`,
      output: null,
      errors: [
        {
          messageId: 'unboundedWait',
          data: {"name":"pool","reason":"`connectionTimeoutMillis` is not set and defaults to 0, which means no limit","setting":"connectionTimeoutMillis"},
          line: 3,
          column: 21,
          endLine: 3,
          endColumn: 67,
          suggestions: [
            {
              messageId: 'insertSetting',
              data: {"setting":"connectionTimeoutMillis","value":"5000","unit":"milliseconds"},
              output: `import { Pool } from 'pg';
const base = { max: 5 };
export const pool = new Pool({ ...base, idleTimeoutMillis: 1000, connectionTimeoutMillis: 5000 });`,
            },
          ],
        },
      ],
    },
    {
      name: "pg: empty object",
      filename: "file.js",
      code: `import { Pool } from 'pg';
export const pool = new Pool({});`,
      output: null,
      errors: [
        {
          messageId: 'unboundedWait',
          data: {"name":"pool","reason":"`connectionTimeoutMillis` is not set and defaults to 0, which means no limit","setting":"connectionTimeoutMillis"},
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 33,
          suggestions: [
            {
              messageId: 'insertSetting',
              data: {"setting":"connectionTimeoutMillis","value":"5000","unit":"milliseconds"},
              output: `import { Pool } from 'pg';
export const pool = new Pool({ connectionTimeoutMillis: 5000 });`,
            },
          ],
        },
      ],
    },
    {
      name: 'typeorm: requireRecycling reports a missing poolSize for a type with a pool',
      options: [{ requireRecycling: true }],
      code: `import { DataSource } from 'typeorm';
export const ds = new DataSource({ type: 'postgres' });`,
      output: null,
      errors: [
        {
          messageId: 'missingSetting',
          data: { name: 'ds', setting: 'poolSize', purpose: 'the maximum number of connections, which must fit the server’s limit across every process' },
          line: 2,
          column: 19,
          endLine: 2,
          endColumn: 55,
          suggestions: [
            {
              messageId: 'insertSetting',
              data: { setting: 'poolSize', value: '10', unit: 'connections' },
              output: `import { DataSource } from 'typeorm';
export const ds = new DataSource({ type: 'postgres', poolSize: 10 });`,
            },
          ],
        },
      ],
    },
    {
      name: "pg: requireRecycling reports max, idle and lifetime too",
      filename: "file.js",
      options: [{"requireRecycling":true}],
      code: `import { Pool } from 'pg';
export const pool = new Pool({ connectionTimeoutMillis: 5000 });`,
      output: null,
      errors: [
        {
          messageId: 'missingSetting',
          data: {"name":"pool","setting":"max","purpose":"the maximum number of connections, which must fit the server’s limit across every process"},
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 64,
          suggestions: [
            {
              messageId: 'insertSetting',
              data: {"setting":"max","value":"10","unit":"connections"},
              output: `import { Pool } from 'pg';
export const pool = new Pool({ connectionTimeoutMillis: 5000, max: 10 });`,
            },
          ],
        },
        {
          messageId: 'missingSetting',
          data: {"name":"pool","setting":"idleTimeoutMillis","purpose":"how long an idle connection is kept open"},
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 64,
          suggestions: [
            {
              messageId: 'insertSetting',
              data: {"setting":"idleTimeoutMillis","value":"10000","unit":"milliseconds"},
              output: `import { Pool } from 'pg';
export const pool = new Pool({ connectionTimeoutMillis: 5000, idleTimeoutMillis: 10000 });`,
            },
          ],
        },
        {
          messageId: 'missingSetting',
          data: {"name":"pool","setting":"maxLifetimeSeconds","purpose":"how long a connection lives before it is replaced, so connections are recycled before a firewall or server timeout drops them"},
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 64,
          suggestions: [
            {
              messageId: 'insertSetting',
              data: {"setting":"maxLifetimeSeconds","value":"1800","unit":"seconds"},
              output: `import { Pool } from 'pg';
export const pool = new Pool({ connectionTimeoutMillis: 5000, maxLifetimeSeconds: 1800 });`,
            },
          ],
        },
      ],
    },
    {
      name: "pg: requireRecycling reports an explicit zero lifetime",
      filename: "file.js",
      options: [{"requireRecycling":true}],
      code: `import { Pool } from 'pg';
export const pool = new Pool({
  connectionTimeoutMillis: 5000,
  max: 10,
  idleTimeoutMillis: 10000,
  maxLifetimeSeconds: 0,
});`,
      output: null,
      errors: [
        {
          messageId: 'unboundedSetting',
          data: {"name":"pool","setting":"maxLifetimeSeconds","value":"0","purpose":"how long a connection lives before it is replaced, so connections are recycled before a firewall or server timeout drops them"},
          line: 2,
          column: 21,
          endLine: 7,
          endColumn: 3,
          suggestions: [
            {
              messageId: 'boundSetting',
              data: {"setting":"maxLifetimeSeconds","value":"1800","unit":"seconds"},
              output: `import { Pool } from 'pg';
export const pool = new Pool({
  connectionTimeoutMillis: 5000,
  max: 10,
  idleTimeoutMillis: 10000,
  maxLifetimeSeconds: 1800,
});`,
            },
          ],
        },
      ],
    },
    {
      name: "pg: CommonJS require",
      filename: "db.cjs",
      code: `const pg = require('pg');
module.exports = new pg.Pool({ max: 10 });`,
      output: null,
      errors: [
        {
          messageId: 'unboundedWait',
          data: {"name":"module.exports","reason":"`connectionTimeoutMillis` is not set and defaults to 0, which means no limit","setting":"connectionTimeoutMillis"},
          line: 2,
          column: 18,
          endLine: 2,
          endColumn: 42,
          suggestions: [
            {
              messageId: 'insertSetting',
              data: {"setting":"connectionTimeoutMillis","value":"5000","unit":"milliseconds"},
              output: `const pg = require('pg');
module.exports = new pg.Pool({ max: 10, connectionTimeoutMillis: 5000 });`,
            },
          ],
        },
      ],
    },
    {
      name: "mongodb: options object without waitQueueTimeoutMS",
      filename: "file.js",
      code: `import { MongoClient } from 'mongodb';
export const client = new MongoClient(process.env.MONGO_URL, { maxPoolSize: 50 });`,
      output: null,
      errors: [
        {
          messageId: 'unboundedWait',
          data: {"name":"client","reason":"`waitQueueTimeoutMS` is not set and defaults to 0, which means no limit","setting":"waitQueueTimeoutMS"},
          line: 2,
          column: 23,
          endLine: 2,
          endColumn: 82,
          suggestions: [
            {
              messageId: 'insertSetting',
              data: {"setting":"waitQueueTimeoutMS","value":"5000","unit":"milliseconds"},
              output: `import { MongoClient } from 'mongodb';
export const client = new MongoClient(process.env.MONGO_URL, { maxPoolSize: 50, waitQueueTimeoutMS: 5000 });`,
            },
          ],
        },
      ],
    },
    {
      name: "mongodb: a literal URI without waitQueueTimeoutMS",
      filename: "file.js",
      code: `import { MongoClient } from 'mongodb';
export const client = new MongoClient('mongodb://localhost:27017/app?maxPoolSize=20');`,
      output: null,
      errors: [
        {
          messageId: 'unboundedWait',
          data: {"name":"client","reason":"`waitQueueTimeoutMS` is not set and defaults to 0, which means no limit","setting":"waitQueueTimeoutMS"},
          line: 2,
          column: 23,
          endLine: 2,
          endColumn: 86,
        },
      ],
    },
    {
      name: "mysql2: queueLimit missing",
      filename: "file.js",
      code: `import mysql from 'mysql2/promise';
export const pool = mysql.createPool({ host: 'db', connectionLimit: 10 });`,
      output: null,
      errors: [
        {
          messageId: 'unboundedWait',
          data: {"name":"pool","reason":"`queueLimit` is not set and defaults to 0, which means no limit","setting":"queueLimit"},
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 74,
          suggestions: [
            {
              messageId: 'insertSetting',
              data: {"setting":"queueLimit","value":"100","unit":"waiting requests"},
              output: `import mysql from 'mysql2/promise';
export const pool = mysql.createPool({ host: 'db', connectionLimit: 10, queueLimit: 100 });`,
            },
          ],
        },
      ],
    },
    {
      name: "mysql2: queueLimit: 0",
      filename: "file.js",
      code: `import mysql from 'mysql2';
export const pool = mysql.createPool({ host: 'db', waitForConnections: true, queueLimit: 0 });`,
      output: null,
      errors: [
        {
          messageId: 'unboundedWait',
          data: {"name":"pool","reason":"`queueLimit` is 0, which means no limit","setting":"queueLimit"},
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 94,
          suggestions: [
            {
              messageId: 'boundSetting',
              data: {"setting":"queueLimit","value":"100","unit":"waiting requests"},
              output: `import mysql from 'mysql2';
export const pool = mysql.createPool({ host: 'db', waitForConnections: true, queueLimit: 100 });`,
            },
          ],
        },
      ],
    },
    {
      name: "generic-pool: no acquireTimeoutMillis (no default)",
      filename: "file.js",
      code: `import genericPool from 'generic-pool';
export const pool = genericPool.createPool({ create: async () => ({}), destroy: async () => {} });`,
      output: null,
      errors: [
        {
          messageId: 'unboundedWait',
          data: {"name":"pool","reason":"`acquireTimeoutMillis` is not set and the driver has no default","setting":"acquireTimeoutMillis"},
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 98,
          suggestions: [
            {
              messageId: 'insertSetting',
              data: {"setting":"acquireTimeoutMillis","value":"5000","unit":"milliseconds"},
              output: `import genericPool from 'generic-pool';
export const pool = genericPool.createPool({ create: async () => ({}), destroy: async () => {} }, { acquireTimeoutMillis: 5000 });`,
            },
          ],
        },
      ],
    },
    {
      name: "generic-pool: options without acquireTimeoutMillis",
      filename: "file.js",
      code: `import { createPool } from 'generic-pool';
const factory = { create: async () => ({}), destroy: async () => {} };
export const pool = createPool(factory, { max: 10 });`,
      output: null,
      errors: [
        {
          messageId: 'unboundedWait',
          data: {"name":"pool","reason":"`acquireTimeoutMillis` is not set and the driver has no default","setting":"acquireTimeoutMillis"},
          line: 3,
          column: 21,
          endLine: 3,
          endColumn: 53,
          suggestions: [
            {
              messageId: 'insertSetting',
              data: {"setting":"acquireTimeoutMillis","value":"5000","unit":"milliseconds"},
              output: `import { createPool } from 'generic-pool';
const factory = { create: async () => ({}), destroy: async () => {} };
export const pool = createPool(factory, { max: 10, acquireTimeoutMillis: 5000 });`,
            },
          ],
        },
      ],
    },
    {
      name: "prisma: PrismaPg config (pg pool settings)",
      filename: "file.js",
      code: `import { PrismaPg } from '@prisma/adapter-pg';
export const adapter = new PrismaPg({ connectionString: process.env.DATABASE_URL });`,
      output: null,
      errors: [
        {
          messageId: 'unboundedWait',
          data: {"name":"adapter","reason":"`connectionTimeoutMillis` is not set and defaults to 0, which means no limit","setting":"connectionTimeoutMillis"},
          line: 2,
          column: 24,
          endLine: 2,
          endColumn: 84,
          suggestions: [
            {
              messageId: 'insertSetting',
              data: {"setting":"connectionTimeoutMillis","value":"5000","unit":"milliseconds"},
              output: `import { PrismaPg } from '@prisma/adapter-pg';
export const adapter = new PrismaPg({ connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 5000 });`,
            },
          ],
        },
      ],
    },
    {
      name: "knex: requireRecycling on nested pool.max",
      filename: "file.js",
      options: [{"requireRecycling":true}],
      code: `import knex from 'knex';
export const db = knex({ client: 'pg', connection: process.env.DATABASE_URL, pool: { min: 0 } });`,
      output: null,
      errors: [
        {
          messageId: 'missingSetting',
          data: {"name":"db","setting":"pool.max","purpose":"the maximum number of connections, which must fit the server’s limit across every process"},
          line: 2,
          column: 19,
          endLine: 2,
          endColumn: 97,
          suggestions: [
            {
              messageId: 'insertSetting',
              data: {"setting":"pool.max","value":"10","unit":"connections"},
              output: `import knex from 'knex';
export const db = knex({ client: 'pg', connection: process.env.DATABASE_URL, pool: { min: 0, max: 10 } });`,
            },
          ],
        },
      ],
    },
    {
      name: "sequelize: requireRecycling with options last",
      filename: "file.js",
      options: [{"requireRecycling":true}],
      code: `import { Sequelize } from 'sequelize';
export const sequelize = new Sequelize('db', 'user', 'pw', { dialect: 'postgres', pool: { max: 5, acquire: 10000 } });`,
      output: null,
      errors: [
        {
          messageId: 'missingSetting',
          data: {"name":"sequelize","setting":"pool.idle","purpose":"how long an idle connection is kept open"},
          line: 2,
          column: 26,
          endLine: 2,
          endColumn: 118,
          suggestions: [
            {
              messageId: 'insertSetting',
              data: {"setting":"pool.idle","value":"10000","unit":"milliseconds"},
              output: `import { Sequelize } from 'sequelize';
export const sequelize = new Sequelize('db', 'user', 'pw', { dialect: 'postgres', pool: { max: 5, acquire: 10000, idle: 10000 } });`,
            },
          ],
        },
      ],
    },
    {
      name: "autofix \"all\" applies the suggestion",
      filename: "file.js",
      settings: { 'connection-hygiene': {"autofix":"all"} },
      code: `import { Pool } from 'pg';
export const pool = new Pool({ max: 10 });`,
      output: `import { Pool } from 'pg';
export const pool = new Pool({ max: 10, connectionTimeoutMillis: 5000 });`,
      errors: [
        {
          messageId: 'unboundedWait',
          data: {"name":"pool","reason":"`connectionTimeoutMillis` is not set and defaults to 0, which means no limit","setting":"connectionTimeoutMillis"},
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 42,
          suggestions: [
            {
              messageId: 'insertSetting',
              data: {"setting":"connectionTimeoutMillis","value":"5000","unit":"milliseconds"},
              output: `import { Pool } from 'pg';
export const pool = new Pool({ max: 10, connectionTimeoutMillis: 5000 });`,
            },
          ],
        },
      ],
    },
    {
      name: "pg: multi-line options without a trailing comma, last line commented",
      filename: "file.js",
      code: `import { Pool } from 'pg';
export const pool = new Pool({
  max: 10 // per process
});`,
      output: null,
      errors: [
        {
          messageId: 'unboundedWait',
          data: {"name":"pool","reason":"`connectionTimeoutMillis` is not set and defaults to 0, which means no limit","setting":"connectionTimeoutMillis"},
          line: 2,
          column: 21,
          endLine: 4,
          endColumn: 3,
          suggestions: [
            {
              messageId: 'insertSetting',
              data: {"setting":"connectionTimeoutMillis","value":"5000","unit":"milliseconds"},
              output: `import { Pool } from 'pg';
export const pool = new Pool({
  max: 10, // per process
  connectionTimeoutMillis: 5000
});`,
            },
          ],
        },
      ],
    },

    {
      name: "custom resource: queueLimit missing",
      filename: "file.js",
      settings: { 'connection-hygiene': { resources } },
      code: `import { createPool } from 'acme-db';
export const pool = createPool({ host: 'db' });`,
      output: null,
      errors: [
        {
          messageId: 'unboundedWait',
          data: {"name":"pool","reason":"`queueLimit` is not set and defaults to 0, which means no limit","setting":"queueLimit"},
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 47,
          suggestions: [
            {
              messageId: 'insertSetting',
              data: {"setting":"queueLimit","value":"100","unit":"waiting requests"},
              output: `import { createPool } from 'acme-db';
export const pool = createPool({ host: 'db', queueLimit: 100 });`,
            },
          ],
        },
      ],
    },

    // catalog additions: pre-0.3/1.x entry points and drivers seen in real code
    {
      name: "@clickhouse/client: no idle socket TTL (requireRecycling)",
      code: `import { createClient } from '@clickhouse/client';
export const clickhouse = createClient({ url: process.env.CLICKHOUSE_URL, max_open_connections: 20 });`,
      options: [{"requireRecycling":true}],
      errors: [
        { messageId: 'missingSetting', data: {"name":"clickhouse","setting":"keep_alive.idle_socket_ttl","purpose":"how long an idle connection is kept open"}, line: 2, column: 27, endLine: 2, endColumn: 102,
          suggestions: [
            { messageId: 'insertSetting', data: {"setting":"keep_alive.idle_socket_ttl","value":"2500","unit":"milliseconds"}, output: `import { createClient } from '@clickhouse/client';
export const clickhouse = createClient({ url: process.env.CLICKHOUSE_URL, max_open_connections: 20, keep_alive: { idle_socket_ttl: 2500 } });` },
          ],
        },
      ],
    },
    {
      name: "snowflake-sdk: createPool() is a generic-pool pool, which waits for ever by default",
      code: `import snowflake from 'snowflake-sdk';
export const pool = snowflake.createPool({ account: 'acme', username: 'app' }, { max: 10, min: 0 });`,
      errors: [
        { messageId: 'unboundedWait', data: {"name":"pool","reason":"`acquireTimeoutMillis` is not set and the driver has no default","setting":"acquireTimeoutMillis"}, line: 2, column: 21, endLine: 2, endColumn: 100,
          suggestions: [
            { messageId: 'insertSetting', data: {"setting":"acquireTimeoutMillis","value":"5000","unit":"milliseconds"}, output: `import snowflake from 'snowflake-sdk';
export const pool = snowflake.createPool({ account: 'acme', username: 'app' }, { max: 10, min: 0, acquireTimeoutMillis: 5000 });` },
          ],
        },
      ],
    },
    // `.promise()` makes a promise view of the same pool: one report, on the creation, and the
    // suggestion edits createPool's options, never `.promise()`'s (which takes a Promise constructor)
    {
      name: "mysql2: createPool(opts).promise(): one report, the suggestion edits createPool's options",
      code: `import mysql from 'mysql2';
export const pool = mysql.createPool({ host: 'db' }).promise();`,
      errors: [
        { messageId: 'unboundedWait', data: {"name":"mysql.createPool()","reason":"`queueLimit` is not set and defaults to 0, which means no limit","setting":"queueLimit"}, line: 2, column: 21, endLine: 2, endColumn: 53,
          suggestions: [
            { messageId: 'insertSetting', data: {"setting":"queueLimit","value":"100","unit":"waiting requests"}, output: `import mysql from 'mysql2';
export const pool = mysql.createPool({ host: 'db', queueLimit: 100 }).promise();` },
          ],
        },
      ],
    },
    {
      name: "mysql2: createPool().promise() without options: the suggestion adds createPool's argument",
      code: `import mysql from 'mysql2';
export const pool = mysql.createPool().promise();`,
      errors: [
        { messageId: 'unboundedWait', data: {"name":"mysql.createPool()","reason":"`queueLimit` is not set and defaults to 0, which means no limit","setting":"queueLimit"}, line: 2, column: 21, endLine: 2, endColumn: 39,
          suggestions: [
            { messageId: 'insertSetting', data: {"setting":"queueLimit","value":"100","unit":"waiting requests"}, output: `import mysql from 'mysql2';
export const pool = mysql.createPool({ queueLimit: 100 }).promise();` },
          ],
        },
      ],
    },
    {
      name: "mysql2: rawPool.promise(): reported once, at the raw pool's creation",
      code: `import mysql from 'mysql2';
const raw = mysql.createPool({ host: 'db' });
export const pool = raw.promise();`,
      errors: [
        { messageId: 'unboundedWait', data: {"name":"raw","reason":"`queueLimit` is not set and defaults to 0, which means no limit","setting":"queueLimit"}, line: 2, column: 13, endLine: 2, endColumn: 45,
          suggestions: [
            { messageId: 'insertSetting', data: {"setting":"queueLimit","value":"100","unit":"waiting requests"}, output: `import mysql from 'mysql2';
const raw = mysql.createPool({ host: 'db', queueLimit: 100 });
export const pool = raw.promise();` },
          ],
        },
      ],
    },
  ],
});
