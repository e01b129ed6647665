import type { ArgumentCondition, DriverSpec, LimitSetting, ShapeSpec, TransactionVerbs } from './types.js';

/**
 * `oracledb.createPool()` settings: `poolMax` 4, `queueTimeout` 60 000 ms
 * (`oracle/node-oracledb:doc/src/api_manual/oracledb.rst`). `queueTimeout: 0` means queued requests
 * never time out (node-oracledb documentation; drivers.md does not list it). The queue is also
 * capped by `queueMax` ("Pool queue length queueMax reached"), whose default drivers.md does not
 * give, so it is not recorded.
 */
export const oracledbPoolLimits: readonly LimitSetting[] = [
  { kind: 'acquireTimeout', path: ['queueTimeout'], default: 60000, unbounded: [0], suggested: 60000, unit: 'ms' },
  { kind: 'maxSize', path: ['poolMax'], default: 4, suggested: 4, unit: 'connections' },
];

/**
 * `autoCommit` is false by default, so a transaction starts implicitly with the first DML. "When a
 * connection is released, any ongoing transaction will be rolled back" (`txn_management.rst`): safe,
 * but work is silently discarded.
 */
const transaction: TransactionVerbs = { commit: ['commit'], rollback: ['rollback'], releaseWhileOpen: 'rolls-back' };

/** `Connection`, `Pool` and `ResultSet` dispose by `close()` since 7.0.0 (declared in @types/oracledb 7.0.3 l.1515, 3426, 4480). */
const asyncDispose = { symbol: 'asyncDispose', since: '7.0.0' } as const;

/** `(await conn.execute(sql, binds, { resultSet: true })).resultSet` and `conn.queryStream(…)`. */
const connectionProduces = [
  { method: 'execute', shape: 'ResultSet', awaited: true, when: [{ index: 2, hasProperty: 'resultSet' }], property: 'resultSet' },
  { method: 'queryStream', shape: 'QueryStream' },
] as const;

/** A pooled connection: `close()` ("in all code paths including in error handlers"); `release()` is the older alias. */
const Connection: ShapeSpec = {
  role: 'lease',
  types: ['Connection'],
  release: ['close', 'release'],
  asyncRelease: ['close', 'release'],
  queries: ['execute'],
  produces: connectionProduces,
  transaction,
  dispose: asyncDispose,
};

/** `oracledb.getConnection()` / `getConnection(alias)` / `getConnection({ poolAlias })` borrow from the pool cache. */
const fromPoolCache: readonly ArgumentCondition[] = [
  { index: 0, is: 'absent' },
  { index: 0, is: 'string' },
  { index: 0, hasProperty: 'poolAlias' },
];

/** `getConnection` through the pool cache, or a pool from it: the callback form's resource is its second parameter. */
const poolGetConnection = { method: 'getConnection', shape: 'Connection', awaited: true, callback: { resourceParam: 1 } } as const;

/**
 * node-oracledb 26 (typings: @types/oracledb 7.0.3, which lags behind the runtime). Every async
 * function also has a callback form: a function as the last argument gets `(err, result)` instead
 * of a promise (`lib/util.js` l.241–256 `callbackify`, applied to `getConnection`/`createPool` in
 * `lib/oracledb.js` l.1328–1329 and to `Pool.prototype.getConnection` in `lib/pool.js` l.882–884).
 */
export const oracledb: DriverSpec = {
  id: 'oracledb',
  title: 'node-oracledb',
  checkedAgainst: { oracledb: '26.0.0', '@types/oracledb': '7.0.3' },
  modules: ['oracledb'],
  exports: [
    { path: ['createPool'], via: 'call', shape: 'Pool', awaited: true },
    { path: ['getConnection'], via: 'call', shape: 'Connection', awaited: true, when: fromPoolCache },
    // standalone: `oracledb.getConnection({ user, password, connectString })`. It takes at most one
    // argument (`lib/oracledb.js` l.772), so a second one is the callback of
    // `getConnection(cfg, (err, conn) => …)`, which returns nothing
    { path: ['getConnection'], via: 'call', shape: 'StandaloneConnection', awaited: true, when: [{ index: 1, is: 'absent' }], unless: fromPoolCache },
    // `oracledb.getPool(alias?)`: a pool created elsewhere, from the cache, synchronously (`lib/oracledb.js` l.834–852)
    { path: ['getPool'], via: 'call', shape: 'CachedPool' },
  ],
  shapes: {
    /** "applications will create a pool once as part of initialization" (`connection_handling.rst` l.2337). `terminate` is a deprecated alias of `close`. */
    Pool: {
      role: 'pool',
      types: ['Pool'],
      release: ['close', 'terminate'],
      produces: [poolGetConnection],
      dispose: asyncDispose,
      lifetime: 'single',
      limits: { optionsArgument: 0, settings: oracledbPoolLimits },
    },
    /** `oracledb.getPool()`: it lends connections, but it is not this code's pool to close (nor a new one). */
    CachedPool: {
      role: 'handle',
      produces: [poolGetConnection],
    },
    Connection,
    StandaloneConnection: {
      role: 'connection',
      release: ['close', 'release'],
      asyncRelease: ['close', 'release'],
      queries: ['execute'],
      produces: connectionProduces,
      transaction,
      dispose: asyncDispose,
      lifetime: 'single',
    },
    /**
     * Must be closed "even … where no rows will be fetched" (`sql_execution.rst` l.179–184), unless its
     * connection is closed: since 2.1 "connections [may] be closed when ResultSets and Lobs are open"
     * (`release_notes.rst`, v2.1.0, "Eliminate DPI-1054 errors"), which frees them.
     */
    ResultSet: {
      role: 'cursor',
      types: ['ResultSet'],
      release: ['close'],
      closedWithLease: true,
      dispose: asyncDispose,
    },
    /** A Readable: `destroy()` stops it early; release the connection in its `'close'` handler. */
    QueryStream: {
      role: 'cursor',
      types: ['QueryStream'],
      release: ['destroy'],
      iterationCloses: true,
      dispose: { symbol: 'asyncDispose', since: 'Node 20.4.0', note: 'Readable dispose destroys the stream; it does not release the connection' },
    },
  },
};
