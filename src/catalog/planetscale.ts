import type { DriverSpec } from './types.js';

const managedTransaction = { method: 'transaction', scopeParam: 0, scopeShape: 'Transaction', transaction: true } as const;

/**
 * `@planetscale/database` 1.20: HTTP over `fetch`, no sockets, nothing to release. "Use the `Client`
 * connection factory class to create fresh connections for each transaction or web request
 * handler" (README l.48): per-request creation is correct, so these are handles with lifetime
 * `free`, never flagged. `conn.transaction(async (tx) => …)` rolls back on throw (README l.64–80).
 */
export const planetscale: DriverSpec = {
  id: 'planetscale',
  title: '@planetscale/database',
  checkedAgainst: { '@planetscale/database': '1.20.2' },
  modules: ['@planetscale/database'],
  exports: [
    { path: ['connect'], via: 'call', shape: 'Connection' },
    { path: ['Client'], via: 'new', shape: 'Client' },
  ],
  shapes: {
    Client: {
      role: 'handle',
      types: ['Client'],
      queries: ['execute'],
      produces: [{ method: 'connection', shape: 'Connection' }],
      managed: [managedTransaction],
      lifetime: 'free',
    },
    Connection: {
      role: 'handle',
      types: ['Connection'],
      queries: ['execute'],
      managed: [managedTransaction],
      lifetime: 'free',
    },
    Transaction: {
      role: 'handle',
      types: ['Transaction'],
      queries: ['execute'],
    },
  },
};
