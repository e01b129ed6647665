import type { DriverSpec, LimitSetting } from './types.js';

/**
 * node-mssql pool defaults `max` 10, `min` 0, `idleTimeoutMillis` 30 000 under `pool`
 * (`tediousjs/node-mssql:README.md` l.639–641). The acquire wait is tarn's default, which drivers.md
 * does not give, so no acquire-timeout entry is recorded.
 */
export const mssqlPoolLimits: readonly LimitSetting[] = [
  { kind: 'maxSize', path: ['pool', 'max'], default: 10, suggested: 10, unit: 'connections' },
  { kind: 'idleTimeout', path: ['pool', 'idleTimeoutMillis'], default: 30000, suggested: 30000, unit: 'ms' },
];

const poolQueries = ['query', 'batch'] as const;

/**
 * node-mssql 12 (typings: @types/mssql 12.3.0). Each Request, Transaction or PreparedStatement
 * reserves a connection (README l.769). The global pool's module-level `sql.query` is not modelled
 * (it is a root function, not a value). No dispose.
 */
export const mssql: DriverSpec = {
  id: 'mssql',
  title: 'node-mssql',
  checkedAgainst: { mssql: '12.7.14', '@types/mssql': '12.3.0' },
  modules: ['mssql'],
  exports: [
    { path: ['ConnectionPool'], via: 'new', shape: 'ConnectionPool' },
    // the global pool: connect once and reuse the promise; never `sql.close()` per request (#383, #1052).
    // `sql.connect(cfg, cb)` is the same global pool, called back with `(err, pool)` (no promise:
    // `lib/global-connection.js` l.16–63; `@types/mssql` l.449–456), so this entry covers both forms.
    { path: ['connect'], via: 'call', shape: 'ConnectionPool', awaited: true, moduleSingleton: true },
    { path: ['Transaction'], via: 'new', shape: 'Transaction' },
    { path: ['PreparedStatement'], via: 'new', shape: 'PreparedStatement' },
    { path: ['Request'], via: 'new', shape: 'Request' },
  ],
  shapes: {
    /** `new sql.ConnectionPool(config)` + `await pool.connect()` → `await pool.close()`. `pool.query` also works as a tagged template. */
    ConnectionPool: {
      role: 'pool',
      types: ['ConnectionPool'],
      // `connect(): Promise<ConnectionPool>` (`@types/mssql`, class ConnectionPool)
      open: ['connect'],
      openResolvesToSelf: true,
      release: ['close'],
      queries: poolQueries,
      produces: [
        { method: 'request', shape: 'Request' },
        { method: 'transaction', shape: 'Transaction' },
      ],
      lifetime: 'single',
      limits: { optionsArgument: 0, settings: mssqlPoolLimits },
    },
    /** `pool.request().query()/execute()` acquire and release for you; `stream = true` holds the connection until `'done'`. */
    Request: {
      role: 'handle',
      types: ['Request'],
      queries: ['query', 'execute', 'batch'],
      produces: [{ method: 'toReadableStream', shape: 'RequestStream' }],
    },
    /**
     * `new sql.Transaction(pool)` + `await tx.begin()` holds one pooled connection until
     * `commit()`/`rollback()` (there is no other release). Requests must be created from it.
     */
    Transaction: {
      role: 'transaction',
      types: ['Transaction'],
      release: ['commit', 'rollback'],
      asyncRelease: ['commit', 'rollback'],
      produces: [{ method: 'request', shape: 'Request' }],
      transaction: { begin: ['begin'], commit: ['commit'], rollback: ['rollback'], releaseWhileOpen: 'not-applicable' },
    },
    /** Each prepared statement holds one pooled connection until `unprepare()` (README l.1391; #265, #276, #306). */
    PreparedStatement: {
      role: 'lease',
      types: ['PreparedStatement'],
      release: ['unprepare'],
      asyncRelease: ['unprepare'],
      queries: ['execute'],
    },
    RequestStream: {
      role: 'cursor',
      release: ['destroy'],
      iterationCloses: true,
      dispose: { symbol: 'asyncDispose', since: 'Node 20.4.0', note: 'Readable dispose destroys the stream' },
    },
  },
};
