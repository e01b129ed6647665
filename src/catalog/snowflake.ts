import type { DriverSpec } from './types.js';

/**
 * snowflake-sdk 3 (bundled `dist/index.d.ts`). `createConnection(options)` makes one connection
 * (`index.d.ts` l.731), opened by `connect(cb)` (returns the connection, `lib/connection/connection.js`
 * l.212–222) or `await connectAsync()` (resolves to it, l.232); `destroy(cb)` "Immediately terminates
 * the connection" and is its only end (`index.d.ts` l.335–338; `connection.js` l.367). Statements
 * run through `execute({ sqlText, complete })`, which reports through `complete` (l.326).
 * `createPool(options, poolOptions)` is a generic-pool pool of these connections (`lib/core.js`
 * l.312–314; `index.d.ts` l.51–53, 780–783), so it is generic-pool's shape, limits included. No dispose.
 */
export const snowflake: DriverSpec = {
  id: 'snowflake-sdk',
  title: 'Snowflake Node.js driver (snowflake-sdk)',
  checkedAgainst: { 'snowflake-sdk': '3.4.1' },
  modules: ['snowflake-sdk'],
  exports: [
    { path: ['createConnection'], via: 'call', shape: 'Connection' },
    { path: ['createPool'], via: 'call', shape: 'generic-pool:Pool' },
  ],
  shapes: {
    Connection: {
      role: 'connection',
      types: ['Connection'],
      open: ['connect', 'connectAsync'],
      openResolvesToSelf: true,
      release: ['destroy'],
      queries: ['execute'],
      queryResult: 'callback',
      lifetime: 'single',
    },
  },
};
