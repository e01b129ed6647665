import type { DriverSpec } from './types.js';

/**
 * @databricks/sql 2 (bundled `dist/*.d.ts`). `new DBSQLClient()`; `await client.connect(options)`
 * resolves to the client (`DBSQLClient.d.ts` l.113; `DBSQLClient.js` l.545–677 `return this`) and
 * `await client.close()` ends it (l.134). `await client.openSession()` opens a server session
 * (l.124) that holds server resources until `await session.close()` (`DBSQLSession.d.ts` l.114).
 * `await session.executeStatement(sql)` gives an operation (l.47): a server-side operation and
 * its result set, open until `await operation.close()` (`DBSQLOperation.d.ts` l.72); `fetchAll()`
 * reads it to the end (l.38; `DBSQLOperation.js` l.101–113). Closing the session closes its
 * operations (`DBSQLSession.js` l.269–274). No dispose; no pool-size setting.
 */
export const databricks: DriverSpec = {
  id: '@databricks/sql',
  title: 'Databricks SQL Driver for Node.js (@databricks/sql)',
  checkedAgainst: { '@databricks/sql': '2.1.0' },
  modules: ['@databricks/sql'],
  exports: [{ path: ['DBSQLClient'], via: 'new', shape: 'DBSQLClient' }],
  shapes: {
    DBSQLClient: {
      role: 'pool',
      types: ['DBSQLClient'],
      open: ['connect'],
      openResolvesToSelf: true,
      release: ['close'],
      asyncRelease: ['close'],
      produces: [{ method: 'openSession', shape: 'DBSQLSession', awaited: true }],
      lifetime: 'single',
    },
    DBSQLSession: {
      role: 'lease',
      types: ['DBSQLSession'],
      release: ['close'],
      asyncRelease: ['close'],
      produces: [{ method: 'executeStatement', shape: 'Operation', awaited: true }],
    },
    Operation: {
      role: 'cursor',
      release: ['close'],
      asyncRelease: ['close'],
      consumers: ['fetchAll'],
    },
  },
};
