import { pgPoolLimits } from './pg.js';
import type { DriverSpec, TransactionVerbs } from './types.js';

/** BEGIN/COMMIT on one checked-out client, as in pg; release returns it with the transaction open. */
const pgTransaction: TransactionVerbs = { sql: true, releaseWhileOpen: 'stays-open' };

/**
 * `@neondatabase/serverless` 1.2. `Pool`/`Client` use WebSockets and follow the node-postgres API
 * (they bundle pg-pool, so pg's pool settings apply).
 *
 * Lifetime: in edge/serverless runtimes (Vercel Edge Functions, Cloudflare Workers) WebSocket
 * connections cannot outlive a request, so `Pool`/`Client` **must** be created, used and closed
 * inside one handler (README l.133–136, 214–240) — that is what `per-request` records. In a
 * long-running Node process the pg rules apply instead (a singleton pool); telling the two apart is
 * the rules' job (runtime detection), not the catalog's.
 */
export const neon: DriverSpec = {
  id: 'neon',
  title: '@neondatabase/serverless',
  checkedAgainst: { '@neondatabase/serverless': '1.2.0' },
  modules: ['@neondatabase/serverless'],
  exports: [
    { path: ['neon'], via: 'call', shape: 'NeonQueryFunction' },
    { path: ['Pool'], via: 'new', shape: 'Pool' },
    { path: ['Client'], via: 'new', shape: 'Client' },
  ],
  shapes: {
    /**
     * `neon(url)`: a stateless HTTP query function, cheap to create, nothing to close. Every query is
     * its own HTTP request, so `` sql`BEGIN` `` is a transaction on a pool; `sql.transaction([...])` is
     * the non-interactive batch (README l.102–119).
     */
    NeonQueryFunction: {
      role: 'pool',
      types: ['NeonQueryFunction'],
      queries: ['query'],
      taggedQuery: {},
      managed: [{ method: 'transaction', transaction: true }],
      lifetime: 'free',
    },
    Pool: {
      role: 'pool',
      types: ['Pool'],
      release: ['end'],
      queries: ['query'],
      submits: { query: 0 },
      produces: [{ method: 'connect', shape: 'PoolClient', awaited: true, callback: { resourceParam: 1, releaseParam: 2 } }],
      lifetime: 'per-request',
      limits: { optionsArgument: 0, settings: pgPoolLimits },
    },
    PoolClient: {
      role: 'lease',
      types: ['PoolClient'],
      release: ['release'],
      queries: ['query'],
      submits: { query: 0 },
      transaction: pgTransaction,
    },
    Client: {
      role: 'connection',
      open: ['connect'],
      types: ['Client'],
      release: ['end'],
      queries: ['query'],
      submits: { query: 0 },
      transaction: pgTransaction,
      lifetime: 'per-request',
    },
  },
};
