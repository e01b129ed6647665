import type { DriverSpec, LimitSetting, ShapeSpec } from './types.js';

/**
 * typeorm@1.1.1 `poolSize`, "Maximum number of clients the pool should contain"
 * (`data-source/BaseDataSourceOptions.d.ts` l.73–76). TypeORM passes it to the size setting of the
 * driver its `type` selects, so unset it is that driver's default: pg `max` 10
 * (`driver/postgres/PostgresDriver.js` l.1380; `pg-pool@3.14.0:index.js` l.89), cockroachdb through
 * pg (`driver/cockroachdb/CockroachDriver.js` l.938), mysql/mariadb `connectionLimit` 10
 * (`driver/mysql/MysqlDriver.js` l.953; `mysql2@3.24.6:lib/pool_config.js` l.15–19), oracledb
 * `poolMax` 4 (`driver/oracle/OracleDriver.js` l.914; `oracledb@26.0.0:lib/settings.js` l.52),
 * mongodb `maxPoolSize` 100 (`driver/mongodb/MongoDriver.js` l.438–439; mongodb
 * `src/connection_string.ts`). `extra` is spread over the driver options after it
 * (`Object.assign({…, max: options.poolSize }, options.extra)`), so `extra.max` &c. win. The
 * `mssql` type takes `pool.max` instead (`poolSize?: never`), and the SQLite types have no pool.
 */
const typeormPoolLimits: readonly LimitSetting[] = [
  {
    kind: 'maxSize',
    path: ['poolSize'],
    default: 10,
    defaultBy: { path: ['type'], values: { postgres: 10, cockroachdb: 10, mysql: 10, mariadb: 10, oracle: 4, mongodb: 100 } },
    overriddenBy: [['extra', 'max'], ['extra', 'connectionLimit'], ['extra', 'poolMax'], ['extra', 'maxPoolSize']],
    suggested: 10,
    unit: 'connections',
  },
];

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

/** What a `DataSource` and the 0.2-era `Connection` (a `DataSource` subclass in 0.3) hand out. */
const dataSourceProduces = [
  { method: 'createQueryRunner', shape: 'QueryRunner' },
  { method: 'createQueryBuilder', shape: 'SelectQueryBuilder' },
] as const;

/**
 * TypeORM 1.x, and the 0.2-era globals that 0.3 still ships, deprecated (`globals.d.ts` l.30–94 of
 * typeorm@0.3.31), and 1.0 removed: `createConnection()`, `getConnection()`, `getManager()`,
 * `getRepository()`, `getConnectionManager()`. Repository, EntityManager and `ds.query()` calls
 * acquire and release internally.
 */
export const typeorm: DriverSpec = {
  id: 'typeorm',
  title: 'TypeORM',
  checkedAgainst: { typeorm: '1.1.1', 'typeorm@0.3': '0.3.31' },
  modules: ['typeorm'],
  exports: [
    { path: ['DataSource'], via: 'new', shape: 'DataSource' },
    // `getConnectionManager().create(options).connect()` (0.3.31 `globals.js` l.65–70): a new,
    // initialized pool on every call; a second live one of the same name throws
    // AlreadyHasActiveConnectionError (`connection/ConnectionManager.js` l.50–56)
    { path: ['createConnection'], via: 'call', shape: 'Connection', awaited: true },
    // `getConnectionManager().get(name)` (`globals.js` l.97–98): the registered connection, not a new one
    { path: ['getConnection'], via: 'call', shape: 'RegisteredConnection' },
    // `getConnectionManager().get(name).manager` (`globals.js` l.106–107)
    { path: ['getManager'], via: 'call', shape: 'EntityManager' },
    // `getConnectionManager().get(name).getRepository(entity)` (`globals.js` l.135–137)
    { path: ['getRepository'], via: 'call', shape: 'Repository' },
    { path: ['getConnectionManager'], via: 'call', shape: 'ConnectionManager' },
  ],
  shapes: {
    /**
     * `new DataSource(options)` + `await ds.initialize()` creates the driver pool; `await ds.destroy()`
     * closes it (`data-source/DataSource.d.ts` l.118–123). No dispose. Pool settings are
     * driver-specific (`extra`); only the size (`poolSize`, per `type`) is recorded.
     */
    DataSource: {
      open: ['initialize'],
      // `initialize(): Promise<this>` (data-source/DataSource.d.ts)
      openResolvesToSelf: true,
      role: 'pool',
      types: ['DataSource'],
      release: ['destroy'],
      queries: ['query'],
      produces: dataSourceProduces,
      managed: [managedTransaction],
      lifetime: 'single',
      limits: { optionsArgument: 0, settings: typeormPoolLimits },
    },
    /**
     * The 0.2-era `Connection` that `createConnection()` resolves to: in 0.3 a deprecated `DataSource`
     * subclass (`connection/Connection.d.ts`), whose `connect()`/`close()` are the deprecated aliases
     * of `initialize()`/`destroy()` (`data-source/DataSource.d.ts` l.125–146). No `types`: the name
     * `Connection` is gone from the 1.x typings the catalog is checked against.
     */
    Connection: {
      open: ['connect', 'initialize'],
      role: 'pool',
      release: ['close', 'destroy'],
      asyncRelease: ['close', 'destroy'],
      queries: ['query'],
      produces: dataSourceProduces,
      managed: [managedTransaction],
      lifetime: 'single',
      limits: { optionsArgument: 0, settings: typeormPoolLimits },
    },
    /**
     * `getConnectionManager()` (0.3.31 `connection/ConnectionManager.d.ts` l.21–32): `create(options)`
     * makes a new connection (opened by `connect()`), `get(name)` returns a registered one.
     */
    ConnectionManager: {
      role: 'handle',
      produces: [
        { method: 'create', shape: 'Connection' },
        { method: 'get', shape: 'RegisteredConnection' },
      ],
    },
    /**
     * A connection looked up by name (`getConnection()`, `getConnectionManager().get()`): created and
     * ended elsewhere, so not this code's pool to end, but it lends query runners and runs queries
     * through the pool like a `DataSource`.
     */
    RegisteredConnection: {
      role: 'handle',
      queries: ['query'],
      produces: dataSourceProduces,
      managed: [managedTransaction],
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
    /**
     * `getRepository(Entity)`: `repo.query()` runs through the pool (0.3.31 `repository/Repository.d.ts`
     * l.323). No `types`: an injected `Repository<T>` is no resource of its own to follow.
     */
    Repository: {
      role: 'handle',
      queries: ['query'],
      produces: [{ method: 'createQueryBuilder', shape: 'SelectQueryBuilder' }],
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
