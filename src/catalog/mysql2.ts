import type { DriverSpec, LimitSetting, ShapeSpec, TransactionVerbs } from './types.js';

/**
 * mysql2@3.24.6 pool settings (`typings/mysql/lib/Pool.d.ts`). There is **no acquire-timeout
 * option**, so the only bound on the wait for a free connection is `queueLimit` (0 = unbounded).
 */
export const mysql2PoolLimits: readonly LimitSetting[] = [
  { kind: 'queueLimit', path: ['queueLimit'], default: 0, unbounded: [0], suggested: 100, unit: 'requests', moot: { path: ['waitForConnections'], equals: false } },
  { kind: 'maxSize', path: ['connectionLimit'], default: 10, suggested: 10, unit: 'connections' },
  { kind: 'idleTimeout', path: ['idleTimeout'], default: 60000, suggested: 60000, unit: 'ms' },
];

const verbs = { begin: ['beginTransaction'], commit: ['commit'], rollback: ['rollback'] } as const;

/**
 * With the default `resetOnRelease: false` the connection goes back with the transaction open;
 * `resetOnRelease: true` (3.22.0+) sends COM_RESET_CONNECTION, which rolls it back.
 */
const leaseTransaction: TransactionVerbs = { ...verbs, releaseWhileOpen: 'stays-open' };
/** Ending a direct connection ends the session; the server rolls the transaction back. */
const connectionTransaction: TransactionVerbs = { ...verbs, releaseWhileOpen: 'rolls-back' };

/** Dispose support arrived in 3.18.0 (sidorares/node-mysql2#4112); it never rolls back. */
const syncDispose = { symbol: 'dispose', since: '3.18.0' } as const;
const asyncDispose = { symbol: 'asyncDispose', since: '3.18.0' } as const;

const queries = ['query', 'execute'] as const;

/** `conn.query(sql)` (callback API) returns a `Query`; `.stream()` is a Readable (`Query.d.ts` l.226). */
const Query: ShapeSpec = {
  role: 'handle',
  types: ['Query'],
  produces: [{ method: 'stream', shape: 'QueryStream' }],
};

/** Destroying it does not cancel the server query nor free the connection (sidorares/node-mysql2#1168). */
const QueryStream: ShapeSpec = {
  role: 'cursor',
  release: ['destroy'],
  iterationCloses: true,
  dispose: { symbol: 'asyncDispose', since: 'Node 20.4.0', note: 'Readable dispose destroys the stream; it does not release the connection' },
};

/** mysql2's callback API (`'mysql2'`). `x.promise()` wraps a callback object into its promise twin. */
export const mysql2: DriverSpec = {
  id: 'mysql2',
  title: 'mysql2 (callback API)',
  checkedAgainst: { mysql2: '3.24.6' },
  modules: ['mysql2'],
  exports: [
    { path: ['createPool'], via: 'call', shape: 'Pool' },
    { path: ['createConnection'], via: 'call', shape: 'Connection' },
    { path: ['createPoolCluster'], via: 'call', shape: 'PoolCluster' },
  ],
  shapes: {
    Pool: {
      role: 'pool',
      types: ['Pool'],
      release: ['end'],
      releasesArgument: ['releaseConnection'],
      queries,
      queryResult: 'callback',
      produces: [
        { method: 'getConnection', shape: 'PoolConnection', callback: { resourceParam: 1 } },
        { method: 'query', shape: 'Query' },
        { method: 'promise', shape: 'mysql2-promise:Pool' },
      ],
      dispose: syncDispose,
      lifetime: 'single',
      limits: { optionsArgument: 0, settings: mysql2PoolLimits },
    },
    PoolConnection: {
      role: 'lease',
      types: ['PoolConnection'],
      release: ['release'],
      discard: ['destroy'],
      queries,
      queryResult: 'callback',
      produces: [
        { method: 'query', shape: 'Query' },
        { method: 'promise', shape: 'mysql2-promise:PoolConnection' },
      ],
      transaction: leaseTransaction,
      dispose: syncDispose,
    },
    Connection: {
      role: 'connection',
      // `connection.connect(cb)` (typings/mysql/lib/Connection.d.ts); a failed handshake is fatal and closes the socket
      open: ['connect'],
      types: ['Connection'],
      release: ['end'],
      discard: ['destroy'],
      queries,
      queryResult: 'callback',
      produces: [
        { method: 'query', shape: 'Query' },
        { method: 'promise', shape: 'mysql2-promise:Connection' },
      ],
      transaction: connectionTransaction,
      dispose: syncDispose,
      lifetime: 'single',
    },
    PoolCluster: {
      role: 'pool',
      types: ['PoolCluster'],
      release: ['end'],
      produces: [
        { method: 'getConnection', shape: 'PoolConnection', callback: { resourceParam: 1 } },
        { method: 'of', shape: 'PoolNamespace' },
      ],
      dispose: syncDispose,
      lifetime: 'single',
    },
    PoolNamespace: {
      role: 'handle',
      types: ['PoolNamespace'],
      queries,
      queryResult: 'callback',
      produces: [{ method: 'getConnection', shape: 'PoolConnection', callback: { resourceParam: 1 } }],
    },
    Query,
    QueryStream,
  },
};

/**
 * mysql2's promise API (`'mysql2/promise'`, and what `pool.promise()` returns). `createPool` is
 * synchronous here too; `createConnection` returns `Promise<Connection>`. The promise API has no
 * `.stream()` (go through `conn.connection.query(…).stream()`).
 */
export const mysql2Promise: DriverSpec = {
  id: 'mysql2-promise',
  title: 'mysql2 (promise API)',
  checkedAgainst: { mysql2: '3.24.6' },
  modules: ['mysql2/promise'],
  exports: [
    { path: ['createPool'], via: 'call', shape: 'Pool' },
    { path: ['createConnection'], via: 'call', shape: 'Connection', awaited: true },
    { path: ['createPoolCluster'], via: 'call', shape: 'PoolCluster' },
  ],
  shapes: {
    Pool: {
      role: 'pool',
      types: ['Pool'],
      release: ['end'],
      releasesArgument: ['releaseConnection'],
      queries,
      produces: [{ method: 'getConnection', shape: 'PoolConnection', awaited: true }],
      dispose: { ...asyncDispose, note: 'ends the pool if it is not already closed' },
      lifetime: 'single',
      limits: { optionsArgument: 0, settings: mysql2PoolLimits },
    },
    PoolConnection: {
      role: 'lease',
      types: ['PoolConnection'],
      release: ['release'],
      discard: ['destroy'],
      queries,
      transaction: leaseTransaction,
      dispose: asyncDispose,
    },
    Connection: {
      role: 'connection',
      types: ['Connection'],
      release: ['end'],
      asyncRelease: ['end'],
      discard: ['destroy'],
      queries,
      transaction: connectionTransaction,
      dispose: asyncDispose,
      lifetime: 'single',
    },
    PoolCluster: {
      role: 'pool',
      types: ['PoolCluster'],
      release: ['end'],
      produces: [
        { method: 'getConnection', shape: 'PoolConnection', awaited: true },
        { method: 'of', shape: 'PoolNamespace' },
      ],
      dispose: asyncDispose,
      lifetime: 'single',
    },
    PoolNamespace: {
      role: 'handle',
      types: ['PoolNamespace'],
      queries,
      produces: [{ method: 'getConnection', shape: 'PoolConnection', awaited: true }],
    },
  },
};
