import { pgPoolLimits } from './pg.js';
import type { DriverSpec, ManagedSpec } from './types.js';

/** The query methods of `IBaseProtocol` (the Database, tasks and connected objects). */
const queries = [
  'query', 'none', 'one', 'oneOrNone', 'many', 'manyOrNone', 'any', 'result', 'multi', 'multiResult', 'func', 'proc', 'map', 'each',
] as const;

/** `db.task(cb)`, `taskIf`, `db.tx(cb)` (BEGIN/COMMIT/ROLLBACK for you; nested `tx` uses savepoints), `txIf`; the callback's `t` is last. */
const managed: readonly ManagedSpec[] = [
  { method: 'task', scopeParam: 0, scopeShape: 'Task' },
  { method: 'taskIf', scopeParam: 0, scopeShape: 'Task' },
  { method: 'tx', scopeParam: 0, scopeShape: 'Task', transaction: true },
  { method: 'txIf', scopeParam: 0, scopeShape: 'Task', transaction: true },
  // `db.stream(qs, init)` releases after the stream completes
  { method: 'stream' },
];

/**
 * pg-promise 12: `const pgp = pgPromise(initOpts); const db = pgp(cn)`, or in CommonJS
 * `require('pg-promise')(opts)(cn)`. No dispose.
 */
export const pgPromise: DriverSpec = {
  id: 'pg-promise',
  title: 'pg-promise',
  checkedAgainst: { 'pg-promise': '12.7.1' },
  modules: ['pg-promise'],
  exports: [{ path: [], via: 'call', shape: 'Main' }],
  shapes: {
    /** `pgp`: the library instance; calling it with a connection makes a `Database`. `pgp.end()` shuts down every pool. */
    Main: {
      role: 'handle',
      types: ['IMain'],
      call: { shape: 'Database' },
    },
    /**
     * `pgp(cn)`: a Database with its own pg Pool. "For any given connection, you should only create a
     * single Database object" — duplicates warn (`lib/database.js` l.26–40). It has no close method
     * of its own: shut down with `db.$pool.end()` or `pgp.end()`. `cn` is a pg pool config, so pg's
     * pool settings apply.
     */
    Database: {
      role: 'pool',
      types: ['IDatabase'],
      queries,
      produces: [{ method: 'connect', shape: 'Connected', awaited: true }],
      managed,
      lifetime: 'single',
      limits: { optionsArgument: 0, settings: pgPoolLimits },
    },
    /**
     * `await db.connect()` → `sco.done()`; `done(true)` kills the connection. A second `done()` throws
     * "Querying against a released or lost connection." (`lib/database.js` l.255).
     */
    Connected: {
      role: 'lease',
      types: ['IConnected'],
      release: ['done'],
      queries,
      managed,
      // SQL through the query methods on the underlying pg client, released to the pg pool as is
      transaction: { sql: true, releaseWhileOpen: 'stays-open' },
    },
    Task: {
      role: 'handle',
      types: ['ITask'],
      queries,
      managed,
    },
  },
};
