import type { ArgumentCondition, DriverSpec, ShapeSpec } from './types.js';

/**
 * drizzle-orm 0.45, one entry per `drizzle-orm/<driver>` subpath named in drivers.md §2.24.
 *
 * `drizzle(client)` / `drizzle({ client })` wraps something you own (a `Database` handle).
 * `drizzle(url)` / `drizzle({ connection })` **creates the driver client internally** — a hidden pool
 * for node-postgres, mysql2, postgres-js, libsql and neon-serverless — so
 * `drizzle(process.env.DATABASE_URL)` inside a handler is a pool per request. Drizzle has no close
 * method; the owner closes `db.$client` (`.end()` / `.close()`). No dispose.
 */

/** `db.transaction(async (tx) => …, config?)`: for node-postgres it connects, BEGINs, COMMITs or ROLLBACKs, and releases in `finally` (`node-postgres/session.js` l.180–196). */
const managed = [{ method: 'transaction', scopeParam: 0, scopeShape: 'Transaction', transaction: true }] as const;

/** `drizzle(url)` / `drizzle({ connection })`: the call creates the driver client. */
const createsClient: readonly ArgumentCondition[] = [
  { index: 0, is: 'string' },
  { index: 0, hasProperty: 'connection' },
];

/** better-sqlite3's `drizzle()` also opens `new Database()` when given no argument. */
const createsSqliteClient: readonly ArgumentCondition[] = [...createsClient, { index: 0, is: 'absent' }];

/** A drizzle database over a client it created itself: a pool to create once per process. */
const HiddenPool: ShapeSpec = { role: 'pool', managed, lifetime: 'single' };

/** A drizzle database over an HTTP client it created itself: stateless, free to create per request. */
const HiddenHttpClient: ShapeSpec = { role: 'pool', managed, lifetime: 'free' };

/** A drizzle database wrapping a client the caller owns (and closes). */
const Database: ShapeSpec = { role: 'handle', managed };

/** The `tx` of a managed transaction; `tx.rollback()` throws (return type `never`). */
const Transaction: ShapeSpec = { role: 'handle' };

/** `drizzle-orm/node-postgres`: `drizzle(url)` creates `new pg.Pool(...)` (`node-postgres/driver.js` l.61–71). */
export const drizzleNodePostgres: DriverSpec = {
  id: 'drizzle-node-postgres',
  title: 'drizzle-orm/node-postgres',
  checkedAgainst: { 'drizzle-orm': '0.45.4' },
  modules: ['drizzle-orm/node-postgres'],
  exports: [
    { path: ['drizzle'], via: 'call', shape: 'HiddenPool', when: createsClient },
    { path: ['drizzle'], via: 'call', shape: 'Database', unless: createsClient },
  ],
  shapes: {
    HiddenPool: HiddenPool,
    Database: { ...Database, types: ['NodePgDatabase'] },
    Transaction: { ...Transaction, types: ['NodePgTransaction'] },
  },
};

/** `drizzle-orm/postgres-js`: `drizzle(url)` creates `postgres()`. */
export const drizzlePostgresJs: DriverSpec = {
  id: 'drizzle-postgres-js',
  title: 'drizzle-orm/postgres-js',
  checkedAgainst: { 'drizzle-orm': '0.45.4' },
  modules: ['drizzle-orm/postgres-js'],
  exports: [
    { path: ['drizzle'], via: 'call', shape: 'HiddenPool', when: createsClient },
    { path: ['drizzle'], via: 'call', shape: 'Database', unless: createsClient },
  ],
  shapes: {
    HiddenPool: HiddenPool,
    Database: { ...Database, types: ['PostgresJsDatabase'] },
    Transaction: { ...Transaction, types: ['PostgresJsTransaction'] },
  },
};

/** `drizzle-orm/mysql2`: `drizzle(url)` creates `createPool` (`mysql2/driver.js` l.75–86). */
export const drizzleMysql2: DriverSpec = {
  id: 'drizzle-mysql2',
  title: 'drizzle-orm/mysql2',
  checkedAgainst: { 'drizzle-orm': '0.45.4' },
  modules: ['drizzle-orm/mysql2'],
  exports: [
    { path: ['drizzle'], via: 'call', shape: 'HiddenPool', when: createsClient },
    { path: ['drizzle'], via: 'call', shape: 'Database', unless: createsClient },
  ],
  shapes: {
    HiddenPool: HiddenPool,
    Database: { ...Database, types: ['MySql2Database'] },
    Transaction: { ...Transaction, types: ['MySql2Transaction'] },
  },
};

/** `drizzle-orm/better-sqlite3`: `drizzle(url)` creates `new Database(path)`, also with no argument (drizzle-orm@0.45.4 `better-sqlite3/driver.js` `drizzle()`; not in drivers.md). */
export const drizzleBetterSqlite3: DriverSpec = {
  id: 'drizzle-better-sqlite3',
  title: 'drizzle-orm/better-sqlite3',
  checkedAgainst: { 'drizzle-orm': '0.45.4' },
  modules: ['drizzle-orm/better-sqlite3'],
  exports: [
    { path: ['drizzle'], via: 'call', shape: 'HiddenPool', when: createsSqliteClient },
    { path: ['drizzle'], via: 'call', shape: 'Database', unless: createsSqliteClient },
  ],
  shapes: {
    HiddenPool: HiddenPool,
    Database: { ...Database, types: ['BetterSQLite3Database'] },
    Transaction: { ...Transaction, types: ['BetterSQLiteTransaction'] },
  },
};

/** `drizzle-orm/libsql`: `drizzle(url)` creates `createClient`. */
export const drizzleLibsql: DriverSpec = {
  id: 'drizzle-libsql',
  title: 'drizzle-orm/libsql',
  checkedAgainst: { 'drizzle-orm': '0.45.4' },
  modules: ['drizzle-orm/libsql'],
  exports: [
    { path: ['drizzle'], via: 'call', shape: 'HiddenPool', when: createsClient },
    { path: ['drizzle'], via: 'call', shape: 'Database', unless: createsClient },
  ],
  shapes: {
    HiddenPool: HiddenPool,
    Database: { ...Database, types: ['LibSQLDatabase'] },
    Transaction: { ...Transaction, types: ['LibSQLTransaction'] },
  },
};

/** `drizzle-orm/neon-http`: `drizzle(url)` creates `neon(url)`, a stateless HTTP function. */
export const drizzleNeonHttp: DriverSpec = {
  id: 'drizzle-neon-http',
  title: 'drizzle-orm/neon-http',
  checkedAgainst: { 'drizzle-orm': '0.45.4' },
  modules: ['drizzle-orm/neon-http'],
  exports: [
    { path: ['drizzle'], via: 'call', shape: 'HiddenPool', when: createsClient },
    { path: ['drizzle'], via: 'call', shape: 'Database', unless: createsClient },
  ],
  shapes: {
    HiddenPool: HiddenHttpClient,
    Database: { ...Database, types: ['NeonHttpDatabase'] },
    Transaction: { ...Transaction, types: ['NeonTransaction'] },
  },
};

/** `drizzle-orm/neon-serverless`: `drizzle(url)` creates `new Pool`. */
export const drizzleNeonServerless: DriverSpec = {
  id: 'drizzle-neon-serverless',
  title: 'drizzle-orm/neon-serverless',
  checkedAgainst: { 'drizzle-orm': '0.45.4' },
  modules: ['drizzle-orm/neon-serverless'],
  exports: [
    { path: ['drizzle'], via: 'call', shape: 'HiddenPool', when: createsClient },
    { path: ['drizzle'], via: 'call', shape: 'Database', unless: createsClient },
  ],
  shapes: {
    HiddenPool: HiddenPool,
    Database: { ...Database, types: ['NeonDatabase'] },
    Transaction: { ...Transaction, types: ['NeonTransaction'] },
  },
};

/** `drizzle-orm/planetscale-serverless`: `drizzle(url)` creates a PlanetScale HTTP `Client`. */
export const drizzlePlanetscaleServerless: DriverSpec = {
  id: 'drizzle-planetscale-serverless',
  title: 'drizzle-orm/planetscale-serverless',
  checkedAgainst: { 'drizzle-orm': '0.45.4' },
  modules: ['drizzle-orm/planetscale-serverless'],
  exports: [
    { path: ['drizzle'], via: 'call', shape: 'HiddenPool', when: createsClient },
    { path: ['drizzle'], via: 'call', shape: 'Database', unless: createsClient },
  ],
  shapes: {
    HiddenPool: HiddenHttpClient,
    Database: { ...Database, types: ['PlanetScaleDatabase'] },
    Transaction: { ...Transaction, types: ['PlanetScaleTransaction'] },
  },
};

/**
 * `drizzle-orm/vercel-postgres`: `drizzle()` / `drizzle({ client })` use the given client or
 * `@vercel/postgres`'s pooled `sql` (`vercel-postgres/driver.js` `drizzle()`); it never creates one.
 */
export const drizzleVercelPostgres: DriverSpec = {
  id: 'drizzle-vercel-postgres',
  title: 'drizzle-orm/vercel-postgres',
  checkedAgainst: { 'drizzle-orm': '0.45.4' },
  modules: ['drizzle-orm/vercel-postgres'],
  exports: [{ path: ['drizzle'], via: 'call', shape: 'Database' }],
  shapes: {
    Database: { ...Database, types: ['VercelPgDatabase'] },
    Transaction: { ...Transaction, types: ['VercelPgTransaction'] },
  },
};
