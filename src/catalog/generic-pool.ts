import type { DriverSpec, LimitSetting } from './types.js';

/**
 * generic-pool@3.9.0 options (`lib/PoolOptions.js` l.93; README l.127–131): **`max` 1** and **no
 * `acquireTimeoutMillis`** by default, so an exhausted pool waits for ever.
 */
export const genericPoolLimits: readonly LimitSetting[] = [
  { kind: 'acquireTimeout', path: ['acquireTimeoutMillis'], default: null, suggested: 5000, unit: 'ms' },
  { kind: 'maxSize', path: ['max'], default: 1, suggested: 10, unit: 'connections' },
];

/** generic-pool 3: `createPool({ create, destroy, validate? }, opts)`. No dispose. */
export const genericPool: DriverSpec = {
  id: 'generic-pool',
  title: 'generic-pool',
  checkedAgainst: { 'generic-pool': '3.9.0' },
  modules: ['generic-pool'],
  exports: [{ path: ['createPool'], via: 'call', shape: 'Pool' }],
  shapes: {
    /** Shut down with `await pool.drain(); await pool.clear()`. */
    Pool: {
      role: 'pool',
      types: ['Pool'],
      release: ['drain', 'clear'],
      // `await pool.release(r)` / `await pool.destroy(r)`; a double release rejects "Resource not currently part of this pool"
      releasesArgument: ['release', 'destroy'],
      asyncRelease: ['release', 'destroy'],
      produces: [{ method: 'acquire', shape: 'Resource', awaited: true }],
      // releases on resolve and **destroys** on reject; `fn` must return a promise (`lib/Pool.js` l.478–490)
      managed: [{ method: 'use', scopeParam: 0, scopeShape: 'Resource' }],
      lifetime: 'single',
      limits: { optionsArgument: 1, settings: genericPoolLimits },
    },
    /** The pooled resource (any `T`): released through the pool's `release(r)`/`destroy(r)`. */
    Resource: { role: 'lease' },
  },
};
