import type { DriverSpec, LimitSetting, ShapeSpec } from './types.js';

/** pg-pool's settings (pg-pool@3.14.0 index.js l.89–100; node-postgres docs/pages/apis/pool.mdx). */
export const pgPoolLimits: readonly LimitSetting[] = [
  { kind: 'acquireTimeout', path: ['connectionTimeoutMillis'], default: 0, unbounded: [0], suggested: 5000, unit: 'ms' },
  { kind: 'maxSize', path: ['max'], default: 10, suggested: 10, unit: 'connections' },
  { kind: 'idleTimeout', path: ['idleTimeoutMillis'], default: 10000, unbounded: [0], suggested: 10000, unit: 'ms' },
  { kind: 'maxLifetime', path: ['maxLifetimeSeconds'], default: 0, unbounded: [0], suggested: 1800, unit: 's' },
];

const pgTransaction = { sql: true, releaseWhileOpen: 'stays-open' } as const;

/** A pooled client: `pool.connect()` → `client.release()`; `release(err)`/`release(true)` destroys it. */
const PoolClient: ShapeSpec = {
  role: 'lease',
  types: ['PoolClient'],
  release: ['release'],
  queries: ['query'],
  submits: { query: 0 },
  transaction: pgTransaction,
};

const Pool: ShapeSpec = {
  role: 'pool',
  types: ['Pool'],
  release: ['end'],
  queries: ['query'],
  submits: { query: 0 },
  produces: [
    {
      method: 'connect',
      shape: 'PoolClient',
      awaited: true,
      callback: { resourceParam: 1, releaseParam: 2 },
    },
  ],
  lifetime: 'single',
  limits: { optionsArgument: 0, settings: pgPoolLimits },
};

/**
 * node-postgres, with pg-pool (the pool is the same class). Cursors and query streams are their own
 * entries (`pg-cursor`, `pg-query-stream`) because they are their own packages.
 */
export const pg: DriverSpec = {
  id: 'pg',
  title: 'node-postgres (pg)',
  checkedAgainst: { pg: '8.23.1', '@types/pg': '8.23.1' },
  modules: ['pg'],
  exports: [
    { path: ['Pool'], via: 'new', shape: 'Pool' },
    { path: ['Client'], via: 'new', shape: 'Client' },
    { path: ['native', 'Pool'], via: 'new', shape: 'Pool' },
    { path: ['native', 'Client'], via: 'new', shape: 'Client' },
  ],
  shapes: {
    Pool,
    PoolClient,
    Client: {
      role: 'connection',
      open: ['connect'],
      // `LISTEN` with a `'notification'` listener: a listener connection kept open for its events
      subscriber: { events: ['notification'] },
      types: ['Client'],
      release: ['end'],
      asyncRelease: ['end'],
      queries: ['query'],
      submits: { query: 0 },
      // ending a direct connection closes its session, which aborts an open transaction
      transaction: { sql: true, releaseWhileOpen: 'rolls-back' },
      lifetime: 'single',
    },
  },
};

export const pgPool: DriverSpec = {
  id: 'pg-pool',
  title: 'pg-pool',
  checkedAgainst: { 'pg-pool': '3.14.0', '@types/pg': '8.23.1' },
  modules: ['pg-pool'],
  exports: [{ path: [], via: 'new', shape: 'pg:Pool' }],
  shapes: {},
};

/** pg-cursor: `client.query(new Cursor(text, values))` → `await cursor.close()` (docs/pages/apis/cursor.mdx). */
export const pgCursor: DriverSpec = {
  id: 'pg-cursor',
  title: 'pg-cursor',
  checkedAgainst: { 'pg-cursor': '2.22.0', '@types/pg-cursor': '2.7.2' },
  modules: ['pg-cursor'],
  exports: [{ path: [], via: 'new', shape: 'Cursor' }],
  shapes: {
    Cursor: { role: 'cursor', types: ['Cursor'], release: ['close'] },
  },
};

/** pg-query-stream: a Readable; `destroy()` closes the cursor (pg-query-stream@4.17.0 src/index.ts `_destroy`). */
export const pgQueryStream: DriverSpec = {
  id: 'pg-query-stream',
  title: 'pg-query-stream',
  checkedAgainst: { 'pg-query-stream': '4.17.0' },
  modules: ['pg-query-stream'],
  exports: [{ path: [], via: 'new', shape: 'QueryStream' }],
  shapes: {
    QueryStream: {
      role: 'cursor',
      types: ['QueryStream'],
      release: ['destroy'],
      // a Readable: `for await` reads it to the end, and `break`/`return`/`throw` destroy it
      iterationCloses: true,
      dispose: { symbol: 'asyncDispose', since: 'Node 20.4.0', note: 'Readable dispose destroys the stream; it does not release the client' },
    },
  },
};
