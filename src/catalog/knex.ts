import type { DriverSpec, LimitSetting, ShapeSpec } from './types.js';

/**
 * knex@3.3.0 pool settings (`lib/client.js` l.230, 253): tarn pool `{ min: 2, max: 10 }` and
 * `acquireConnectionTimeout` 60 000 ms at the top level of the config.
 */
export const knexPoolLimits: readonly LimitSetting[] = [
  { kind: 'acquireTimeout', path: ['acquireConnectionTimeout'], default: 60000, suggested: 10000, unit: 'ms' },
  { kind: 'maxSize', path: ['pool', 'max'], default: 10, suggested: 10, unit: 'connections' },
];

/** `db.transaction()` without a callback holds a connection until `commit()`/`rollback()` ("otherwise the transaction connection will hang"). */
const produceTransaction = { method: 'transaction', shape: 'Transaction', awaited: true, withoutCallback: true } as const;
/** `db.transaction(async (trx) => …)` commits when the promise resolves and rolls back on reject. */
const managedTransaction = { method: 'transaction', scopeParam: 0, scopeShape: 'Transaction', transaction: true } as const;

const Knex: ShapeSpec = {
  role: 'pool',
  types: ['Knex'],
  release: ['destroy'],
  queries: ['raw'],
  produces: [produceTransaction, { method: 'transactionProvider', shape: 'TransactionProvider' }],
  managed: [managedTransaction],
  // `db('table')` is a query builder
  call: { shape: 'QueryBuilder' },
  lifetime: 'single',
  limits: { optionsArgument: 0, settings: knexPoolLimits },
};

/**
 * A knex instance: `knex(cfg)`, `knex.knex(cfg)`, and the CJS idiom `require('knex')(cfg)`
 * (`types/index.d.ts` l.438–443, `export = knex`). One tarn pool per instance; no dispose.
 */
export const knex: DriverSpec = {
  id: 'knex',
  title: 'Knex.js',
  checkedAgainst: { knex: '3.3.0' },
  modules: ['knex'],
  exports: [
    { path: [], via: 'call', shape: 'Knex' },
    { path: ['knex'], via: 'call', shape: 'Knex' },
  ],
  shapes: {
    Knex,
    /** A transaction object (it is also a Knex, scoped to the transaction); nested `transaction()` is a savepoint. */
    Transaction: {
      role: 'transaction',
      types: ['Knex.Transaction'],
      // `isCompleted(): boolean` (types/index.d.ts, interface Transaction): reads the state, also after commit
      statusMethods: ['isCompleted'],
      release: ['commit', 'rollback'],
      queries: ['raw'],
      produces: [produceTransaction],
      managed: [managedTransaction, { method: 'savepoint', scopeParam: 0, scopeShape: 'Transaction', transaction: true }],
      call: { shape: 'QueryBuilder' },
      transaction: { commit: ['commit'], rollback: ['rollback'], releaseWhileOpen: 'not-applicable' },
    },
    /** `db.transactionProvider()`: the transaction starts lazily on the first `await provider()`. */
    TransactionProvider: {
      role: 'handle',
      types: ['Knex.TransactionProvider'],
      call: { shape: 'Transaction', awaited: true },
    },
    QueryBuilder: {
      role: 'handle',
      types: ['Knex.QueryBuilder'],
      // `qb.stream(options?)` is a stream; `qb.stream(handler)` returns a promise and manages it
      produces: [{ method: 'stream', shape: 'Stream', withoutCallback: true }],
      managed: [{ method: 'stream', scopeParam: 0, scopeShape: 'Stream' }],
    },
    /** `PassThrough & AsyncIterable`: holds a pooled connection until `'end'`; close it on HTTP abort. */
    Stream: {
      role: 'cursor',
      release: ['destroy'],
      iterationCloses: true,
      dispose: { symbol: 'asyncDispose', since: 'Node 20.4.0', note: 'Readable dispose destroys the stream' },
    },
  },
};
