import rule from '../../rules/no-pool-in-loop.js';
import { runRuleTests } from '../rule-tester.js';

const pg = `import { Pool, Client } from 'pg';\n`;

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

runRuleTests('no-pool-in-loop', rule, {
  valid: [
    {
      name: 'review: a retry loop that keeps the pool and breaks on success',
      code: `import oracledb from 'oracledb';
let pool;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export async function start(o) {
  for (;;) {
    try {
      pool = await oracledb.createPool(o);
      break;
    } catch {
      await sleep(1000);
    }
  }
  return pool;
}`,
    },
    { name: "review: mongoose.connect() in a loop reuses mongoose's default connection", code: `import mongoose from 'mongoose';\nexport async function connectAny(uris) {\n  for (const uri of uris) {\n    try { await mongoose.connect(uri); return; } catch {}\n  }\n}` },
    {
      name: 'pg: the pool is created once before the loop',
      code: `${pg}const pool = new Pool();
export async function each(ids) {
  for (const id of ids) await pool.query('select $1', [id]);
}`,
    },
    {
      name: 'pg: a lease per iteration is not a pool',
      code: `${pg}const pool = new Pool();
export async function each(ids) {
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
      name: 'pg: a function declared inside a loop runs when it is called, not per iteration',
      code: `${pg}export function register(names, registry) {
  for (const name of names) {
    function make() {
      return new Pool({ application_name: name });
    }
    registry.set(name, make);
  }
}`,
    },
    {
      name: 'pg: an arrow assigned inside a loop is not called by the loop',
      code: `${pg}export function factories(names) {
  const list = [];
  for (const name of names) {
    const make = () => new Pool({ application_name: name });
    list.push(make);
  }
  return list;
}`,
    },
    {
      name: 'pg: the init of a for statement runs once',
      code: `${pg}export async function count() {
  for (let pool = new Pool(), i = 0; i < 3; i++) {
    await pool.query('select 1');
  }
}`,
    },
    {
      name: 'pg: the iterable of a for…of runs once',
      code: `${pg}export async function rows() {
  for (const row of (await new Pool().query('select 1')).rows) console.log(row);
}`,
    },
    {
      name: 'pg: a timer callback is not a loop (prefer-singleton-pool territory)',
      code: `${pg}setInterval(() => {
  const pool = new Pool();
  pool.query('select 1');
}, 1000);`,
    },
    {
      name: 'pg: a class named Pool that is not the driver',
      code: `import 'pg';
class Pool {}
export function each(ids) {
  for (const id of ids) new Pool(id);
}`,
    },
    {
      name: 'pg: a Pool imported from a local module',
      code: `import 'pg';
import { Pool } from './pool.js';
export function each(ids) {
  for (const id of ids) new Pool(id);
}`,
    },
    {
      name: 'neon: neon() is a stateless HTTP query function (lifetime free)',
      code: `import { neon } from '@neondatabase/serverless';
export async function each(urls) {
  for (const url of urls) {
    const sql = neon(url);
    await sql\`select 1\`;
  }
}`,
    },
    {
      name: 'planetscale: connect() is an HTTP handle (lifetime free)',
      code: `import { connect } from '@planetscale/database';
export async function each(ids) {
  for (const id of ids) {
    const conn = connect({ url: process.env.DATABASE_URL });
    await conn.execute('select ?', [id]);
  }
}`,
    },
    {
      name: 'drizzle: drizzle(pool) wraps a pool created outside the loop',
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
const pool = new Pool();
export async function each(ids) {
  for (const id of ids) {
    const db = drizzle(pool);
    await db.execute('select 1');
  }
}`,
    },
    {
      name: 'odd syntax: private fields, computed members, optional calls in a loop',
      code: `${pg}const pool = new Pool();
class Repo {
  #pool = pool;
  async each(ids) {
    for (const id of ids) {
      await this.#pool?.query('select $1', [id]);
      await pool['query']('select 1');
    }
  }
}
export { Repo };`,
    },
    {
      name: 'ts: decorators, generics and type assertions around a loop',
      code: `import { Pool } from 'pg';
declare function Injectable(): ClassDecorator;
const pool = new Pool() as Pool;
@Injectable()
export class Repo {
  async each<T extends string>(ids: readonly T[]): Promise<void> {
    for (const id of ids) await pool!.query<{ id: T }>('select $1', [id]);
  }
}`,
    },
    {
      name: "pg: a connect-retry loop returns the connection it wrapped and connected (@databases/pg ConnectionSource)",
      code: `import { Client } from 'pg';
class Driver {
  constructor(client) { this.client = client; }
  async connect() { await this.client.connect(); }
}
export async function connectWithRetry(hosts, options, allowFallback) {
  let error;
  do {
    for (const { host, port } of hosts) {
      options.host = host;
      options.port = port;
      try {
        const connection = new Driver(new Client(options));
        await connection.connect();
        return connection;
      } catch (ex) {
        error = ex;
        if (allowFallback) {
          try {
            options.ssl = false;
            const connection = new Driver(new Client(options));
            await connection.connect();
            return connection;
          } catch (ex2) {
            error = ex2;
          }
        }
      }
    }
  } while (Date.now() < deadline());
  throw error;
}`,
    },
    {
      name: "pg: a connect-retry loop returns the client it connected; the loop repeats only on failure",
      code: `import { Client } from 'pg';
export async function connectWithRetry(options) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const client = new Client(options);
      await client.connect();
      return client;
    } catch (error) {
      await sleep(attempt * 100);
    }
  }
  throw new Error('could not connect');
}`,
    },
    {
      name: "pg: a retry loop that returns the wrapped client straight from the iteration",
      code: `import { Client } from 'pg';
import { Driver } from './driver.js';
export function open(options) {
  for (let attempt = 0; ; attempt++) {
    try {
      return new Driver(new Client(options));
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}`,
    },
    // catalog additions: pre-0.3/1.x entry points and drivers seen in real code
    {
      name: "oracledb: getPool(alias) in a loop looks pools up; it creates none",
      code: `import oracledb from 'oracledb';
export async function countPerAlias(aliases) {
  const counts = [];
  for (const alias of aliases) {
    const conn = await oracledb.getPool(alias).getConnection();
    try {
      counts.push((await conn.execute('select count(*) from emp')).rows[0]);
    } finally {
      await conn.close();
    }
  }
  return counts;
}`,
    },
  ],
  invalid: [
    {
      name: 'pg: options changed by the loop before each creation: a suggestion, never an autofix (hoisting would connect with the first host only)',
      code: `import { Client } from 'pg';
const options = { host: 'a' };
export async function each(hosts: string[]) {
  for (const host of hosts) {
    options.host = host;
    const client = new Client(options);
    await client.connect();
    await client.query('select 1');
    await client.end();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'createdInLoop',
          data: { name: 'client', what: 'direct connection', where: 'on every iteration of this `for…of` loop' },
          line: 6,
          column: 20,
          endLine: 6,
          endColumn: 39,
          suggestions: [{ messageId: 'hoist', data: { name: 'client', andEnd: ' and move `client.end()` after it' }, output: `import { Client } from 'pg';
const options = { host: 'a' };
export async function each(hosts: string[]) {
  const client = new Client(options);
  await client.connect();
  for (const host of hosts) {
    options.host = host;
    await client.query('select 1');
  }
  await client.end();
}` }],
        },
      ],
    },
    {
      name: "pg: for…of, ended in the iteration (autofix hoists and moves end after the loop)",
      code: `import { Pool, Client } from 'pg';

export async function refresh(ids) {
  for (const id of ids) {
    // one pool for the whole batch
    const pool = new Pool({ max: 2 }); // small
    await pool.query('select refresh($1)', [id]);
    await pool.end();
  }
}`,
      output: `import { Pool, Client } from 'pg';

export async function refresh(ids) {
  // one pool for the whole batch
  const pool = new Pool({ max: 2 }); // small
  for (const id of ids) {
    await pool.query('select refresh($1)', [id]);
  }
  await pool.end();
}`,
      errors: [
        {
          messageId: 'createdInLoop',
          data: {"name":"pool","what":"pool","where":"on every iteration of this `for…of` loop"},
          line: 6,
          column: 18,
          endLine: 6,
          endColumn: 38,
        },
      ],
    },
    {
      name: "pg: while loop, never ended (autofix hoists)",
      code: `import { Pool, Client } from 'pg';

export async function poll(queue) {
  while (queue.length > 0) {
    const pool = new Pool();
    await pool.query('select $1', [queue.shift()]);
  }
}`,
      output: `import { Pool, Client } from 'pg';

export async function poll(queue) {
  const pool = new Pool();
  while (queue.length > 0) {
    await pool.query('select $1', [queue.shift()]);
  }
}`,
      errors: [
        {
          messageId: 'createdInLoopNotEnded',
          data: {"name":"pool","what":"pool","where":"on every iteration of this `while` loop"},
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 28,
        },
      ],
    },
    {
      name: "pg: per-tenant arguments (no fix, cache advice)",
      code: `import { Pool, Client } from 'pg';

export async function migrateAll(tenants) {
  for (const tenant of tenants) {
    const pool = new Pool({ connectionString: tenant.url });
    await pool.query('select 1');
    await pool.end();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'createdPerItem',
          data: {"name":"pool","what":"pool","where":"on every iteration of this `for…of` loop","variable":"tenant"},
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 60,
        },
      ],
    },
    {
      name: "pg: classic for loop reads the counter",
      code: `import { Pool, Client } from 'pg';

export async function shards(n) {
  for (let i = 0; i < n; i++) {
    const pool = new Pool({ database: 'shard' + i });
    await pool.query('select 1');
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'createdPerItem',
          data: {"name":"pool","what":"pool","where":"on every iteration of this `for` loop","variable":"i"},
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 53,
        },
      ],
    },
    {
      name: "pg: for…in",
      code: `import { Pool, Client } from 'pg';

const config = { host: 'db' };
export async function each(map) {
  for (const key in map) {
    const pool = new Pool(config);
    await pool.query('select $1', [key]);
    await pool.end();
  }
}`,
      output: `import { Pool, Client } from 'pg';

const config = { host: 'db' };
export async function each(map) {
  const pool = new Pool(config);
  for (const key in map) {
    await pool.query('select $1', [key]);
  }
  await pool.end();
}`,
      errors: [
        {
          messageId: 'createdInLoop',
          data: {"name":"pool","what":"pool","where":"on every iteration of this `for…in` loop"},
          line: 6,
          column: 18,
          endLine: 6,
          endColumn: 34,
        },
      ],
    },
    {
      name: "pg: do…while inside a labelled statement",
      code: `import { Pool, Client } from 'pg';

export async function drain(next) {
  outer: do {
    const pool = new Pool();
    const { rows } = await pool.query('select 1');
    await pool.end();
    if (rows.length === 0) break outer;
  } while (next());
}`,
      output: `import { Pool, Client } from 'pg';

export async function drain(next) {
  const pool = new Pool();
  outer: do {
    const { rows } = await pool.query('select 1');
    if (rows.length === 0) break outer;
  } while (next());
  await pool.end();
}`,
      errors: [
        {
          messageId: 'createdInLoop',
          data: {"name":"pool","what":"pool","where":"on every iteration of this `do…while` loop"},
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 28,
        },
      ],
    },
    {
      name: "pg: for await over an async iterator",
      code: `import { Pool, Client } from 'pg';

export async function consume(events) {
  for await (const event of events) {
    const pool = new Pool();
    await pool.query('insert into log values ($1)', [event.id]);
    await pool.end();
  }
}`,
      output: `import { Pool, Client } from 'pg';

export async function consume(events) {
  const pool = new Pool();
  for await (const event of events) {
    await pool.query('insert into log values ($1)', [event.id]);
  }
  await pool.end();
}`,
      errors: [
        {
          messageId: 'createdInLoop',
          data: {"name":"pool","what":"pool","where":"on every iteration of this `for await…of` loop"},
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 28,
        },
      ],
    },
    {
      name: "pg: forEach callback (sync), hoisted before the statement",
      code: `import { Pool, Client } from 'pg';

export function warm(ids) {
  ids.forEach((id) => {
    const pool = new Pool();
    pool.query('select $1', [id]);
  });
}`,
      output: `import { Pool, Client } from 'pg';

export function warm(ids) {
  const pool = new Pool();
  ids.forEach((id) => {
    pool.query('select $1', [id]);
  });
}`,
      errors: [
        {
          messageId: 'createdInLoopNotEnded',
          data: {"name":"pool","what":"pool","where":"on every call of this `forEach` callback"},
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 28,
        },
      ],
    },
    {
      name: "pg: Promise.all over map, ended in the callback (autofix moves end after the await)",
      code: `import { Pool, Client } from 'pg';

export async function loadAll(ids) {
  const results = await Promise.all(ids.map(async (id) => {
    const pool = new Pool();
    const { rows } = await pool.query('select $1', [id]);
    await pool.end();
    return rows;
  }));
  return results;
}`,
      output: `import { Pool, Client } from 'pg';

export async function loadAll(ids) {
  const pool = new Pool();
  const results = await Promise.all(ids.map(async (id) => {
    const { rows } = await pool.query('select $1', [id]);
    return rows;
  }));
  await pool.end();
  return results;
}`,
      errors: [
        {
          messageId: 'createdInLoop',
          data: {"name":"pool","what":"pool","where":"on every call of this `map` callback"},
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 28,
        },
      ],
    },
    {
      name: "pg: async forEach with end (not awaited, no fix)",
      code: `import { Pool, Client } from 'pg';

export function fire(ids) {
  ids.forEach(async (id) => {
    const pool = new Pool();
    await pool.query('select $1', [id]);
    await pool.end();
  });
}`,
      output: null,
      errors: [
        {
          messageId: 'createdInLoop',
          data: {"name":"pool","what":"pool","where":"on every call of this `forEach` callback"},
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 28,
        },
      ],
    },
    {
      name: "pg: reduce, some, every, find, filter, flatMap callbacks",
      code: `import { Pool, Client } from 'pg';

export function all(xs) {
  xs.reduce((acc) => { const p = new Pool(); return acc; }, 0);
  xs.some(() => { new Pool(); return false; });
  xs.filter(() => new Pool());
}`,
      output: `import { Pool, Client } from 'pg';

export function all(xs) {
  const p = new Pool();
  xs.reduce((acc) => {  return acc; }, 0);
  xs.some(() => { new Pool(); return false; });
  xs.filter(() => new Pool());
}`,
      errors: [
        {
          messageId: 'createdInLoopNotEnded',
          data: {"name":"p","what":"pool","where":"on every call of this `reduce` callback"},
          line: 4,
          column: 34,
          endLine: 4,
          endColumn: 44,
        },
        {
          messageId: 'createdInLoopNotEnded',
          data: {"name":"new Pool()","what":"pool","where":"on every call of this `some` callback"},
          line: 5,
          column: 19,
          endLine: 5,
          endColumn: 29,
        },
        {
          messageId: 'createdInLoopNotEnded',
          data: {"name":"new Pool()","what":"pool","where":"on every call of this `filter` callback"},
          line: 6,
          column: 19,
          endLine: 6,
          endColumn: 29,
        },
      ],
    },
    {
      name: "pg: a pool in a callback inside a loop is in the loop",
      code: `import { Pool, Client } from 'pg';

export async function retry(times) {
  for (let i = 0; i < times; i++) {
    await new Promise((resolve) => {
      const pool = new Pool();
      pool.query('select 1', resolve);
    });
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'createdInLoopNotEnded',
          data: {"name":"pool","what":"pool","where":"on every iteration of this `for` loop"},
          line: 6,
          column: 20,
          endLine: 6,
          endColumn: 30,
        },
      ],
    },
    {
      name: "pg: direct Client with connect(): the catalog's open method moves with the hoist",
      code: `import { Pool, Client } from 'pg';

export async function each(ids) {
  for (const id of ids) {
    const client = new Client();
    await client.connect();
    await client.query('select $1', [id]);
    await client.end();
  }
}`,
      output: `import { Pool, Client } from 'pg';

export async function each(ids) {
  const client = new Client();
  await client.connect();
  for (const id of ids) {
    await client.query('select $1', [id]);
  }
  await client.end();
}`,
      errors: [
        {
          messageId: 'createdInLoop',
          data: {"name":"client","what":"direct connection","where":"on every iteration of this `for…of` loop"},
          line: 5,
          column: 20,
          endLine: 5,
          endColumn: 32,
        },
      ],
    },
    {
      name: "pg: reassigned binding (suggestion only)",
      code: `import { Pool, Client } from 'pg';

export async function swap(ids) {
  for (const id of ids) {
    let pool = new Pool();
    await pool.query('select $1', [id]);
    pool = undefined;
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'createdInLoopNotEnded',
          data: {"name":"pool","what":"pool","where":"on every iteration of this `for…of` loop"},
          line: 5,
          column: 16,
          endLine: 5,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'hoist',
              data: {"name":"pool","andEnd":""},
              output: `import { Pool, Client } from 'pg';

export async function swap(ids) {
  let pool = new Pool();
  for (const id of ids) {
    await pool.query('select $1', [id]);
    pool = undefined;
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: "pg: arguments call a function (suggestion only)",
      code: `import { Pool, Client } from 'pg';

import { readConfig } from './config.js';
export async function each(ids) {
  for (const id of ids) {
    const pool = new Pool(readConfig());
    await pool.query('select $1', [id]);
    await pool.end();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'createdInLoop',
          data: {"name":"pool","what":"pool","where":"on every iteration of this `for…of` loop"},
          line: 6,
          column: 18,
          endLine: 6,
          endColumn: 40,
          suggestions: [
            {
              messageId: 'hoist',
              data: {"name":"pool","andEnd":" and move `pool.end()` after it"},
              output: `import { Pool, Client } from 'pg';

import { readConfig } from './config.js';
export async function each(ids) {
  const pool = new Pool(readConfig());
  for (const id of ids) {
    await pool.query('select $1', [id]);
  }
  await pool.end();
}`,
            },
          ],
        },
      ],
    },
    {
      name: "pg: a return inside the loop would skip the moved end (suggestion only)",
      code: `import { Pool, Client } from 'pg';

export async function first(ids) {
  for (const id of ids) {
    const pool = new Pool();
    const { rows } = await pool.query('select $1', [id]);
    await pool.end();
    if (rows.length > 0) return rows;
  }
  return [];
}`,
      output: null,
      errors: [
        {
          messageId: 'createdInLoop',
          data: {"name":"pool","what":"pool","where":"on every iteration of this `for…of` loop"},
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'hoist',
              data: {"name":"pool","andEnd":" and move `pool.end()` after it"},
              output: `import { Pool, Client } from 'pg';

export async function first(ids) {
  const pool = new Pool();
  for (const id of ids) {
    const { rows } = await pool.query('select $1', [id]);
    if (rows.length > 0) return rows;
  }
  await pool.end();
  return [];
}`,
            },
          ],
        },
      ],
    },
    {
      name: "pg: autofix \"all\" applies the suggestion",
      settings: { 'connection-hygiene': {"autofix":"all"} },
      code: `import { Pool, Client } from 'pg';

import { readConfig } from './config.js';
export async function each(ids) {
  for (const id of ids) {
    const pool = new Pool(readConfig());
    await pool.query('select $1', [id]);
  }
}`,
      output: `import { Pool, Client } from 'pg';

import { readConfig } from './config.js';
export async function each(ids) {
  const pool = new Pool(readConfig());
  for (const id of ids) {
    await pool.query('select $1', [id]);
  }
}`,
      errors: [
        {
          messageId: 'createdInLoopNotEnded',
          data: {"name":"pool","what":"pool","where":"on every iteration of this `for…of` loop"},
          line: 6,
          column: 18,
          endLine: 6,
          endColumn: 40,
          suggestions: [
            {
              messageId: 'hoist',
              data: {"name":"pool","andEnd":""},
              output: `import { Pool, Client } from 'pg';

import { readConfig } from './config.js';
export async function each(ids) {
  const pool = new Pool(readConfig());
  for (const id of ids) {
    await pool.query('select $1', [id]);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: "pg: the name is taken outside the loop (no fix)",
      code: `import { Pool, Client } from 'pg';

export async function each(ids, pool) {
  for (const id of ids) {
    const p = new Pool();
    await p.query('select $1', [id]);
  }
  const p = 1;
  return p;
}`,
      output: null,
      errors: [
        {
          messageId: 'createdInLoopNotEnded',
          data: {"name":"p","what":"pool","where":"on every iteration of this `for…of` loop"},
          line: 5,
          column: 15,
          endLine: 5,
          endColumn: 25,
        },
      ],
    },
    {
      name: "pg: namespace import",
      code: `import * as pg from 'pg';
export async function each(ids) {
  for (const id of ids) {
    const pool = new pg.Pool();
    await pool.query('select $1', [id]);
  }
}`,
      output: `import * as pg from 'pg';
export async function each(ids) {
  const pool = new pg.Pool();
  for (const id of ids) {
    await pool.query('select $1', [id]);
  }
}`,
      errors: [
        {
          messageId: 'createdInLoopNotEnded',
          data: {"name":"pool","what":"pool","where":"on every iteration of this `for…of` loop"},
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 31,
        },
      ],
    },
    {
      name: "pg: an alias of the constructor, re-bound through let",
      code: `import pg from 'pg';
let P = pg.Pool;
export async function each(ids) {
  for (const id of ids) {
    const pool = new P();
    await pool.query('select $1', [id]);
  }
}`,
      output: `import pg from 'pg';
let P = pg.Pool;
export async function each(ids) {
  const pool = new P();
  for (const id of ids) {
    await pool.query('select $1', [id]);
  }
}`,
      errors: [
        {
          messageId: 'createdInLoopNotEnded',
          data: {"name":"pool","what":"pool","where":"on every iteration of this `for…of` loop"},
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 25,
        },
      ],
    },
    {
      name: "pg: computed member access on the default import",
      code: `import pg from 'pg';
export async function each(ids) {
  for (const id of ids) {
    const pool = new pg['Pool']();
    await pool.query('select $1', [id]);
  }
}`,
      output: `import pg from 'pg';
export async function each(ids) {
  const pool = new pg['Pool']();
  for (const id of ids) {
    await pool.query('select $1', [id]);
  }
}`,
      errors: [
        {
          messageId: 'createdInLoopNotEnded',
          data: {"name":"pool","what":"pool","where":"on every iteration of this `for…of` loop"},
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 34,
        },
      ],
    },
    {
      name: "pg: native pool",
      code: `import pg from 'pg';
export async function each(ids) {
  let i = 0;
  while (i < ids.length) {
    const pool = new pg.native.Pool();
    await pool.query('select $1', [ids[i++]]);
  }
}`,
      output: `import pg from 'pg';
export async function each(ids) {
  let i = 0;
  const pool = new pg.native.Pool();
  while (i < ids.length) {
    await pool.query('select $1', [ids[i++]]);
  }
}`,
      errors: [
        {
          messageId: 'createdInLoopNotEnded',
          data: {"name":"pool","what":"pool","where":"on every iteration of this `while` loop"},
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 38,
        },
      ],
    },
    {
      name: "pg: CommonJS require with destructuring",
      filename: "file.cjs",
      code: `const { Pool } = require('pg');
module.exports = async function each(ids) {
  for (const id of ids) {
    const pool = new Pool();
    await pool.query('select $1', [id]);
    await pool.end();
  }
};`,
      output: `const { Pool } = require('pg');
module.exports = async function each(ids) {
  const pool = new Pool();
  for (const id of ids) {
    await pool.query('select $1', [id]);
  }
  await pool.end();
};`,
      errors: [
        {
          messageId: 'createdInLoop',
          data: {"name":"pool","what":"pool","where":"on every iteration of this `for…of` loop"},
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 28,
        },
      ],
    },
    {
      name: "pg: expression-bodied map callback (no fix)",
      code: `import { Pool, Client } from 'pg';

export const pools = (urls) => urls.map(() => new Pool());`,
      output: null,
      errors: [
        {
          messageId: 'createdInLoopNotEnded',
          data: {"name":"new Pool()","what":"pool","where":"on every call of this `map` callback"},
          line: 3,
          column: 47,
          endLine: 3,
          endColumn: 57,
        },
      ],
    },
    {
      name: "drizzle: drizzle(url) creates a hidden pool",
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
export async function each(ids) {
  for (const id of ids) {
    const db = drizzle(process.env.DATABASE_URL);
    await db.execute('select 1');
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'createdInLoopNotEnded',
          data: {"name":"db","what":"pool","where":"on every iteration of this `for…of` loop"},
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 49,
        },
      ],
    },
    {
      name: "prisma: PrismaPg adapter and PrismaClient in a loop, reported once and hoisted together",
      code: `import { PrismaClient } from './generated/prisma/client';
import { PrismaPg } from '@prisma/adapter-pg';
export async function each(ids) {
  for (const id of ids) {
    const adapter = new PrismaPg({ connectionString: process.env.DATABASE_URL });
    const prisma = new PrismaClient({ adapter });
    await prisma.user.findUnique({ where: { id } });
    await prisma.$disconnect();
  }
}`,
      output: `import { PrismaClient } from './generated/prisma/client';
import { PrismaPg } from '@prisma/adapter-pg';
export async function each(ids) {
  const adapter = new PrismaPg({ connectionString: process.env.DATABASE_URL });
  const prisma = new PrismaClient({ adapter });
  for (const id of ids) {
    await prisma.user.findUnique({ where: { id } });
  }
  await prisma.$disconnect();
}`,
      errors: [
        {
          messageId: 'createdInLoop',
          data: {"name":"prisma","what":"pool","where":"on every iteration of this `for…of` loop"},
          line: 6,
          column: 20,
          endLine: 6,
          endColumn: 49,
        },
      ],
    },
    {
      name: "knex: require(\"knex\")(cfg) in a loop",
      filename: "file.cjs",
      code: `const knex = require('knex');
exports.each = async (ids) => {
  for (const id of ids) {
    const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
    await db('users').where({ id });
    await db.destroy();
  }
};`,
      output: `const knex = require('knex');
exports.each = async (ids) => {
  const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
  for (const id of ids) {
    await db('users').where({ id });
  }
  await db.destroy();
};`,
      errors: [
        {
          messageId: 'createdInLoop',
          data: {"name":"db","what":"pool","where":"on every iteration of this `for…of` loop"},
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 76,
        },
      ],
    },
    {
      name: "mongoose: createConnection in a loop",
      code: `import mongoose from 'mongoose';
export async function each(uris) {
  for (const uri of uris) {
    const conn = mongoose.createConnection(uri);
    await conn.close();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'createdPerItem',
          data: {"name":"conn","what":"pool","where":"on every iteration of this `for…of` loop","variable":"uri"},
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 48,
        },
      ],
    },
    {
      name: "sequelize: new Sequelize in a loop",
      code: `import { Sequelize } from 'sequelize';
export async function each(ids) {
  for (const id of ids) {
    const sequelize = new Sequelize('postgres://localhost/db');
    await sequelize.query('select 1');
    await sequelize.close();
  }
}`,
      output: `import { Sequelize } from 'sequelize';
export async function each(ids) {
  const sequelize = new Sequelize('postgres://localhost/db');
  for (const id of ids) {
    await sequelize.query('select 1');
  }
  await sequelize.close();
}`,
      errors: [
        {
          messageId: 'createdInLoop',
          data: {"name":"sequelize","what":"pool","where":"on every iteration of this `for…of` loop"},
          line: 4,
          column: 23,
          endLine: 4,
          endColumn: 63,
        },
      ],
    },
    {
      name: "typeorm: new DataSource + initialize in a loop: initialize moves with the hoist",
      code: `import { DataSource } from 'typeorm';
export async function each(ids) {
  for (const id of ids) {
    const ds = new DataSource({ type: 'postgres' });
    await ds.initialize();
    await ds.query('select $1', [id]);
    await ds.destroy();
  }
}`,
      output: `import { DataSource } from 'typeorm';
export async function each(ids) {
  const ds = new DataSource({ type: 'postgres' });
  await ds.initialize();
  for (const id of ids) {
    await ds.query('select $1', [id]);
  }
  await ds.destroy();
}`,
      errors: [
        {
          messageId: 'createdInLoop',
          data: {"name":"ds","what":"pool","where":"on every iteration of this `for…of` loop"},
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 52,
        },
      ],
    },
    {
      name: "mysql2: createConnection in a loop",
      code: `import mysql from 'mysql2/promise';
export async function each(ids) {
  for (const id of ids) {
    const conn = await mysql.createConnection({ host: 'db' });
    await conn.query('select ?', [id]);
    await conn.end();
  }
}`,
      output: `import mysql from 'mysql2/promise';
export async function each(ids) {
  const conn = await mysql.createConnection({ host: 'db' });
  for (const id of ids) {
    await conn.query('select ?', [id]);
  }
  await conn.end();
}`,
      errors: [
        {
          messageId: 'createdInLoop',
          data: {"name":"conn","what":"direct connection","where":"on every iteration of this `for…of` loop"},
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 62,
        },
      ],
    },
    {
      name: "mongodb: new MongoClient in a loop",
      code: `import { MongoClient } from 'mongodb';
export async function each(ids) {
  for (const id of ids) {
    const client = new MongoClient('mongodb://localhost');
    await client.db('app').collection('users').findOne({ id });
    await client.close();
  }
}`,
      output: `import { MongoClient } from 'mongodb';
export async function each(ids) {
  const client = new MongoClient('mongodb://localhost');
  for (const id of ids) {
    await client.db('app').collection('users').findOne({ id });
  }
  await client.close();
}`,
      errors: [
        {
          messageId: 'createdInLoop',
          data: {"name":"client","what":"pool","where":"on every iteration of this `for…of` loop"},
          line: 4,
          column: 20,
          endLine: 4,
          endColumn: 58,
        },
      ],
    },
    {
      name: "ts: typed binding keeps its annotation",
      code: `import { Pool, type PoolConfig } from 'pg';
const cfg: PoolConfig = { max: 1 };
export async function each(ids: string[]): Promise<void> {
  for (const id of ids) {
    const pool: Pool = new Pool(cfg);
    await pool.query('select $1', [id]);
    await pool.end();
  }
}`,
      output: `import { Pool, type PoolConfig } from 'pg';
const cfg: PoolConfig = { max: 1 };
export async function each(ids: string[]): Promise<void> {
  const pool: Pool = new Pool(cfg);
  for (const id of ids) {
    await pool.query('select $1', [id]);
  }
  await pool.end();
}`,
      errors: [
        {
          messageId: 'createdInLoop',
          data: {"name":"pool","what":"pool","where":"on every iteration of this `for…of` loop"},
          line: 5,
          column: 24,
          endLine: 5,
          endColumn: 37,
        },
      ],
    },

    {
      name: "custom resource: the catalog open() call moves with the creation",
      settings: { 'connection-hygiene': { resources } },
      code: `import { Connection } from 'acme-db';
export async function each(ids) {
  for (const id of ids) {
    const conn = new Connection({ host: 'db' });
    await conn.open();
    await conn.run('select ?', [id]);
    await conn.close();
  }
}`,
      output: `import { Connection } from 'acme-db';
export async function each(ids) {
  const conn = new Connection({ host: 'db' });
  await conn.open();
  for (const id of ids) {
    await conn.run('select ?', [id]);
  }
  await conn.close();
}`,
      errors: [
        {
          messageId: 'createdInLoop',
          data: {"name":"conn","what":"direct connection","where":"on every iteration of this `for…of` loop"},
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 48,
        },
      ],
    },

    {
      name: "pg: a client returned only on a condition leaks the ones that are not returned",
      code: `import { Client } from 'pg';
export async function findPrimary(hosts, options) {
  for (const host of hosts) {
    const client = new Client({ ...options, host });
    await client.connect();
    if (await isPrimary(client)) return client;
  }
  return null;
}`,
      errors: [
        {
          messageId: 'createdPerItem',
          data: {"name": "client", "what": "direct connection", "where": "on every iteration of this `for\u2026of` loop", "variable": "host"},
          line: 4, column: 20, endLine: 4, endColumn: 52,
        },
      ],
    },
    {
      name: "pg: a `continue` before the return skips it: the client of that iteration is left open",
      code: `import { Client } from 'pg';
export async function firstReady(hosts, options) {
  for (const host of hosts) {
    const client = new Client({ ...options, host });
    await client.connect();
    if (!(await ready(client))) continue;
    return client;
  }
  return null;
}`,
      errors: [
        {
          messageId: 'createdPerItem',
          data: {"name": "client", "what": "direct connection", "where": "on every iteration of this `for\u2026of` loop", "variable": "host"},
          line: 4, column: 20, endLine: 4, endColumn: 52,
        },
      ],
    },
    {
      name: "pg: returning from a `map` callback still makes one client per item",
      code: `import { Client } from 'pg';
export function clients(hosts, options) {
  return hosts.map((host) => {
    const client = new Client({ ...options, host });
    return client;
  });
}`,
      errors: [
        {
          messageId: 'createdPerItem',
          data: {"name": "client", "what": "direct connection", "where": "on every call of this `map` callback", "variable": "host"},
          line: 4, column: 20, endLine: 4, endColumn: 52,
        },
      ],
    },
    {
      name: "pg: a return inside a function made in the loop does not leave the loop",
      code: `import { Client } from 'pg';
export function factories(options) {
  const made = [];
  for (let i = 0; i < 3; i++) {
    made.push(() => {
      return new Client(options);
    });
  }
  return made;
}`,
      errors: [
        {
          messageId: 'createdInLoopNotEnded',
          data: {"name": "new Client()", "what": "direct connection", "where": "on every iteration of this `for` loop"},
          line: 6, column: 14, endLine: 6, endColumn: 33,
        },
      ],
    },
    // catalog additions: pre-0.3/1.x entry points and drivers seen in real code
    {
      name: "@clickhouse/client: a client per URL in a loop",
      code: `import { createClient } from '@clickhouse/client';
export async function pingAll(urls) {
  for (const url of urls) {
    const client = createClient({ url });
    await client.ping();
    await client.close();
  }
}`,
      errors: [
        { messageId: 'createdPerItem', data: {"name":"client","what":"pool","where":"on every iteration of this `for…of` loop","variable":"url"}, line: 4, column: 20, endLine: 4, endColumn: 41 },
      ],
    },
    {
      name: "neo4j-driver 1.x: a driver per URI in a loop",
      code: `const neo4j = require('neo4j-driver').v1;
async function countAll(uris) {
  const counts = [];
  for (const uri of uris) {
    const driver = neo4j.driver(uri);
    const session = driver.session();
    try {
      counts.push(await session.run('MATCH (n) RETURN count(n)'));
    } finally {
      session.close();
      driver.close();
    }
  }
  return counts;
}
module.exports = countAll;`,
      errors: [
        { messageId: 'createdPerItem', data: {"name":"driver","what":"pool","where":"on every iteration of this `for…of` loop","variable":"uri"}, line: 5, column: 20, endLine: 5, endColumn: 37 },
      ],
    },
  ],
});
