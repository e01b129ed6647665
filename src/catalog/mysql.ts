import type { DriverSpec, LimitSetting, ShapeSpec, TransactionVerbs } from './types.js';

/**
 * mysql@2.18.1 pool settings (Readme l.451–464). `acquireTimeout` (10 000) exists but does not count
 * the time spent queued, so it does not bound the wait for a free connection: the queue is bounded
 * only by `queueLimit` (0 = unbounded), and it is recorded as the bound instead.
 */
export const mysqlPoolLimits: readonly LimitSetting[] = [
  { kind: 'queueLimit', path: ['queueLimit'], default: 0, unbounded: [0], suggested: 100, unit: 'requests', moot: { path: ['waitForConnections'], equals: false } },
  { kind: 'maxSize', path: ['connectionLimit'], default: 10, suggested: 10, unit: 'connections' },
];

/** `beginTransaction`/`commit`/`rollback` are conveniences that send the SQL (Readme l.1187). */
const verbs = {
  begin: ['beginTransaction'],
  commit: ['commit'],
  rollback: ['rollback'],
} as const;

/** `release()` does not reset the session: the transaction passes to the next borrower. */
const leaseTransaction: TransactionVerbs = { ...verbs, releaseWhileOpen: 'stays-open' };
/** Ending the socket ends the session, and the server rolls the transaction back. */
const connectionTransaction: TransactionVerbs = { ...verbs, releaseWhileOpen: 'rolls-back' };

/** `conn.query(sql)` returns a `Query`; `.stream()` turns it into a Readable (Readme "Streaming query rows"). */
const Query: ShapeSpec = {
  role: 'handle',
  types: ['Query'],
  produces: [{ method: 'stream', shape: 'QueryStream' }],
};

/** A Readable that keeps the connection busy until `'end'`. */
const QueryStream: ShapeSpec = {
  role: 'cursor',
  release: ['destroy'],
  iterationCloses: true,
  dispose: { symbol: 'asyncDispose', since: 'Node 20.4.0', note: 'Readable dispose destroys the stream; it does not release the connection' },
};

/** mysqljs/mysql: callback-only. `conn.end()` on a pooled connection is a deprecated alias of `release()`. */
export const mysql: DriverSpec = {
  id: 'mysql',
  title: 'mysql (mysqljs)',
  checkedAgainst: { mysql: '2.18.1', '@types/mysql': '2.15.28' },
  modules: ['mysql'],
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
      queries: ['query'],
      queryResult: 'callback',
      produces: [
        { method: 'getConnection', shape: 'PoolConnection', callback: { resourceParam: 1 } },
        { method: 'query', shape: 'Query' },
      ],
      lifetime: 'single',
      limits: { optionsArgument: 0, settings: mysqlPoolLimits },
    },
    PoolConnection: {
      role: 'lease',
      types: ['PoolConnection'],
      release: ['release', 'end'],
      discard: ['destroy'],
      queries: ['query'],
      queryResult: 'callback',
      produces: [{ method: 'query', shape: 'Query' }],
      transaction: leaseTransaction,
    },
    Connection: {
      role: 'connection',
      types: ['Connection'],
      // `connection.connect(cb)` opens it (`@types/mysql` Connection.connect); a failed handshake closes the socket
      open: ['connect'],
      release: ['end'],
      discard: ['destroy'],
      queries: ['query'],
      queryResult: 'callback',
      produces: [{ method: 'query', shape: 'Query' }],
      transaction: connectionTransaction,
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
      lifetime: 'single',
    },
    /** `cluster.of(pattern)`: `getConnection(cb)` and the managed `query()` (@types/mysql declares no name for it). */
    PoolNamespace: {
      role: 'handle',
      queries: ['query'],
      queryResult: 'callback',
      produces: [{ method: 'getConnection', shape: 'PoolConnection', callback: { resourceParam: 1 } }],
    },
    Query,
    QueryStream,
  },
};
