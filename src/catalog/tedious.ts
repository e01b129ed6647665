import type { DriverSpec } from './types.js';

/**
 * tedious 20 (Node ≥ 22): one connection, no pool, one request at a time ("Requests can only be made
 * in the LoggedIn state", `lib/connection.js` l.2189). Requests run through `execSql(request)` with
 * callbacks on the Request, so no promise-returning query methods are listed. No dispose.
 */
export const tedious: DriverSpec = {
  id: 'tedious',
  title: 'tedious',
  checkedAgainst: { tedious: '20.3.9' },
  modules: ['tedious'],
  exports: [{ path: ['Connection'], via: 'new', shape: 'Connection' }],
  shapes: {
    /** `new Connection(config)` + `connection.connect(cb)` → `connection.close()`. */
    Connection: {
      role: 'connection',
      open: ['connect'],
      types: ['Connection'],
      release: ['close'],
      // `connection.transaction((err, done) => …)`: commits or rolls back through `done` (`lib/connection.d.ts` l.1240–1297)
      managed: [{ method: 'transaction', transaction: true }],
      transaction: {
        begin: ['beginTransaction'],
        commit: ['commitTransaction'],
        rollback: ['rollbackTransaction'],
        // closing the connection ends the session; the server rolls the transaction back
        releaseWhileOpen: 'rolls-back',
      },
      lifetime: 'single',
    },
  },
};
