import { join } from 'node:path';
import rule from '../../rules/no-connection-budget-overflow.js';
import { runRuleTests } from '../rule-tester.js';

/** The repository root: files under it are matched against `budget.processes` keys and PM2 fixtures. */
const root = join(import.meta.dirname, '..', '..');

runRuleTests('no-connection-budget-overflow', rule, {
  valid: [
    {
      name: "no budget, not a serverless module: silent",
      code: `import { Pool } from 'pg';
export const pool = new Pool({ max: 50 });`,
    },
    {
      name: "budget: 4 workers × 10 = 40 fits the 47 left",
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 50, "reservedConnections": 3}} },
      code: `import cluster from 'node:cluster';
import { Pool } from 'pg';
if (cluster.isPrimary) {
  for (let i = 0; i < 4; i++) cluster.fork();
}
export const pool = new Pool({ max: 10 });`,
    },
    {
      name: "budget: a fork in an exit listener replaces a worker and is not counted",
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 50, "reservedConnections": 3}} },
      code: `import cluster from 'node:cluster';
import { Pool } from 'pg';
if (cluster.isPrimary) {
  for (let i = 0; i < 4; i++) cluster.fork();
  cluster.on('exit', () => cluster.fork());
}
export const pool = new Pool({ max: 10 });`,
    },
    {
      name: "budget: a size read from the environment is unknown: silent",
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 20, "reservedConnections": 0}} },
      code: `import { Pool } from 'pg';
export const pool = new Pool({ max: Number(process.env.PG_POOL_MAX) });`,
    },
    {
      name: "budget: a worker count from the environment is unknown: silent",
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 20, "reservedConnections": 0}} },
      code: `import cluster from 'node:cluster';
import { Pool } from 'pg';
const workers = Number(process.env.WEB_CONCURRENCY);
for (let i = 0; i < workers; i++) cluster.fork();
export const pool = new Pool({ max: 10 });`,
    },
    {
      name: "budget: one worker per CPU without budget.cpus is unknown: silent",
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 20, "reservedConnections": 0}} },
      code: `import cluster from 'node:cluster';
import os from 'node:os';
import { Pool } from 'pg';
for (let i = 0; i < os.availableParallelism(); i++) cluster.fork();
export const pool = new Pool({ max: 10 });`,
    },
    {
      name: "budget: fork() of child_process is not a cluster worker",
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 20, "reservedConnections": 0}} },
      code: `import { fork } from 'node:child_process';
import { Pool } from 'pg';
for (let i = 0; i < 8; i++) fork('./job.js');
export const pool = new Pool({ max: 10 });`,
    },
    {
      name: "budget: options from another module are unknown: silent",
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 5, "reservedConnections": 0}} },
      code: `import { Pool } from 'pg';
import { config } from './config.js';
export const pool = new Pool(config);`,
    },
    {
      name: "budget: the mongodb URI from the environment may carry maxPoolSize: silent",
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 50, "reservedConnections": 0}} },
      code: `import { MongoClient } from 'mongodb';
export const client = new MongoClient(process.env.MONGO_URL);`,
    },
    {
      name: "budget: a URI that sets maxPoolSize within the budget",
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 50, "reservedConnections": 0}} },
      code: `import { MongoClient } from 'mongodb';
export const client = new MongoClient('mongodb://db/app?maxPoolSize=20');`,
    },
    {
      name: "budget: typeorm sqlite has no pool size",
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 2, "reservedConnections": 0}} },
      code: `import { DataSource } from 'typeorm';
export const ds = new DataSource({ type: 'better-sqlite3', database: 'app.db' });`,
    },
    {
      name: "budget: typeorm with a type the file does not show: silent",
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 2, "reservedConnections": 0}} },
      code: `import { DataSource } from 'typeorm';
import { options } from './options.js';
export const ds = new DataSource({ ...options, poolSize: undefined });`,
    },
    {
      name: "budget: processes per folder, another folder's count does not apply",
      filename: join(root, "src/jobs/db.js"),
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 50, "reservedConnections": 0, "processes": {"src/api": 8}}} },
      code: `import { Pool } from 'pg';
export const pool = new Pool({ max: 10 });`,
    },
    {
      name: "budget: PM2 with several apps and no app whose script is the file: one process",
      filename: join(root, "tests/fixtures/budget/pm2-apps/src/db.js"),
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 20, "reservedConnections": 0}} },
      code: `import { Pool } from 'pg';
export const pool = new Pool({ max: 10 });`,
    },
    {
      name: "budget: PM2 app whose script is the file, within the budget",
      filename: join(root, "tests/fixtures/budget/pm2-apps/src/jobs.js"),
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 20, "reservedConnections": 0}} },
      code: `import { Pool } from 'pg';
export const pool = new Pool({ max: 10 });`,
    },
    {
      name: "budget: an ecosystem file that does not parse is ignored (one process)",
      filename: join(root, "tests/fixtures/budget/pm2-broken/src/db.js"),
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 10, "reservedConnections": 0}} },
      code: `import { Pool } from 'pg';
export const pool = new Pool({ max: 10 });`,
    },
    {
      name: "budget: a computed PM2 instance count is unknown: silent",
      filename: join(root, "tests/fixtures/budget/pm2-computed/src/db.js"),
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 5, "reservedConnections": 0}} },
      code: `import { Pool } from 'pg';
export const pool = new Pool({ max: 10 });`,
    },
    {
      name: "serverless: max 1",
      code: `import { Pool } from 'pg';
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
export const handler = async () => (await pool.query('SELECT 1')).rows;`,
    },
    {
      name: "serverless: Neon pooled endpoint",
      code: `import { Pool } from 'pg';
const pool = new Pool({ connectionString: 'postgres://app@ep-cool-name-123456-pooler.us-east-2.aws.neon.tech/neondb' });
export const handler = async () => (await pool.query('SELECT 1')).rows;`,
    },
    {
      name: "serverless: pgbouncer=true",
      code: `import { Pool } from 'pg';
const pool = new Pool({ connectionString: 'postgres://app@db.example.com:5432/app?pgbouncer=true' });
export const handler = async () => (await pool.query('SELECT 1')).rows;`,
    },
    {
      name: "serverless: Supabase transaction pooler port",
      code: `import { Pool } from 'pg';
const pool = new Pool({ host: process.env.DB_HOST, port: 6543 });
export const handler = async () => (await pool.query('SELECT 1')).rows;`,
    },
    {
      name: "serverless: RDS Proxy host in a template literal",
      code: `import { Pool } from 'pg';
const pool = new Pool({ connectionString: \`postgres://\${process.env.DB_USER}@app.proxy-abc123.us-east-1.rds.amazonaws.com/app\` });
export const handler = async () => (await pool.query('SELECT 1')).rows;`,
    },
    {
      name: "serverless: poolerInEnvironment trusts connection strings from the environment",
      options: [{"poolerInEnvironment": true}],
      code: `import { Pool } from 'pg';
const pool = new Pool({ connectionString: process.env.DATABASE_URL });
export const handler = async () => (await pool.query('SELECT 1')).rows;`,
    },
    {
      name: "serverless: option off",
      options: [{"serverless": false}],
      code: `import { Pool } from 'pg';
const pool = new Pool();
export const handler = async () => (await pool.query('SELECT 1')).rows;`,
    },
    {
      name: "serverless: an Express app module is not a serverless handler module",
      code: `import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
app.get('/users', async (req, res) => res.json((await pool.query('SELECT 1')).rows));
export default app;`,
    },
    {
      name: "serverless: a handler that is not exported is not an entry point",
      code: `import { Pool } from 'pg';
const pool = new Pool();
async function handler() { return pool.query('SELECT 1'); }
await handler();`,
    },
    {
      name: "serverless: a size from the environment is unknown: silent",
      code: `import { Pool } from 'pg';
const pool = new Pool({ max: Number(process.env.PG_MAX ?? 1) });
export const handler = async () => (await pool.query('SELECT 1')).rows;`,
    },
    {
      name: "serverless: neon() over HTTP holds no pool",
      code: `import { neon } from '@neondatabase/serverless';
const sql = neon(process.env.DATABASE_URL);
export const handler = async () => sql\`SELECT 1\`;`,
    },
    {
      name: "unusual syntax does not throw",
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 5, "reservedConnections": 0}} },
      code: `import { Pool } from 'pg';
const n = 3;
for (let i = 0; i < n; i++) {}
export const pool = new Pool({ max: n > 2 ? undefined : 1, ...{} });
export const other = new Pool(...[]);`,
    },
  ],
  invalid: [
    {
      name: "budget: 8 cluster workers × pg max 10, with the reserve",
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 50, "reservedConnections": 3}} },
      code: `import cluster from 'node:cluster';
import { Pool } from 'pg';
if (cluster.isPrimary) {
  for (let i = 0; i < 8; i++) cluster.fork();
} else {
  startServer();
}
export const pool = new Pool({ max: 10 });`,
      output: null,
      errors: [
        {
          messageId: "overBudget",
          data: {"name": "pool", "connections": "10 connections", "processes": "8 cluster workers", "total": "80", "available": "47", "maxConnections": "50", "reserved": "3"},
          line: 8,
          column: 21,
          endLine: 8,
          endColumn: 42,
          suggestions: [
            {
              messageId: "setSize",
              data: {"setting": "max", "value": "5"},
              output: `import cluster from 'node:cluster';
import { Pool } from 'pg';
if (cluster.isPrimary) {
  for (let i = 0; i < 8; i++) cluster.fork();
} else {
  startServer();
}
export const pool = new Pool({ max: 5 });`,
            },
          ],
        },
      ],
    },
    {
      name: "budget: a const worker count and the driver default, in a new options argument",
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 50, "reservedConnections": 3}} },
      code: `const cluster = require('node:cluster');
const { Pool } = require('pg');
const WORKERS = 8;
if (cluster.isPrimary) for (let i = 0; i < WORKERS; i++) cluster.fork();
const pool = new Pool();
module.exports = { pool };`,
      output: null,
      errors: [
        {
          messageId: "overBudget",
          data: {"name": "pool", "connections": "10 connections", "processes": "8 cluster workers", "total": "80", "available": "47", "maxConnections": "50", "reserved": "3"},
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 24,
          suggestions: [
            {
              messageId: "setSize",
              data: {"setting": "max", "value": "5"},
              output: `const cluster = require('node:cluster');
const { Pool } = require('pg');
const WORKERS = 8;
if (cluster.isPrimary) for (let i = 0; i < WORKERS; i++) cluster.fork();
const pool = new Pool({ max: 5 });
module.exports = { pool };`,
            },
          ],
        },
      ],
    },
    {
      name: "budget: one worker per CPU with budget.cpus, mysql2 connectionLimit",
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 100, "reservedConnections": 3, "cpus": 16}} },
      code: `import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import mysql from 'mysql2/promise';
if (cluster.isPrimary) {
  for (let i = 0; i < availableParallelism(); i++) cluster.fork();
}
export const pool = mysql.createPool({ uri: process.env.DATABASE_URL, connectionLimit: 10 });`,
      output: null,
      errors: [
        {
          messageId: "overBudget",
          data: {"name": "pool", "connections": "10 connections", "processes": "16 cluster workers", "total": "160", "available": "97", "maxConnections": "100", "reserved": "3"},
          line: 7,
          column: 21,
          endLine: 7,
          endColumn: 93,
          suggestions: [
            {
              messageId: "setSize",
              data: {"setting": "connectionLimit", "value": "6"},
              output: `import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import mysql from 'mysql2/promise';
if (cluster.isPrimary) {
  for (let i = 0; i < availableParallelism(); i++) cluster.fork();
}
export const pool = mysql.createPool({ uri: process.env.DATABASE_URL, connectionLimit: 6 });`,
            },
          ],
        },
      ],
    },
    {
      name: "budget: for…of over os.cpus()",
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 40, "reservedConnections": 0, "cpus": 8}} },
      code: `import cluster from 'node:cluster';
import os from 'node:os';
import { Pool } from 'pg';
if (cluster.isPrimary) for (const _ of os.cpus()) cluster.fork();
export const pool = new Pool({ max: 10 });`,
      output: null,
      errors: [
        {
          messageId: "overBudget",
          data: {"name": "pool", "connections": "10 connections", "processes": "8 cluster workers", "total": "80", "available": "40", "maxConnections": "40", "reserved": "0"},
          line: 5,
          column: 21,
          endLine: 5,
          endColumn: 42,
          suggestions: [
            {
              messageId: "setSize",
              data: {"setting": "max", "value": "5"},
              output: `import cluster from 'node:cluster';
import os from 'node:os';
import { Pool } from 'pg';
if (cluster.isPrimary) for (const _ of os.cpus()) cluster.fork();
export const pool = new Pool({ max: 5 });`,
            },
          ],
        },
      ],
    },
    {
      name: "budget: processes from the settings, knex default pool.max inserted",
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 100, "reservedConnections": 0, "processes": 20}} },
      code: `import knex from 'knex';
export const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });`,
      output: null,
      errors: [
        {
          messageId: "overBudget",
          data: {"name": "db", "connections": "10 connections", "processes": "20 processes", "total": "200", "available": "100", "maxConnections": "100", "reserved": "0"},
          line: 2,
          column: 19,
          endLine: 2,
          endColumn: 79,
          suggestions: [
            {
              messageId: "setSize",
              data: {"setting": "pool.max", "value": "5"},
              output: `import knex from 'knex';
export const db = knex({ client: 'pg', connection: process.env.DATABASE_URL, pool: { max: 5 } });`,
            },
          ],
        },
      ],
    },
    {
      name: "budget: processes per folder",
      filename: join(root, "src/api/db.js"),
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 50, "reservedConnections": 0, "processes": {"src/api/**": 8, "src": 1}}} },
      code: `import { Sequelize } from 'sequelize';
export const sequelize = new Sequelize(process.env.DATABASE_URL, { pool: { max: 10 } });`,
      output: null,
      errors: [
        {
          messageId: "overBudget",
          data: {"name": "sequelize", "connections": "10 connections", "processes": "8 processes", "total": "80", "available": "50", "maxConnections": "50", "reserved": "0"},
          line: 2,
          column: 26,
          endLine: 2,
          endColumn: 88,
          suggestions: [
            {
              messageId: "setSize",
              data: {"setting": "pool.max", "value": "6"},
              output: `import { Sequelize } from 'sequelize';
export const sequelize = new Sequelize(process.env.DATABASE_URL, { pool: { max: 6 } });`,
            },
          ],
        },
      ],
    },
    {
      name: "budget: two pools in one file count together",
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 50, "reservedConnections": 3, "processes": 3}} },
      code: `import { Pool } from 'pg';
export const primary = new Pool({ max: 10 });
export const replica = new Pool({ max: 10 });`,
      output: null,
      errors: [
        {
          messageId: "overBudget",
          data: {"name": "primary", "connections": "10 + 10 connections (with the file’s other pools)", "processes": "3 processes", "total": "60", "available": "47", "maxConnections": "50", "reserved": "3"},
          line: 2,
          column: 24,
          endLine: 2,
          endColumn: 45,
          suggestions: [
            {
              messageId: "setSize",
              data: {"setting": "max", "value": "5"},
              output: `import { Pool } from 'pg';
export const primary = new Pool({ max: 5 });
export const replica = new Pool({ max: 10 });`,
            },
          ],
        },
        {
          messageId: "overBudget",
          data: {"name": "replica", "connections": "10 + 10 connections (with the file’s other pools)", "processes": "3 processes", "total": "60", "available": "47", "maxConnections": "50", "reserved": "3"},
          line: 3,
          column: 24,
          endLine: 3,
          endColumn: 45,
          suggestions: [
            {
              messageId: "setSize",
              data: {"setting": "max", "value": "5"},
              output: `import { Pool } from 'pg';
export const primary = new Pool({ max: 10 });
export const replica = new Pool({ max: 5 });`,
            },
          ],
        },
      ],
    },
    {
      name: "budget: mongodb default maxPoolSize 100 in a single process",
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 50, "reservedConnections": 0}} },
      code: `import { MongoClient } from 'mongodb';
export const client = new MongoClient(process.env.MONGO_URL, { appName: 'api' });`,
      output: null,
      errors: [
        {
          messageId: "overBudget",
          data: {"name": "client", "connections": "100 connections", "processes": "1 process", "total": "100", "available": "50", "maxConnections": "50", "reserved": "0"},
          line: 2,
          column: 23,
          endLine: 2,
          endColumn: 81,
          suggestions: [
            {
              messageId: "setSize",
              data: {"setting": "maxPoolSize", "value": "50"},
              output: `import { MongoClient } from 'mongodb';
export const client = new MongoClient(process.env.MONGO_URL, { appName: 'api', maxPoolSize: 50 });`,
            },
          ],
        },
      ],
    },
    {
      name: "budget: a maxPoolSize in a literal URI: no suggestion",
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 50, "reservedConnections": 0}} },
      code: `import { MongoClient } from 'mongodb';
export const client = new MongoClient('mongodb://db/app?maxPoolSize=80');`,
      output: null,
      errors: [
        {
          messageId: "overBudget",
          data: {"name": "client", "connections": "80 connections", "processes": "1 process", "total": "80", "available": "50", "maxConnections": "50", "reserved": "0"},
          line: 2,
          column: 23,
          endLine: 2,
          endColumn: 73,
          suggestions: [],
        },
      ],
    },
    {
      name: "budget: typeorm mongodb default 100",
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 50, "reservedConnections": 0}} },
      code: `import { DataSource } from 'typeorm';
export const ds = new DataSource({ type: 'mongodb', url: process.env.MONGO_URL });`,
      output: null,
      errors: [
        {
          messageId: "overBudget",
          data: {"name": "ds", "connections": "100 connections", "processes": "1 process", "total": "100", "available": "50", "maxConnections": "50", "reserved": "0"},
          line: 2,
          column: 19,
          endLine: 2,
          endColumn: 82,
          suggestions: [
            {
              messageId: "setSize",
              data: {"setting": "poolSize", "value": "50"},
              output: `import { DataSource } from 'typeorm';
export const ds = new DataSource({ type: 'mongodb', url: process.env.MONGO_URL, poolSize: 50 });`,
            },
          ],
        },
      ],
    },
    {
      name: "budget: typeorm extra.max wins over poolSize",
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 50, "reservedConnections": 3, "processes": 2}} },
      code: `import { DataSource } from 'typeorm';
export const ds = new DataSource({ type: 'postgres', poolSize: 5, extra: { max: 30 } });`,
      output: null,
      errors: [
        {
          messageId: "overBudget",
          data: {"name": "ds", "connections": "30 connections", "processes": "2 processes", "total": "60", "available": "47", "maxConnections": "50", "reserved": "3"},
          line: 2,
          column: 19,
          endLine: 2,
          endColumn: 88,
          suggestions: [
            {
              messageId: "setSize",
              data: {"setting": "extra.max", "value": "23"},
              output: `import { DataSource } from 'typeorm';
export const ds = new DataSource({ type: 'postgres', poolSize: 5, extra: { max: 23 } });`,
            },
          ],
        },
      ],
    },
    {
      name: "budget: a size through a const",
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 50, "reservedConnections": 3, "processes": 4}} },
      code: `import { Pool } from 'pg';
const POOL_SIZE = 20;
export const pool = new Pool({ max: POOL_SIZE });`,
      output: null,
      errors: [
        {
          messageId: "overBudget",
          data: {"name": "pool", "connections": "20 connections", "processes": "4 processes", "total": "80", "available": "47", "maxConnections": "50", "reserved": "3"},
          line: 3,
          column: 21,
          endLine: 3,
          endColumn: 49,
          suggestions: [
            {
              messageId: "setSize",
              data: {"setting": "max", "value": "11"},
              output: `import { Pool } from 'pg';
const POOL_SIZE = 20;
export const pool = new Pool({ max: 11 });`,
            },
          ],
        },
      ],
    },
    {
      name: "budget: a conditional size counts its worst case, no suggestion",
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 50, "reservedConnections": 3, "processes": 4}} },
      code: `import { Pool } from 'pg';
export const pool = new Pool({ max: process.env.NODE_ENV === 'production' ? 20 : 5 });`,
      output: null,
      errors: [
        {
          messageId: "overBudget",
          data: {"name": "pool", "connections": "20 connections", "processes": "4 processes", "total": "80", "available": "47", "maxConnections": "50", "reserved": "3"},
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 86,
          suggestions: [],
        },
      ],
    },
    {
      name: "budget: no size fits: no suggestion",
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 50, "reservedConnections": 3, "processes": 100}} },
      code: `import { Pool } from 'pg';
export const pool = new Pool({ max: 2 });`,
      output: null,
      errors: [
        {
          messageId: "overBudget",
          data: {"name": "pool", "connections": "2 connections", "processes": "100 processes", "total": "200", "available": "47", "maxConnections": "50", "reserved": "3"},
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 41,
          suggestions: [],
        },
      ],
    },
    {
      name: "budget: self-spawning worker threads",
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 50, "reservedConnections": 3}} },
      code: `import { Worker, isMainThread } from 'node:worker_threads';
import { Pool } from 'pg';
if (isMainThread) {
  for (let i = 0; i < 4; i++) new Worker(new URL(import.meta.url));
}
export const pool = new Pool({ max: 20 });`,
      output: null,
      errors: [
        {
          messageId: "overBudget",
          data: {"name": "pool", "connections": "20 connections", "processes": "4 worker threads", "total": "80", "available": "47", "maxConnections": "50", "reserved": "3"},
          line: 6,
          column: 21,
          endLine: 6,
          endColumn: 42,
          suggestions: [
            {
              messageId: "setSize",
              data: {"setting": "max", "value": "11"},
              output: `import { Worker, isMainThread } from 'node:worker_threads';
import { Pool } from 'pg';
if (isMainThread) {
  for (let i = 0; i < 4; i++) new Worker(new URL(import.meta.url));
}
export const pool = new Pool({ max: 11 });`,
            },
          ],
        },
      ],
    },
    {
      name: "budget: PM2 instances from the package's ecosystem file",
      filename: join(root, "tests/fixtures/budget/pm2-cluster/src/db.js"),
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 30, "reservedConnections": 0}} },
      code: `import { Pool } from 'pg';
export const pool = new Pool({ max: 10 });`,
      output: null,
      errors: [
        {
          messageId: "overBudget",
          data: {"name": "pool", "connections": "10 connections", "processes": "4 PM2 instances", "total": "40", "available": "30", "maxConnections": "30", "reserved": "0"},
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 42,
          suggestions: [
            {
              messageId: "setSize",
              data: {"setting": "max", "value": "7"},
              output: `import { Pool } from 'pg';
export const pool = new Pool({ max: 7 });`,
            },
          ],
        },
      ],
    },
    {
      name: "budget: PM2 instances 'max' with budget.cpus",
      filename: join(root, "tests/fixtures/budget/pm2-max/lib/db.cjs"),
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 60, "reservedConnections": 0, "cpus": 8}} },
      code: `const { Pool } = require('pg');
const pool = new Pool({ max: 10 });
module.exports = { pool };`,
      output: null,
      errors: [
        {
          messageId: "overBudget",
          data: {"name": "pool", "connections": "10 connections", "processes": "8 PM2 instances", "total": "80", "available": "60", "maxConnections": "60", "reserved": "0"},
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 35,
          suggestions: [
            {
              messageId: "setSize",
              data: {"setting": "max", "value": "7"},
              output: `const { Pool } = require('pg');
const pool = new Pool({ max: 7 });
module.exports = { pool };`,
            },
          ],
        },
      ],
    },
    {
      name: "budget: the PM2 app whose script is the file",
      filename: join(root, "tests/fixtures/budget/pm2-apps/src/api.js"),
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 50, "reservedConnections": 0}} },
      code: `import { Pool } from 'pg';
export const pool = new Pool({ max: 10 });`,
      output: null,
      errors: [
        {
          messageId: "overBudget",
          data: {"name": "pool", "connections": "10 connections", "processes": "6 PM2 instances", "total": "60", "available": "50", "maxConnections": "50", "reserved": "0"},
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 42,
          suggestions: [
            {
              messageId: "setSize",
              data: {"setting": "max", "value": "8"},
              output: `import { Pool } from 'pg';
export const pool = new Pool({ max: 8 });`,
            },
          ],
        },
      ],
    },
    {
      name: "budget and serverless: the budget finding only",
      settings: { 'connection-hygiene': {"budget": {"maxConnections": 100, "reservedConnections": 0, "processes": 50}} },
      code: `import { Pool } from 'pg';
const pool = new Pool({ max: 5 });
export const handler = async () => (await pool.query('SELECT 1')).rows;`,
      output: null,
      errors: [
        {
          messageId: "overBudget",
          data: {"name": "pool", "connections": "5 connections", "processes": "50 processes", "total": "250", "available": "100", "maxConnections": "100", "reserved": "0"},
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 34,
          suggestions: [
            {
              messageId: "setSize",
              data: {"setting": "max", "value": "2"},
              output: `import { Pool } from 'pg';
const pool = new Pool({ max: 2 });
export const handler = async () => (await pool.query('SELECT 1')).rows;`,
            },
          ],
        },
      ],
    },
    {
      name: "serverless: handler export, pg default max 10, connection string from the environment",
      code: `import { Pool } from 'pg';
const pool = new Pool({ connectionString: process.env.DATABASE_URL });

export const handler = async (event) => {
  const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [event.id]);
  return rows[0];
};`,
      output: null,
      errors: [
        {
          messageId: "serverlessPool",
          data: {"name": "pool", "size": "10", "handler": "the serverless `handler`", "setting": "max"},
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 70,
          suggestions: [
            {
              messageId: "setSize",
              data: {"setting": "max", "value": "1"},
              output: `import { Pool } from 'pg';
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });

export const handler = async (event) => {
  const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [event.id]);
  return rows[0];
};`,
            },
          ],
        },
      ],
    },
    {
      name: "serverless: CommonJS exports.handler, no options",
      filename: join(root, "file.cjs"),
      code: `const { Pool } = require('pg');
const pool = new Pool();
exports.handler = async () => (await pool.query('SELECT 1')).rows;`,
      output: null,
      errors: [
        {
          messageId: "serverlessPool",
          data: {"name": "pool", "size": "10", "handler": "the serverless `handler`", "setting": "max"},
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 24,
          suggestions: [
            {
              messageId: "setSize",
              data: {"setting": "max", "value": "1"},
              output: `const { Pool } = require('pg');
const pool = new Pool({ max: 1 });
exports.handler = async () => (await pool.query('SELECT 1')).rows;`,
            },
          ],
        },
      ],
    },
    {
      name: "serverless: Next.js route file, an explicit max",
      filename: join(root, "app/api/users/route.ts"),
      code: `import { Pool } from 'pg';
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
export async function GET() {
  return Response.json((await pool.query('SELECT * FROM users')).rows);
}`,
      output: null,
      errors: [
        {
          messageId: "serverlessPool",
          data: {"name": "pool", "size": "20", "handler": "the `GET` route handler", "setting": "max"},
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 79,
          suggestions: [
            {
              messageId: "setSize",
              data: {"setting": "max", "value": "1"},
              output: `import { Pool } from 'pg';
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
export async function GET() {
  return Response.json((await pool.query('SELECT * FROM users')).rows);
}`,
            },
          ],
        },
      ],
    },
    {
      name: "serverless: Workers fetch, mysql2",
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: 'mysql://app@db.example.com/app' });
export default {
  async fetch() {
    const [rows] = await pool.query('SELECT 1');
    return Response.json(rows);
  },
};`,
      output: null,
      errors: [
        {
          messageId: "serverlessPool",
          data: {"name": "pool", "size": "10", "handler": "the `fetch` handler", "setting": "connectionLimit"},
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 73,
          suggestions: [
            {
              messageId: "setSize",
              data: {"setting": "connectionLimit", "value": "1"},
              output: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: 'mysql://app@db.example.com/app', connectionLimit: 1 });
export default {
  async fetch() {
    const [rows] = await pool.query('SELECT 1');
    return Response.json(rows);
  },
};`,
            },
          ],
        },
      ],
    },
    {
      name: "serverless: Prisma with the pg adapter reports the adapter's pool under the client's name",
      code: `import { PrismaClient } from '@prisma/client';
import { PrismaPg } from '@prisma/adapter-pg';
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });
export const handler = async () => prisma.user.findMany();`,
      output: null,
      errors: [
        {
          messageId: "serverlessPool",
          data: {"name": "prisma", "size": "10", "handler": "the serverless `handler`", "setting": "max"},
          line: 3,
          column: 44,
          endLine: 3,
          endColumn: 104,
          suggestions: [
            {
              messageId: "setSize",
              data: {"setting": "max", "value": "1"},
              output: `import { PrismaClient } from '@prisma/client';
import { PrismaPg } from '@prisma/adapter-pg';
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL, max: 1 }) });
export const handler = async () => prisma.user.findMany();`,
            },
          ],
        },
      ],
    },
    {
      name: "serverless: a pool created inside the handler",
      code: `import { Pool } from 'pg';
export async function handler() {
  const pool = new Pool({ max: 5 });
  try {
    return (await pool.query('SELECT 1')).rows;
  } finally {
    await pool.end();
  }
}`,
      output: null,
      errors: [
        {
          messageId: "serverlessPool",
          data: {"name": "pool", "size": "5", "handler": "the serverless `handler`", "setting": "max"},
          line: 3,
          column: 16,
          endLine: 3,
          endColumn: 36,
          suggestions: [
            {
              messageId: "setSize",
              data: {"setting": "max", "value": "1"},
              output: `import { Pool } from 'pg';
export async function handler() {
  const pool = new Pool({ max: 1 });
  try {
    return (await pool.query('SELECT 1')).rows;
  } finally {
    await pool.end();
  }
}`,
            },
          ],
        },
      ],
    },
  ],
});
