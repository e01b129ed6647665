import type { DriverSpec, LimitSetting } from './types.js';

/**
 * sequelize@6.37.8 pool defaults `{ max: 5, min: 0, idle: 10000, acquire: 60000, evict: 1000 }`
 * (`lib/dialects/abstract/connection-manager.js` l.20–27). Sequelize has no maximum-lifetime
 * setting (only `maxUses`), so none is recorded.
 */
export const sequelizePoolLimits: readonly LimitSetting[] = [
  { kind: 'acquireTimeout', path: ['pool', 'acquire'], default: 60000, suggested: 10000, unit: 'ms' },
  { kind: 'maxSize', path: ['pool', 'max'], default: 5, suggested: 5, unit: 'connections' },
  { kind: 'idleTimeout', path: ['pool', 'idle'], default: 10000, suggested: 10000, unit: 'ms' },
];

/** Sequelize 6 (v7 `@sequelize/core` is still alpha). No dispose. */
export const sequelize: DriverSpec = {
  id: 'sequelize',
  title: 'Sequelize',
  checkedAgainst: { sequelize: '6.37.8' },
  modules: ['sequelize'],
  exports: [
    // `import { Sequelize } from 'sequelize'` / `const { Sequelize } = require('sequelize')`
    { path: ['Sequelize'], via: 'new', shape: 'Sequelize' },
    // `new (require('sequelize'))(…)`: the runtime sets `module.exports = Sequelize`
    // (`lib/sequelize.js` l.642–644), though the typings declare no constructible root
    { path: [], via: 'new', shape: 'Sequelize' },
  ],
  shapes: {
    /** `new Sequelize(uri | opts)`; `close()` "only if you are creating multiple instances" (`types/sequelize.d.ts` l.1430–1437). */
    Sequelize: {
      role: 'pool',
      types: ['Sequelize'],
      release: ['close'],
      queries: ['query'],
      produces: [
        // the unmanaged transaction holds a pooled connection until commit/rollback (l.1428)
        { method: 'transaction', shape: 'Transaction', awaited: true, withoutCallback: true },
      ],
      managed: [{ method: 'transaction', scopeParam: 0, scopeShape: 'Transaction', transaction: true }],
      lifetime: 'single',
      // `new Sequelize(opts)`, `new Sequelize(uri, opts)`, `new Sequelize(db, user, password, opts)`
      limits: { optionsArgument: 1, optionsLast: true, settings: sequelizePoolLimits },
    },
    Transaction: {
      role: 'transaction',
      types: ['Transaction'],
      release: ['commit', 'rollback'],
      transaction: { commit: ['commit'], rollback: ['rollback'], releaseWhileOpen: 'not-applicable' },
    },
  },
};
