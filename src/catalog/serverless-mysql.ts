import type { DriverSpec } from './types.js';

/**
 * serverless-mysql 2 (bundled `index.d.ts`; `export = serverlessMysql`, l.133–136): `require(
 * 'serverless-mysql')(cfg)` or the default import called. Not a pool: each instance holds **one**
 * MySQL connection (`let client = null`, `index.js` l.13–16), opened lazily by `connect()` or the
 * first `query()` (l.115, 228–230). `await db.end()` is the documented end of each invocation: it
 * hands the connection to the module's management, which keeps it for the next invocation or closes
 * it (or other idle "zombie" connections) when the server is over `connUtilization` (l.178–210);
 * `db.quit()` closes it (l.213–221). Both count as its release. Meant to be created once at module
 * level, outside the handler (README); no dispose, and no pool-size setting.
 */
export const serverlessMysql: DriverSpec = {
  id: 'serverless-mysql',
  title: 'serverless-mysql',
  checkedAgainst: { 'serverless-mysql': '2.1.0' },
  modules: ['serverless-mysql'],
  exports: [{ path: [], via: 'call', shape: 'ServerlessMysql' }],
  shapes: {
    ServerlessMysql: {
      role: 'connection',
      types: ['ServerlessMysql'],
      open: ['connect'],
      release: ['end', 'quit'],
      asyncRelease: ['end'],
      queries: ['query'],
      lifetime: 'single',
    },
  },
};
