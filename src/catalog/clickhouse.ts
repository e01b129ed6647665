import type { DriverSpec, LimitSetting } from './types.js';

/**
 * @clickhouse/client 1.x settings: `max_open_connections` (sockets per host) 10
 * (`dist/common/config.js` l.121; `common/config.d.ts` l.28–30) and `keep_alive.idle_socket_ttl`
 * 2 500 ms (`dist/config.js` l.109–112). `request_timeout` (30 000 ms) bounds a whole request, not
 * the wait for a free socket, so no acquire-timeout entry is recorded.
 */
export const clickhousePoolLimits: readonly LimitSetting[] = [
  { kind: 'maxSize', path: ['max_open_connections'], default: 10, suggested: 10, unit: 'connections' },
  { kind: 'idleTimeout', path: ['keep_alive', 'idle_socket_ttl'], default: 2500, suggested: 2500, unit: 'ms' },
];

/**
 * @clickhouse/client 1 (Node.js; bundled `dist/*.d.ts`). `createClient(config)` (`client.d.ts` l.14)
 * owns an HTTP agent with up to `max_open_connections` sockets: a pool, shut down once with
 * `await client.close()` (`common/client.d.ts` l.217–222). `await client.query(…)` resolves to a
 * `ResultSet` over the still-open response body: its socket is not released until the result is
 * read with `json()`/`text()`, streamed to the end with `stream()`, or `close()`d
 * (`result_set.d.ts` l.57–64). `command()`, `insert()` and `ping()` consume their response.
 * `[Symbol.asyncDispose]` (client) and `[Symbol.dispose]` (result set) are declared in 1.23.1
 * (`common/client.d.ts` l.230; `result_set.d.ts` l.72); the version they arrived in was not checked,
 * so no `dispose` is recorded.
 */
export const clickhouse: DriverSpec = {
  id: '@clickhouse/client',
  title: 'ClickHouse JS client (@clickhouse/client)',
  checkedAgainst: { '@clickhouse/client': '1.23.1' },
  modules: ['@clickhouse/client'],
  exports: [{ path: ['createClient'], via: 'call', shape: 'ClickHouseClient' }],
  shapes: {
    ClickHouseClient: {
      role: 'pool',
      // `export { NodeClickHouseClient as ClickHouseClient }` (`index.d.ts` l.1)
      types: ['ClickHouseClient'],
      release: ['close'],
      asyncRelease: ['close'],
      queries: ['command', 'insert'],
      produces: [{ method: 'query', shape: 'ResultSet', awaited: true }],
      lifetime: 'single',
      limits: { optionsArgument: 0, settings: clickhousePoolLimits },
    },
    ResultSet: {
      role: 'cursor',
      types: ['ResultSet'],
      release: ['close'],
      consumers: ['json', 'text', 'stream'],
      produces: [{ method: 'stream', shape: 'ResultStream' }],
    },
    /** `resultSet.stream()`: a Readable of row batches; the socket is released when it ends or is destroyed. */
    ResultStream: {
      role: 'cursor',
      release: ['destroy'],
      iterationCloses: true,
      dispose: { symbol: 'asyncDispose', since: 'Node 20.4.0', note: 'Readable dispose destroys the stream' },
    },
  },
};
