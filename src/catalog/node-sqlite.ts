import type { DriverSpec } from './types.js';

/**
 * Node's built-in SQLite (`node:sqlite`; types from @types/node 26.6.6 `node/sqlite.d.ts`). Only the
 * `node:` specifier loads it: a bare `'sqlite'` is a different npm package.
 */
export const nodeSqlite: DriverSpec = {
  id: 'node-sqlite',
  title: 'node:sqlite',
  checkedAgainst: { node: '26', '@types/node': '26.6.6' },
  modules: ['node:sqlite'],
  exports: [{ path: ['DatabaseSync'], via: 'new', shape: 'DatabaseSync' }],
  shapes: {
    /** `new DatabaseSync(path, opts?)` (v22.5.0) → `db.close()`. `db.isTransaction` (v24.0.0) tells whether a transaction is open. */
    DatabaseSync: {
      role: 'connection',
      types: ['DatabaseSync'],
      release: ['close'],
      queries: ['exec'],
      queryResult: 'sync',
      produces: [{ method: 'prepare', shape: 'StatementSync' }],
      // manual `db.exec('BEGIN' | 'COMMIT' | 'ROLLBACK')`; closing the database ends the session
      transaction: { sql: true, releaseWhileOpen: 'rolls-back' },
      // `using db = new DatabaseSync(…)` works: closes, no-op when already closed (sqlite.d.ts l.662–667)
      dispose: { symbol: 'dispose', since: 'Node 22.15.0', note: 'closes the database; a no-op if it is already closed' },
      lifetime: 'single',
    },
    /** StatementSync has no dispose. */
    StatementSync: {
      role: 'handle',
      types: ['StatementSync'],
      produces: [{ method: 'iterate', shape: 'Iterator' }],
    },
    /** `stmt.iterate(…)` (v22.13.0): closes on exhaustion or `it.return()`. */
    Iterator: {
      role: 'cursor',
      release: ['return'],
      iterationCloses: true,
    },
  },
};
