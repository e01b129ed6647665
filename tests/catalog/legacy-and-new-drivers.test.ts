/**
 * The catalog entries added for entry points and drivers that a review of real projects found
 * missing: older APIs still common in real code (TypeORM 0.2 globals, mongoose 5 and mssql callback
 * forms, oracledb's callback forms and pool cache, neo4j-driver 1.x's `v1` namespace) and drivers
 * seen leaking (snowflake-sdk, @databricks/sql, @clickhouse/client, serverless-mysql). The facts and
 * their sources are in the catalog files; the rule tests show what the rules make of them.
 */
import { describe, expect, it } from 'vitest';
import { builtinDrivers, getCatalog } from '../../src/catalog/index.js';
import type { DriverSpec, ExportSpec } from '../../src/catalog/index.js';
import { validateDriverSpec } from '../../src/catalog/validate.js';

const catalog = getCatalog();

function driver(id: string): DriverSpec {
  const found = catalog.driver(id);
  if (found === undefined) throw new Error(`no driver ${id}`);
  return found;
}

function exportAt(id: string, path: readonly string[]): ExportSpec[] {
  return driver(id).exports.filter((e) => e.path.join('.') === path.join('.'));
}

/** The role of the shape an export (or a shape reference) resolves to. */
function roleOf(id: string, shape: string): string | undefined {
  return catalog.shape(driver(id), shape)?.shape.role;
}

describe('new driver families', () => {
  it.each([
    ['snowflake-sdk', 'snowflake-sdk'],
    ['@databricks/sql', '@databricks/sql'],
    ['@clickhouse/client', '@clickhouse/client'],
    ['serverless-mysql', 'serverless-mysql'],
  ])('%s is registered and loaded by its module', (id, specifier) => {
    expect(builtinDrivers.map((d) => d.id)).toContain(id);
    expect(catalog.driversForModule(specifier).map((m) => m.driver.id)).toEqual([id]);
    expect(validateDriverSpec(JSON.parse(JSON.stringify(driver(id))))).toBeNull();
  });

  it('snowflake-sdk: createConnection() is a direct connection ended by destroy(); createPool() is generic-pool', () => {
    const [create] = exportAt('snowflake-sdk', ['createConnection']);
    expect(create).toMatchObject({ via: 'call', shape: 'Connection' });
    const connection = driver('snowflake-sdk').shapes.Connection!;
    expect(connection).toMatchObject({ role: 'connection', release: ['destroy'], open: ['connect', 'connectAsync'], queryResult: 'callback' });
    const [pool] = exportAt('snowflake-sdk', ['createPool']);
    expect(catalog.shape(driver('snowflake-sdk'), pool!.shape)?.driver.id).toBe('generic-pool');
  });

  it('@databricks/sql: client (pool) → session (lease) → operation (cursor)', () => {
    const shapes = driver('@databricks/sql').shapes;
    expect(exportAt('@databricks/sql', ['DBSQLClient'])[0]).toMatchObject({ via: 'new', shape: 'DBSQLClient' });
    expect(shapes.DBSQLClient).toMatchObject({ role: 'pool', open: ['connect'], openResolvesToSelf: true, release: ['close'] });
    expect(shapes.DBSQLClient!.produces).toContainEqual({ method: 'openSession', shape: 'DBSQLSession', awaited: true });
    expect(shapes.DBSQLSession).toMatchObject({ role: 'lease', release: ['close'] });
    expect(shapes.DBSQLSession!.produces).toContainEqual({ method: 'executeStatement', shape: 'Operation', awaited: true });
    expect(shapes.Operation).toMatchObject({ role: 'cursor', release: ['close'], consumers: ['fetchAll'] });
  });

  it('@clickhouse/client: createClient() is a pool whose query() result set must be consumed', () => {
    const shapes = driver('@clickhouse/client').shapes;
    expect(exportAt('@clickhouse/client', ['createClient'])[0]).toMatchObject({ via: 'call', shape: 'ClickHouseClient' });
    expect(shapes.ClickHouseClient).toMatchObject({ role: 'pool', release: ['close'], lifetime: 'single' });
    expect(shapes.ClickHouseClient!.limits!.settings.map((s) => [s.kind, s.path.join('.'), s.default])).toEqual([
      ['maxSize', 'max_open_connections', 10],
      ['idleTimeout', 'keep_alive.idle_socket_ttl', 2500],
    ]);
    expect(shapes.ClickHouseClient!.produces).toContainEqual({ method: 'query', shape: 'ResultSet', awaited: true });
    expect(shapes.ResultSet).toMatchObject({ role: 'cursor', release: ['close'], consumers: ['json', 'text', 'stream'] });
  });

  it('serverless-mysql: the module root, called, is one connection released by end() or quit()', () => {
    expect(exportAt('serverless-mysql', [])).toEqual([{ path: [], via: 'call', shape: 'ServerlessMysql' }]);
    expect(driver('serverless-mysql').shapes.ServerlessMysql).toMatchObject({ role: 'connection', release: ['end', 'quit'], queries: ['query'] });
  });
});

describe('older entry points of cataloged drivers', () => {
  it('typeorm 0.3: the 0.2-era globals', () => {
    expect(exportAt('typeorm', ['createConnection'])).toEqual([{ path: ['createConnection'], via: 'call', shape: 'Connection', awaited: true }]);
    expect(roleOf('typeorm', 'Connection')).toBe('pool');
    expect(driver('typeorm').shapes.Connection).toMatchObject({ release: ['close', 'destroy'], open: ['connect', 'initialize'] });
    // looked up, not created: a handle that still lends query runners
    for (const path of [['getConnection'], ['getManager'], ['getRepository'], ['getConnectionManager']]) {
      const [spec] = exportAt('typeorm', path);
      expect(roleOf('typeorm', spec!.shape), path.join('.')).toBe('handle');
    }
    const registered = driver('typeorm').shapes.RegisteredConnection!;
    expect(registered.produces).toContainEqual({ method: 'createQueryRunner', shape: 'QueryRunner' });
    expect(driver('typeorm').shapes.ConnectionManager!.produces).toEqual([
      { method: 'create', shape: 'Connection' },
      { method: 'get', shape: 'RegisteredConnection' },
    ]);
  });

  it('mongoose: connect() in any form is the module singleton; createConnection(uri).asPromise() is the connection', () => {
    expect(exportAt('mongoose', ['connect'])).toEqual([{ path: ['connect'], via: 'call', shape: 'Mongoose', awaited: true, moduleSingleton: true }]);
    expect(driver('mongoose').shapes.Connection).toMatchObject({ open: ['asPromise'], openResolvesToSelf: true });
  });

  it('mssql: sql.connect() with or without a callback is the global pool', () => {
    const specs = exportAt('mssql', ['connect']);
    expect(specs).toHaveLength(1);
    expect(specs[0]).toMatchObject({ moduleSingleton: true });
    expect(specs[0]!.when).toBeUndefined();
  });

  it('oracledb: the callback form of a standalone getConnection() is not an acquisition; getPool() looks a pool up', () => {
    const standalone = exportAt('oracledb', ['getConnection']).find((e) => e.shape === 'StandaloneConnection')!;
    expect(standalone.when).toEqual([{ index: 1, is: 'absent' }]);
    expect(exportAt('oracledb', ['getPool'])).toEqual([{ path: ['getPool'], via: 'call', shape: 'CachedPool' }]);
    const cached = driver('oracledb').shapes.CachedPool!;
    expect(cached.role).toBe('handle');
    expect(cached.produces).toEqual(driver('oracledb').shapes.Pool!.produces);
  });

  it('neo4j-driver 1.x: v1.driver() → session (lease) closed by close()', () => {
    expect(exportAt('neo4j-driver', ['v1', 'driver'])).toEqual([{ path: ['v1', 'driver'], via: 'call', shape: 'DriverV1' }]);
    const shapes = driver('neo4j-driver').shapes;
    expect(shapes.DriverV1).toMatchObject({ role: 'pool', release: ['close'], lifetime: 'single' });
    expect(shapes.SessionV1).toMatchObject({ role: 'lease', release: ['close'], queries: ['run'] });
    expect(shapes.SessionV1!.asyncRelease).toBeUndefined();
  });
});
