import { pgPoolLimits } from './pg.js';
import type { DriverSpec, TransactionVerbs } from './types.js';

const pgTransaction: TransactionVerbs = { sql: true, releaseWhileOpen: 'stays-open' };

/**
 * `@vercel/postgres` 0.10, a thin wrapper over `@neondatabase/serverless` (`dist/index.d.ts` l.1–2).
 * `sql`/`db` are pre-built pooled tags (`VercelPool & tag`), free to use anywhere; `sql.connect()` /
 * `db.connect()` lend a client: "Do not share clients across requests and be sure to release them!"
 * (README l.47–51). `pool.sql`/`client.sql` are tagged-template methods. No dispose.
 */
export const vercelPostgres: DriverSpec = {
  id: 'vercel-postgres',
  title: '@vercel/postgres',
  checkedAgainst: { '@vercel/postgres': '0.10.0' },
  modules: ['@vercel/postgres'],
  exports: [
    { path: ['sql'], via: 'value', shape: 'DefaultPool' },
    { path: ['db'], via: 'value', shape: 'DefaultPool' },
    { path: ['createPool'], via: 'call', shape: 'VercelPool' },
    { path: ['createClient'], via: 'call', shape: 'VercelClient' },
  ],
  shapes: {
    /** The module's own pool behind `sql`/`db`: a pooled query with automatic acquire and release. */
    DefaultPool: {
      role: 'pool',
      queries: ['query', 'sql'],
      taggedQuery: {},
      produces: [{ method: 'connect', shape: 'VercelPoolClient', awaited: true, callback: { resourceParam: 1, releaseParam: 2 } }],
      lifetime: 'free',
    },
    /** `createPool(cfg)`: a neon `Pool`, so pg's pool settings apply. */
    VercelPool: {
      role: 'pool',
      types: ['VercelPool'],
      release: ['end'],
      queries: ['query', 'sql'],
      produces: [{ method: 'connect', shape: 'VercelPoolClient', awaited: true, callback: { resourceParam: 1, releaseParam: 2 } }],
      lifetime: 'single',
      limits: { optionsArgument: 0, settings: pgPoolLimits },
    },
    VercelPoolClient: {
      role: 'lease',
      types: ['VercelPoolClient'],
      release: ['release'],
      queries: ['query', 'sql'],
      transaction: pgTransaction,
    },
    /** `createClient()` + `await client.connect()` → `await client.end()`: single, or per task with `end()`. */
    VercelClient: {
      role: 'connection',
      open: ['connect'],
      types: ['VercelClient'],
      release: ['end'],
      queries: ['query', 'sql'],
      transaction: pgTransaction,
      lifetime: 'single',
    },
  },
};
