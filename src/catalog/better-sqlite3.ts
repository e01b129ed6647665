import type { DriverSpec } from './types.js';

/**
 * better-sqlite3 13 (typings: @types/better-sqlite3 9.6.0): `new Database(path, opts)` (the
 * constructor is also callable without `new`, `DatabaseConstructor`) is synchronous and opens a file
 * handle; one per process is the norm. `timeout` (SQLITE_BUSY wait) defaults to 5000. No dispose.
 */
export const betterSqlite3: DriverSpec = {
  id: 'better-sqlite3',
  title: 'better-sqlite3',
  checkedAgainst: { 'better-sqlite3': '13.2.0', '@types/better-sqlite3': '9.6.0' },
  modules: ['better-sqlite3'],
  exports: [{ path: [], via: 'new-or-call', shape: 'Database' }],
  shapes: {
    Database: {
      role: 'connection',
      types: ['Database'],
      release: ['close'],
      queries: ['exec'],
      queryResult: 'sync',
      produces: [{ method: 'prepare', shape: 'Statement' }],
      // `const fn = db.transaction(cb)`: calling `fn(…)` BEGINs, COMMITs on return, ROLLBACKs on throw
      managed: [{ method: 'transaction', transaction: true }],
      // manual `exec('BEGIN')` is allowed but must not be mixed with `.transaction()`; closing the
      // database handle ends the session, and SQLite rolls an open transaction back
      transaction: { sql: true, releaseWhileOpen: 'rolls-back' },
      lifetime: 'single',
    },
    Statement: {
      role: 'handle',
      types: ['Statement'],
      produces: [{ method: 'iterate', shape: 'Iterator' }],
    },
    /**
     * `stmt.iterate()`: while any iterator is open the whole connection throws "This database
     * connection is busy executing a query" (`src/util/macros.cpp`). Closes on exhaustion, on `break`
     * in `for…of`, or with `it.return()`.
     */
    Iterator: {
      role: 'cursor',
      release: ['return'],
      iterationCloses: true,
    },
  },
};
