import type { DriverSpec, LimitSetting } from './types.js';

/**
 * postgres.js defaults (`types/index.d.ts` l.48–123; README l.993–1019): `max` 10, `idle_timeout` 0
 * (never: "connections will not close until `.end()` is called", README l.1089–1104), `max_lifetime`
 * randomised at 30–60 min (recorded as its lower bound). There is no acquire timeout:
 * `connect_timeout` (30 s) does not include the wait for a pool slot (porsager/postgres#824).
 */
export const postgresLimits: readonly LimitSetting[] = [
  { kind: 'maxSize', path: ['max'], default: 10, suggested: 10, unit: 'connections' },
  { kind: 'idleTimeout', path: ['idle_timeout'], default: 0, unbounded: [0], suggested: 20, unit: 's' },
  { kind: 'maxLifetime', path: ['max_lifetime'], default: 1800, suggested: 1800, unit: 's' },
];

/** `` sql`…` `` returns a `PendingQuery` (with `.cursor()`); `sql.unsafe(text)` is the string form. */
const taggedQuery = { shape: 'PendingQuery' } as const;

/** postgres.js (`postgres(url?, opts?)`, lazy). No dispose (porsager/postgres#886, #1094; PR #1116 open). */
export const postgres: DriverSpec = {
  id: 'postgres',
  title: 'postgres (postgres.js)',
  checkedAgainst: { postgres: '3.4.9' },
  modules: ['postgres'],
  exports: [{ path: [], via: 'call', shape: 'Sql' }],
  shapes: {
    /**
     * A raw `` sql`BEGIN` `` on a pool with `max > 1` throws `UNSAFE_TRANSACTION` ("Only use sql.begin
     * or max: 1", README l.1281–1283): transactions go through `sql.begin(cb)`.
     */
    Sql: {
      role: 'pool',
      types: ['Sql'],
      release: ['end'],
      queries: ['unsafe'],
      taggedQuery,
      produces: [{ method: 'reserve', shape: 'ReservedSql', awaited: true }],
      // "if anything fails `ROLLBACK` will be called so the connection can be released" (README l.619–623)
      managed: [{ method: 'begin', scopeParam: 0, scopeShape: 'TransactionSql', transaction: true }],
      lifetime: 'single',
      // `postgres(url, opts)` or `postgres(opts)`
      limits: { optionsArgument: 1, optionsLast: true, settings: postgresLimits },
    },
    /** `await sql.reserve()` → `reserved.release()` (README l.1256–1270). */
    ReservedSql: {
      role: 'lease',
      types: ['ReservedSql'],
      release: ['release'],
      queries: ['unsafe'],
      taggedQuery,
    },
    TransactionSql: {
      role: 'handle',
      types: ['TransactionSql'],
      queries: ['unsafe'],
      taggedQuery,
      managed: [{ method: 'savepoint', scopeParam: 0, scopeShape: 'TransactionSql', transaction: true }],
    },
    PendingQuery: {
      role: 'handle',
      types: ['PendingQuery'],
      // `.cursor(rows?)` is an AsyncIterable; `.cursor(rows, cb)` / `.forEach(cb)` manage it (README l.406–457)
      produces: [{ method: 'cursor', shape: 'Cursor', withoutCallback: true }],
      managed: [{ method: 'cursor' }, { method: 'forEach' }],
    },
    /** An AsyncIterable holding a pool connection: `break` closes it; there is no close method. */
    Cursor: {
      role: 'cursor',
      iterationCloses: true,
    },
  },
};
