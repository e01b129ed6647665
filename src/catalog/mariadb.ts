import type { DriverSpec, LimitSetting, ShapeSpec, TransactionVerbs } from './types.js';

/** mariadb@3.5.4 pool settings (`types/share.d.ts`, `lib/config/pool-options.js`). */
export const mariadbPoolLimits: readonly LimitSetting[] = [
  { kind: 'acquireTimeout', path: ['acquireTimeout'], default: 10000, suggested: 10000, unit: 'ms' },
  { kind: 'maxSize', path: ['connectionLimit'], default: 10, suggested: 10, unit: 'connections' },
  { kind: 'idleTimeout', path: ['idleTimeout'], default: 1800, suggested: 1800, unit: 's' },
];

const verbs = { begin: ['beginTransaction'], commit: ['commit'], rollback: ['rollback'] } as const;

/**
 * Releasing mid-transaction is handled: `release()` sends ROLLBACK (or COM_RESET_CONNECTION with
 * `resetAfterUse`) unless `noControlAfterUse: true` (`lib/pool.js` `_handleRelease`).
 */
const leaseTransaction: TransactionVerbs = { ...verbs, releaseWhileOpen: 'rolls-back' };
const connectionTransaction: TransactionVerbs = { ...verbs, releaseWhileOpen: 'rolls-back' };

/** Since 3.5.1 (CONJS-338); the declarations carry `// @ts-ignore - for backward compatibility`. */
const asyncDispose = { symbol: 'asyncDispose', since: '3.5.1' } as const;

const queries = ['query', 'execute', 'batch'] as const;

/** `conn.queryStream(sql, values)` returns a Readable (`types/index.d.ts` l.101): consume or destroy it before releasing. */
const QueryStream: ShapeSpec = {
  role: 'cursor',
  release: ['destroy'],
  iterationCloses: true,
  dispose: { symbol: 'asyncDispose', since: 'Node 20.4.0', note: 'Readable dispose destroys the stream; it does not release the connection' },
};

/** MariaDB Connector/Node.js, promise API (`'mariadb'`). On a pooled connection `end()`/`close()` alias `release()`. */
export const mariadb: DriverSpec = {
  id: 'mariadb',
  title: 'mariadb (promise API)',
  checkedAgainst: { mariadb: '3.5.4' },
  modules: ['mariadb'],
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
      queries,
      produces: [{ method: 'getConnection', shape: 'PoolConnection', awaited: true }],
      dispose: asyncDispose,
      lifetime: 'single',
      limits: { optionsArgument: 0, settings: mariadbPoolLimits },
    },
    PoolConnection: {
      role: 'lease',
      types: ['PoolConnection'],
      release: ['release', 'end', 'close'],
      asyncRelease: ['release', 'end', 'close'],
      discard: ['destroy'],
      queries,
      produces: [{ method: 'queryStream', shape: 'QueryStream' }],
      transaction: leaseTransaction,
      dispose: asyncDispose,
    },
    Connection: {
      role: 'connection',
      types: ['Connection'],
      release: ['end', 'close'],
      asyncRelease: ['end', 'close'],
      discard: ['destroy'],
      queries,
      produces: [{ method: 'queryStream', shape: 'QueryStream' }],
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
        { method: 'of', shape: 'FilteredPoolCluster' },
      ],
      lifetime: 'single',
    },
    FilteredPoolCluster: {
      role: 'handle',
      types: ['FilteredPoolCluster'],
      queries,
      produces: [{ method: 'getConnection', shape: 'PoolConnection', awaited: true }],
    },
    QueryStream,
  },
};

/**
 * MariaDB callback API (`'mariadb/callback'`): `pool.getConnection((err, conn) => …)`. Its
 * declarations (`types/callback.d.ts`) declare no dispose, so none is recorded here.
 */
export const mariadbCallback: DriverSpec = {
  id: 'mariadb-callback',
  title: 'mariadb (callback API)',
  checkedAgainst: { mariadb: '3.5.4' },
  modules: ['mariadb/callback'],
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
      queries,
      queryResult: 'callback',
      produces: [{ method: 'getConnection', shape: 'PoolConnection', callback: { resourceParam: 1 } }],
      lifetime: 'single',
      limits: { optionsArgument: 0, settings: mariadbPoolLimits },
    },
    PoolConnection: {
      role: 'lease',
      types: ['PoolConnection'],
      release: ['release', 'end', 'close'],
      discard: ['destroy'],
      queries,
      queryResult: 'callback',
      produces: [{ method: 'queryStream', shape: 'QueryStream' }],
      transaction: leaseTransaction,
    },
    Connection: {
      role: 'connection',
      types: ['Connection'],
      release: ['end', 'close'],
      discard: ['destroy'],
      queries,
      queryResult: 'callback',
      produces: [{ method: 'queryStream', shape: 'QueryStream' }],
      transaction: connectionTransaction,
      lifetime: 'single',
    },
    PoolCluster: {
      role: 'pool',
      types: ['PoolCluster'],
      release: ['end'],
      produces: [
        { method: 'getConnection', shape: 'PoolConnection', callback: { resourceParam: 1 } },
        { method: 'of', shape: 'FilteredPoolCluster' },
      ],
      lifetime: 'single',
    },
    FilteredPoolCluster: {
      role: 'handle',
      types: ['FilteredPoolCluster'],
      queries,
      queryResult: 'callback',
      produces: [{ method: 'getConnection', shape: 'PoolConnection', callback: { resourceParam: 1 } }],
    },
    QueryStream,
  },
};
