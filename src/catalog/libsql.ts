import type { DriverSpec } from './types.js';

/**
 * `@libsql/client` 0.18 (API in `@libsql/core@0.18.0:lib-esm/api.d.ts`), with its subpath entry
 * points. `ws`/`libsql` URLs keep a WebSocket open and `file:` URLs a local handle. No dispose.
 */
export const libsql: DriverSpec = {
  id: 'libsql',
  title: '@libsql/client',
  checkedAgainst: { '@libsql/client': '0.18.0', '@libsql/core': '0.18.0' },
  modules: [
    '@libsql/client',
    '@libsql/client/web',
    '@libsql/client/http',
    '@libsql/client/ws',
    '@libsql/client/sqlite3',
    '@libsql/client/node',
  ],
  exports: [{ path: ['createClient'], via: 'call', shape: 'Client' }],
  shapes: {
    /** `createClient({ url, authToken })` → `client.close()`. `batch(stmts, mode)` is atomic (managed). */
    Client: {
      role: 'pool',
      types: ['Client'],
      release: ['close'],
      queries: ['execute', 'batch', 'executeMultiple'],
      produces: [{ method: 'transaction', shape: 'Transaction', awaited: true }],
      lifetime: 'single',
    },
    /**
     * `await client.transaction(mode?)`: "You **must** make sure that the returned Transaction object
     * is closed, by calling `close`, `commit` or `rollback`. The best practice is to call `close` in a
     * `finally` block" (api.d.ts l.170–195, 257–333). `close()` is synchronous.
     */
    Transaction: {
      role: 'transaction',
      types: ['Transaction'],
      release: ['commit', 'rollback', 'close'],
      queries: ['execute', 'batch', 'executeMultiple'],
      transaction: { commit: ['commit'], rollback: ['rollback', 'close'], releaseWhileOpen: 'not-applicable' },
    },
  },
};
