import type { DriverSpec } from './types.js';

/**
 * node-sqlite3 6 (bundled `lib/sqlite3.d.ts`). The common `require('sqlite3').verbose()` idiom returns
 * the module again; it is not modelled (a shape cannot say "the module root"). No dispose.
 */
export const sqlite3: DriverSpec = {
  id: 'sqlite3',
  title: 'sqlite3 (node-sqlite3)',
  checkedAgainst: { sqlite3: '6.0.1' },
  modules: ['sqlite3'],
  exports: [
    { path: ['Database'], via: 'new', shape: 'Database' },
    // `sqlite3.cached.Database(file)` returns the same object per filename: a built-in singleton (l.60–63)
    { path: ['cached', 'Database'], via: 'call', shape: 'CachedDatabase' },
  ],
  shapes: {
    /** `new sqlite3.Database(file, mode?, cb?)` → `db.close(cb)`. */
    Database: {
      role: 'connection',
      types: ['Database'],
      release: ['close'],
      queries: ['run', 'get', 'all', 'exec'],
      queryResult: 'callback',
      produces: [{ method: 'prepare', shape: 'Statement' }],
      // `db.serialize(() => { db.run('BEGIN'); …; db.run('COMMIT') })`; closing ends the session
      transaction: { sql: true, releaseWhileOpen: 'rolls-back' },
      lifetime: 'single',
    },
    /** The shared per-filename database: never closed per call, so it is not a resource to release. */
    CachedDatabase: {
      role: 'handle',
      queries: ['run', 'get', 'all', 'exec'],
      queryResult: 'callback',
      produces: [{ method: 'prepare', shape: 'Statement' }],
      lifetime: 'free',
    },
    /** `db.prepare(sql)` → `stmt.finalize(cb?)`: holds the prepared statement until finalized. */
    Statement: {
      role: 'cursor',
      types: ['Statement'],
      release: ['finalize'],
    },
  },
};
