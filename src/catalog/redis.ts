import type { DriverSpec, LimitSetting } from './types.js';

/** `createClientPool(clientOpts, { minimum: 1, maximum: 100, acquireTimeout: 3000, cleanupDelay: 3000 })` (`docs/pool.md`). */
export const redisPoolLimits: readonly LimitSetting[] = [
  { kind: 'acquireTimeout', path: ['acquireTimeout'], default: 3000, suggested: 3000, unit: 'ms' },
  { kind: 'maxSize', path: ['maximum'], default: 100, suggested: 100, unit: 'connections' },
];

/**
 * node-redis v6 (`redis`, and `@redis/client` which it re-exports). v5+ renamed v4's `disconnect()`
 * to `destroy()` and deprecated `quit()` in favour of `close()` (`docs/v4-to-v5.md`;
 * `@redis/client@6.3.1:dist/lib/client/index.d.ts` l.423–440). `scanIterator()` and friends are
 * async generators on the shared connection with no extra cleanup, so they are not cursors here;
 * `multi()` is a client-side queue, not a resource. No dispose.
 */
export const redis: DriverSpec = {
  id: 'redis',
  title: 'node-redis',
  checkedAgainst: { redis: '6.3.1', '@redis/client': '6.3.1' },
  modules: ['redis', '@redis/client'],
  exports: [
    { path: ['createClient'], via: 'call', shape: 'RedisClient' },
    { path: ['createClientPool'], via: 'call', shape: 'RedisClientPool' },
    { path: ['createCluster'], via: 'call', shape: 'RedisCluster' },
    { path: ['createSentinel'], via: 'call', shape: 'RedisSentinel' },
  ],
  shapes: {
    /** One socket, opened by `await client.connect()`; `close()` waits for pending commands, `destroy()` rejects them. */
    RedisClient: {
      role: 'connection',
      types: ['RedisClientType'],
      release: ['close', 'quit'],
      discard: ['destroy'],
      // a second connection (pub/sub, blocking commands) that needs its own close
      produces: [{ method: 'duplicate', shape: 'RedisClient' }],
      // v4+ pub/sub: `subscribe(channel, listener)` keeps it open for the listener
      subscriber: { methods: ['subscribe', 'pSubscribe', 'sSubscribe', 'SUBSCRIBE', 'PSUBSCRIBE'] },
      lifetime: 'single',
    },
    RedisClientPool: {
      role: 'pool',
      types: ['RedisClientPoolType'],
      release: ['close'],
      discard: ['destroy'],
      // exclusive use of one client for WATCH/MULTI or blocking commands (replaces v4 `executeIsolated`)
      managed: [{ method: 'execute', scopeParam: 0, scopeShape: 'RedisClient' }],
      lifetime: 'single',
      limits: { optionsArgument: 1, settings: redisPoolLimits },
    },
    RedisCluster: {
      role: 'pool',
      types: ['RedisClusterType'],
      release: ['close', 'quit'],
      discard: ['destroy'],
      produces: [{ method: 'duplicate', shape: 'RedisCluster' }],
      lifetime: 'single',
    },
    RedisSentinel: {
      role: 'pool',
      types: ['RedisSentinelType'],
      release: ['close'],
      discard: ['destroy'],
      produces: [{ method: 'duplicate', shape: 'RedisSentinel' }],
      lifetime: 'single',
    },
  },
};
