import type { DriverSpec, ShapeSpec } from './types.js';

/** `ds.transaction(cb)` / `ds.transaction(isolation, cb)`: the callback receives an `EntityManager`. */
const managedTransaction = { method: 'transaction', scopeParam: 0, scopeShape: 'EntityManager', transaction: true } as const;

/**
 * `await qb.stream()` creates its own query runner and releases it only on `'end'`/`'error'`
 * (`query-builder/SelectQueryBuilder.js` l.1011–1026): an abandoned or `destroy()`ed stream leaks it.
 */
const SelectQueryBuilder: ShapeSpec = {
  role: 'handle',
  types: ['SelectQueryBuilder'],
  produces: [{ method: 'stream', shape: 'ReadStream', awaited: true }],
};

/**
 * TypeORM 1.x. The 0.2-era `createConnection()`/`getConnection()` globals are gone from the
 * typings. Repository, EntityManager and `ds.query()` calls acquire and release internally.
 */
export const typeorm: DriverSpec = {
  id: 'typeorm',
  title: 'TypeORM',
  checkedAgainst: { typeorm: '1.1.1' },
  modules: ['typeorm'],
  exports: [{ path: ['DataSource'], via: 'new', shape: 'DataSource' }],
  shapes: {
    /**
     * `new DataSource(options)` + `await ds.initialize()` creates the driver pool; `await ds.destroy()`
     * closes it (`data-source/DataSource.d.ts` l.118–123). No dispose. Pool settings are
     * driver-specific (`extra`), so no limits are recorded.
     */
    DataSource: {
      open: ['initialize'],
      role: 'pool',
      types: ['DataSource'],
      release: ['destroy'],
      queries: ['query'],
      produces: [
        { method: 'createQueryRunner', shape: 'QueryRunner' },
        { method: 'createQueryBuilder', shape: 'SelectQueryBuilder' },
      ],
      managed: [managedTransaction],
      lifetime: 'single',
    },
    /**
     * `ds.createQueryRunner(mode?)` is lazy: it borrows a connection on `connect()` or its first
     * query. `release()` is idempotent; later queries throw `QueryRunnerAlreadyReleasedError`.
     */
    QueryRunner: {
      role: 'lease',
      types: ['QueryRunner'],
      lazy: ['connect', 'startTransaction'],
      release: ['release'],
      asyncRelease: ['release'],
      queries: ['query'],
      produces: [{ method: 'stream', shape: 'ReadStream', awaited: true }],
      transaction: {
        begin: ['startTransaction'],
        commit: ['commitTransaction'],
        rollback: ['rollbackTransaction'],
        // PostgresQueryRunner/MysqlQueryRunner `release()` just returns the connection (l.93–112; l.73–78)
        releaseWhileOpen: 'stays-open',
      },
      dispose: {
        symbol: 'asyncDispose',
        since: '1.0.0',
        note: 'commits an active transaction (forcing depth 1, ignoring savepoints), then releases (BaseQueryRunner.js l.60–70)',
        commitsOpenTransaction: true,
      },
    },
    /** The manager a managed transaction hands out; `manager.transaction(cb)` nests. */
    EntityManager: {
      role: 'handle',
      types: ['EntityManager'],
      queries: ['query'],
      produces: [{ method: 'createQueryBuilder', shape: 'SelectQueryBuilder' }],
      managed: [managedTransaction],
    },
    SelectQueryBuilder,
    /** A Node `ReadStream`; after `qr.stream()` the runner must still be released. */
    ReadStream: {
      role: 'cursor',
      release: ['destroy'],
      iterationCloses: true,
      dispose: { symbol: 'asyncDispose', since: 'Node 20.4.0', note: 'Readable dispose destroys the stream; it does not release the query runner' },
    },
  },
};
