import type { DriverSpec } from './types.js';

/**
 * cassandra-driver 4.10 (`index.d.ts` l.55–116). "Normally you should use one Client instance per
 * application … only call client.shutdown() once in your application's lifetime"
 * (https://docs.datastax.com/en/developer/nodejs-driver/4.7/faq/). No transactions (batches only);
 * no dispose; drivers.md gives no pool defaults.
 */
export const cassandra: DriverSpec = {
  id: 'cassandra-driver',
  title: 'DataStax cassandra-driver',
  checkedAgainst: { 'cassandra-driver': '4.10.0' },
  modules: ['cassandra-driver'],
  exports: [{ path: ['Client'], via: 'new', shape: 'Client' }],
  shapes: {
    /** `new Client({ contactPoints, localDataCenter, keyspace })`; `connect()` is optional (lazy). */
    Client: {
      role: 'pool',
      types: ['Client'],
      release: ['shutdown'],
      queries: ['execute', 'batch'],
      produces: [{ method: 'stream', shape: 'Stream' }],
      lifetime: 'single',
    },
    /** `client.stream(query, params, opts)`: a Readable. */
    Stream: {
      role: 'cursor',
      release: ['destroy'],
      iterationCloses: true,
      dispose: { symbol: 'asyncDispose', since: 'Node 20.4.0', note: 'Readable dispose destroys the stream' },
    },
  },
};
