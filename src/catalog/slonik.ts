import type { DriverSpec, LimitSetting, ManagedSpec } from './types.js';

/**
 * slonik@49.10.9 `ClientConfiguration` (`dist/types.d.ts` l.20–100): `maxPoolSize` 10 (the deprecated
 * `maximumPoolSize` is its old name), `connectionTimeout` 5000, `idleTimeout` 5000; both timeouts
 * accept `'DISABLE_TIMEOUT'` (a string, so it cannot be listed in `unbounded`).
 */
export const slonikPoolLimits: readonly LimitSetting[] = [
  { kind: 'acquireTimeout', path: ['connectionTimeout'], default: 5000, suggested: 5000, unit: 'ms' },
  { kind: 'maxSize', path: ['maxPoolSize'], default: 10, suggested: 10, unit: 'connections' },
  { kind: 'idleTimeout', path: ['idleTimeout'], default: 5000, suggested: 5000, unit: 'ms' },
];

/** `CommonQueryMethods` (`dist/types.d.ts` l.113). */
const queries = ['query', 'one', 'oneFirst', 'maybeOne', 'maybeOneFirst', 'many', 'manyFirst', 'any', 'anyFirst', 'exists'] as const;

/** Nested `transaction(cb)` is a savepoint; `stream(sql, handler)` manages its connection. */
const transactionScopes: readonly ManagedSpec[] = [
  { method: 'transaction', scopeParam: 0, scopeShape: 'DatabaseTransactionConnection', transaction: true },
  { method: 'stream' },
];

/**
 * Slonik 49 (Node ≥ 24): managed scopes only — since v9.0.0 "pool#connect() no longer returns a
 * connection". Since v41 a query on the outer connection inside a transaction throws
 * `UnexpectedForeignConnectionError`. The only static risk is a pool per request without `end()`.
 * No dispose.
 */
export const slonik: DriverSpec = {
  id: 'slonik',
  title: 'Slonik',
  checkedAgainst: { slonik: '49.10.9' },
  modules: ['slonik'],
  exports: [{ path: ['createPool'], via: 'call', shape: 'DatabasePool', awaited: true }],
  shapes: {
    DatabasePool: {
      role: 'pool',
      types: ['DatabasePool'],
      release: ['end'],
      queries,
      managed: [{ method: 'connect', scopeParam: 0, scopeShape: 'DatabasePoolConnection' }, ...transactionScopes],
      lifetime: 'single',
      limits: { optionsArgument: 1, settings: slonikPoolLimits },
    },
    DatabasePoolConnection: {
      role: 'handle',
      types: ['DatabasePoolConnection'],
      queries,
      managed: transactionScopes,
    },
    DatabaseTransactionConnection: {
      role: 'handle',
      types: ['DatabaseTransactionConnection'],
      queries,
      managed: transactionScopes,
    },
  },
};
