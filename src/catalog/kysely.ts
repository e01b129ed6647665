import type { DriverSpec } from './types.js';

/**
 * Kysely 0.29 (Node ≥ 22). The pool belongs to the dialect (`new PostgresDialect({ pool })`), so pool
 * limits are the dialect driver's; `db.destroy()` ends it.
 */
export const kysely: DriverSpec = {
  id: 'kysely',
  title: 'Kysely',
  checkedAgainst: { kysely: '0.29.9' },
  modules: ['kysely'],
  exports: [{ path: ['Kysely'], via: 'new', shape: 'Kysely' }],
  shapes: {
    /** Per request it creates a pool per request. `[Symbol.asyncDispose]` → `destroy()` since 0.28.0 (PR #1167). */
    Kysely: {
      role: 'pool',
      types: ['Kysely'],
      release: ['destroy'],
      produces: [
        { method: 'startTransaction', shape: 'ControlledTransactionBuilder' },
        { method: 'transaction', shape: 'TransactionBuilder' },
        { method: 'connection', shape: 'ConnectionBuilder' },
        { method: 'selectFrom', shape: 'SelectQueryBuilder' },
      ],
      dispose: { symbol: 'asyncDispose', since: '0.28.0', note: 'destroys the instance (ends the dialect pool); not for transactions (#1626, wontfix)' },
      lifetime: 'single',
    },
    /** `db.startTransaction()` (0.28.0+): nothing is borrowed until `.execute()`. */
    ControlledTransactionBuilder: {
      role: 'handle',
      types: ['ControlledTransactionBuilder'],
      produces: [{ method: 'execute', shape: 'ControlledTransaction', awaited: true }],
    },
    /** `await db.startTransaction().execute()` → `await trx.commit().execute()` / `await trx.rollback().execute()`. */
    ControlledTransaction: {
      role: 'transaction',
      types: ['ControlledTransaction'],
      release: ['commit', 'rollback'],
      releaseChain: 'execute',
      produces: [{ method: 'selectFrom', shape: 'SelectQueryBuilder' }],
      transaction: { commit: ['commit'], rollback: ['rollback'], releaseWhileOpen: 'not-applicable' },
    },
    /** `db.transaction().execute(async (trx) => …)` commits or rolls back for you. */
    TransactionBuilder: {
      role: 'handle',
      types: ['TransactionBuilder'],
      managed: [{ method: 'execute', scopeParam: 0, scopeShape: 'Transaction', transaction: true }],
    },
    Transaction: {
      role: 'handle',
      types: ['Transaction'],
      produces: [{ method: 'selectFrom', shape: 'SelectQueryBuilder' }],
    },
    /** `db.connection().execute(async (conn) => …)` pins one connection for the callback (`kysely.d.ts` l.208–341). */
    ConnectionBuilder: {
      role: 'handle',
      types: ['ConnectionBuilder'],
      managed: [{ method: 'execute', scopeParam: 0, scopeShape: 'ScopedConnection' }],
    },
    /** The callback's `Kysely` bound to the pinned connection. */
    ScopedConnection: {
      role: 'handle',
      produces: [{ method: 'selectFrom', shape: 'SelectQueryBuilder' }],
    },
    SelectQueryBuilder: {
      role: 'handle',
      types: ['SelectQueryBuilder'],
      produces: [{ method: 'stream', shape: 'Stream' }],
    },
    /** `qb.stream(chunkSize?)`: holds a connection until done or `return()` (`select-query-builder.d.ts` l.2323). */
    Stream: {
      role: 'cursor',
      release: ['return'],
      iterationCloses: true,
    },
  },
};
