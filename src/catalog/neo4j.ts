import type { DriverSpec, LimitSetting } from './types.js';

/** `neo4j.driver(uri, auth, cfg)` defaults (`neo4j-driver-core@6.3.0:lib/internal/pool/pool-config.js`). */
export const neo4jPoolLimits: readonly LimitSetting[] = [
  { kind: 'acquireTimeout', path: ['connectionAcquisitionTimeout'], default: 60000, suggested: 60000, unit: 'ms' },
  { kind: 'maxSize', path: ['maxConnectionPoolSize'], default: 100, suggested: 100, unit: 'connections' },
];

/**
 * 1.x defaults: `maxConnectionPoolSize` 100 and `connectionAcquisitionTimeout` 60 000 ms
 * (neo4j-driver@1.7.8 `lib/v1/internal/pool-config.js` l.32–36, read at l.59–71).
 */
export const neo4jV1PoolLimits: readonly LimitSetting[] = [
  { kind: 'acquireTimeout', path: ['connectionAcquisitionTimeout'], default: 60000, suggested: 60000, unit: 'ms' },
  { kind: 'maxSize', path: ['maxConnectionPoolSize'], default: 100, suggested: 100, unit: 'connections' },
];

/**
 * `[Symbol.asyncDispose]` on Driver, Session and Transaction calls `close()`. At runtime since 5.15.0,
 * but declared in the `.d.ts` only since 6.0.0 (neo4j/neo4j-javascript-driver#1154, #1155).
 */
const asyncDispose = { symbol: 'asyncDispose', since: '6.0.0', note: 'runtime since 5.15.0; declared in the typings since 6.0.0' } as const;

/**
 * neo4j-driver 6 (`neo4j.driver(…)` on the default import, or the named `driver`). Results of
 * `session.run()` are lazy and hold the connection until consumed; they are thenables that awaiting
 * consumes, so they are not modelled as cursors (closing the session frees them).
 */
export const neo4j: DriverSpec = {
  id: 'neo4j-driver',
  title: 'Neo4j JavaScript driver',
  checkedAgainst: { 'neo4j-driver': '6.3.0', 'neo4j-driver-core': '6.3.0', 'neo4j-driver@1': '1.7.8' },
  modules: ['neo4j-driver'],
  exports: [
    { path: ['driver'], via: 'call', shape: 'Driver' },
    // 1.x: `require('neo4j-driver').v1` (`lib/index.js` l.8–12; its default export is `v1` too, so
    // `neo4j.driver()` on a default import is the entry above)
    { path: ['v1', 'driver'], via: 'call', shape: 'DriverV1' },
  ],
  shapes: {
    /** "Drivers are reasonably expensive to create – … keep one driver instance around per Neo4j Instance". */
    Driver: {
      role: 'pool',
      types: ['Driver'],
      release: ['close'],
      // `driver.executeQuery(cypher, params, { database })` needs no session
      queries: ['executeQuery'],
      produces: [{ method: 'session', shape: 'Session' }],
      dispose: asyncDispose,
      lifetime: 'single',
      limits: { optionsArgument: 2, settings: neo4jPoolLimits },
    },
    /** `driver.session({ database })` → `await session.close()` ("make sure you always call close"). */
    Session: {
      role: 'lease',
      types: ['Session'],
      release: ['close'],
      asyncRelease: ['close'],
      queries: ['run'],
      produces: [{ method: 'beginTransaction', shape: 'Transaction' }],
      // retry, then commit or roll back; the session itself still needs `close()`
      managed: [
        { method: 'executeRead', scopeParam: 0, scopeShape: 'ManagedTransaction', transaction: true },
        { method: 'executeWrite', scopeParam: 0, scopeShape: 'ManagedTransaction', transaction: true },
      ],
      dispose: asyncDispose,
    },
    /**
     * `session.beginTransaction()` (a `TransactionPromise`, usable with or without `await`) →
     * `commit()`, `rollback()`, or `close()` ("will roll back the transaction if it is not already
     * committed or rolled back", `types/transaction.d.ts` l.120–133). While it is open the session
     * cannot run queries outside it (`lib/session.js` l.308).
     */
    Transaction: {
      role: 'transaction',
      types: ['Transaction'],
      release: ['commit', 'rollback', 'close'],
      asyncRelease: ['commit', 'rollback', 'close'],
      queries: ['run'],
      transaction: { commit: ['commit'], rollback: ['rollback', 'close'], releaseWhileOpen: 'not-applicable' },
      dispose: { ...asyncDispose, note: 'closes, rolling back if still open; declared in the typings since 6.0.0' },
    },
    ManagedTransaction: {
      role: 'handle',
      types: ['ManagedTransaction'],
      queries: ['run'],
    },
    /**
     * neo4j-driver 1.x `v1.driver(url, auth, config)` (`types/v1/index.d.ts` l.87–91): `close(): void`
     * (`types/v1/driver.d.ts` l.74–77). No dispose. No `types`: the 1.x type names are checked
     * against the 6.x typings, whose members differ.
     */
    DriverV1: {
      role: 'pool',
      release: ['close'],
      produces: [{ method: 'session', shape: 'SessionV1' }],
      lifetime: 'single',
      limits: { optionsArgument: 2, settings: neo4jV1PoolLimits },
    },
    /**
     * 1.x `driver.session()` → `session.close(callback?): void` (`types/v1/session.d.ts` l.32–53).
     * `readTransaction`/`writeTransaction(work)` commit when `work`'s promise resolves and retry.
     */
    SessionV1: {
      role: 'lease',
      release: ['close'],
      queries: ['run'],
      produces: [{ method: 'beginTransaction', shape: 'TransactionV1' }],
      managed: [
        { method: 'readTransaction', scopeParam: 0, scopeShape: 'ManagedTransaction', transaction: true },
        { method: 'writeTransaction', scopeParam: 0, scopeShape: 'ManagedTransaction', transaction: true },
      ],
    },
    /** 1.x `session.beginTransaction()` → `commit()`/`rollback()`, each returning a `Result` (`types/v1/transaction.d.ts` l.24–26). */
    TransactionV1: {
      role: 'transaction',
      release: ['commit', 'rollback'],
      queries: ['run'],
      transaction: { commit: ['commit'], rollback: ['rollback'], releaseWhileOpen: 'not-applicable' },
    },
  },
};
