import type { DriverSpec, ShapeSpec } from './types.js';

/** A Readable over SCAN (`redis.scanStream()`). */
const ScanStream: ShapeSpec = {
  role: 'cursor',
  types: ['ScanStream'],
  release: ['destroy'],
  iterationCloses: true,
  dispose: { symbol: 'asyncDispose', since: 'Node 20.4.0', note: 'Readable dispose destroys the stream' },
};

/**
 * ioredis 6: `import Redis from 'ioredis'`, `import { Redis, Cluster } from 'ioredis'`,
 * `require('ioredis')` (`built/index.d.ts`). No dispose.
 */
export const ioredis: DriverSpec = {
  id: 'ioredis',
  title: 'ioredis',
  checkedAgainst: { ioredis: '6.0.0' },
  modules: ['ioredis'],
  exports: [
    { path: [], via: 'new', shape: 'Redis' },
    { path: ['Redis'], via: 'new', shape: 'Redis' },
    { path: ['Cluster'], via: 'new', shape: 'Cluster' },
  ],
  shapes: {
    /**
     * Connects in the constructor unless `lazyConnect: true` (`built/Redis.d.ts` l.95–103). `quit()`
     * is graceful, `disconnect()` immediate; `end()` is a deprecated alias.
     */
    Redis: {
      role: 'connection',
      types: ['Redis'],
      release: ['quit', 'end'],
      discard: ['disconnect'],
      produces: [
        { method: 'duplicate', shape: 'Redis' },
        { method: 'scanStream', shape: 'ScanStream' },
      ],
      // `subscribe(channels)` + `on('message', …)`: a subscriber connection for the process
      subscriber: { methods: ['subscribe', 'psubscribe', 'ssubscribe'], events: ['message', 'pmessage', 'smessage', 'messageBuffer'] },
      lifetime: 'single',
    },
    Cluster: {
      role: 'pool',
      types: ['Cluster'],
      release: ['quit'],
      discard: ['disconnect'],
      // a cluster has per-node scans only (`sscanStream` etc. are key scans), no `scanStream()`
      produces: [{ method: 'duplicate', shape: 'Cluster' }],
      lifetime: 'single',
    },
    ScanStream,
  },
};
