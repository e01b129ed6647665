/**
 * The shape of the driver catalog. Every driver family is data in this shape (one file per family
 * in `src/catalog/`), and users describe in-house wrappers in the same shape through
 * `settings["connection-hygiene"].resources`. Rules never name a driver: they ask the catalog.
 *
 * Vocabulary (DESIGN.md §2): a **pool** is long-lived and owns connections; a **direct connection**
 * is one socket opened without a pool; a **lease** is borrowed from a pool and must be released on
 * every path; a **cursor** holds a connection, lock or server cursor until consumed or closed; a
 * **transaction** is begun on a lease and committed or rolled back on every path; a **managed
 * scope** releases, commits or rolls back for you.
 */

/** What a value is, in the plugin's vocabulary. */
export type Role =
  /** long-lived owner of connections: create once, end at shutdown */
  | 'pool'
  /** a single connection opened without a pool: must be ended; harmful per iteration */
  | 'connection'
  /** borrowed from a pool: released on every path */
  | 'lease'
  /** a transaction object that holds a connection until committed or rolled back */
  | 'transaction'
  /** a result that holds a connection, lock or server cursor until consumed or closed */
  | 'cursor'
  /** an intermediate object that is not itself a resource but leads to one (mongodb `Db`, mysql `Query`) */
  | 'handle';

/** A condition on a call's arguments (hidden pool creation: `drizzle(url)` creates a pool, `drizzle(client)` does not). */
export type ArgumentCondition =
  /** the argument is a string (or template literal) */
  | { readonly index: number; readonly is: 'string' }
  /** the argument is an object literal with this property */
  | { readonly index: number; readonly hasProperty: string }
  /** the argument is absent */
  | { readonly index: number; readonly is: 'absent' }
  /** the argument is an object literal without this property (or absent) */
  | { readonly index: number; readonly lacksProperty: string };

/** A value reachable from a module: `new Pool()`, `mysql.createPool()`, `knex(cfg)`, vercel's `sql`. */
export interface ExportSpec {
  /**
   * Property path from the module root. The root is what `require()`, a default import and a
   * namespace import give (they are treated alike, since most drivers are CommonJS). A named import
   * `{ Pool }` is the path `['Pool']`. `[]` is the module root itself (`knex(cfg)`, `postgres(url)`).
   */
  readonly path: readonly string[];
  /** how the path is used to make the value */
  readonly via: 'new' | 'call' | 'new-or-call' | 'value';
  /** the shape of the result (a key of `shapes`, or `driverId:Shape` for another driver's shape) */
  readonly shape: string;
  /** the call returns a promise of the shape */
  readonly awaited?: boolean;
  /** the result is only this shape when one of these holds (hidden pools: `drizzle(url)`) */
  readonly when?: readonly ArgumentCondition[];
  /** the result is only this shape when none of these holds */
  readonly unless?: readonly ArgumentCondition[];
  /**
   * The call opens the module's own process-wide pool (`mongoose.connect()`, mssql's global
   * `sql.connect()`): repeated calls reuse it, so it is never a pool per call or per iteration.
   */
  readonly moduleSingleton?: boolean;
}

/** A method that returns another shape: `pool.connect()` → a lease. */
export interface ProduceSpec {
  readonly method: string;
  readonly shape: string;
  /** returns a promise of the shape */
  readonly awaited?: boolean;
  /**
   * The callback form: when an argument at `callbackArgument` (default: the last) is a function, the
   * resource arrives as its parameter `resourceParam`, and parameter `releaseParam` (if any) releases
   * it (`pool.connect((err, client, done) => …)`).
   */
  readonly callback?: {
    readonly resourceParam: number;
    readonly releaseParam?: number;
  };
  /** only produced when no argument is a function (knex `db.transaction()` without a callback) */
  readonly withoutCallback?: boolean;
  /** only produced when these hold (oracledb `execute(sql, binds, { resultSet: true })`) */
  readonly when?: readonly ArgumentCondition[];
  /** the shape is at this property of the (awaited) result: `(await conn.execute(…)).resultSet` */
  readonly property?: string;
}

/** A managed scope: an API that releases, commits or rolls back for you. */
export interface ManagedSpec {
  readonly method: string;
  /** the callback's parameter that receives the scoped resource, when there is one */
  readonly scopeParam?: number;
  /** the shape of that parameter */
  readonly scopeShape?: string;
  /** the scope commits on success and rolls back on failure */
  readonly transaction?: boolean;
}

/** How transactions are begun and ended on a lease or connection. */
export interface TransactionVerbs {
  /** `BEGIN`/`START TRANSACTION`/`COMMIT`/`ROLLBACK` sent as SQL through `queries` */
  readonly sql?: boolean;
  readonly begin?: readonly string[];
  readonly commit?: readonly string[];
  readonly rollback?: readonly string[];
  /** what releasing the lease does to an open transaction */
  readonly releaseWhileOpen: 'stays-open' | 'rolls-back' | 'commits' | 'not-applicable';
}

/** One pool setting that bounds waits, size or lifetime. */
export interface LimitSetting {
  readonly kind: 'acquireTimeout' | 'maxSize' | 'idleTimeout' | 'maxLifetime' | 'queueLimit';
  /** property path inside the options argument: `['connectionTimeoutMillis']`, `['pool', 'max']` */
  readonly path: readonly string[];
  /** the driver's default; `null` means there is none (unbounded) */
  readonly default: number | null;
  /** values that mean "no bound" (`0` for pg's `connectionTimeoutMillis`) */
  readonly unbounded?: readonly number[];
  /** the value the suggestion inserts */
  readonly suggested: number;
  /** unit of the value, for messages */
  readonly unit: 'ms' | 's' | 'connections' | 'requests';
  /**
   * The setting does not matter when this other option has this value: mysql's `queueLimit` only
   * bounds the wait when `waitForConnections` is true; with `waitForConnections: false` an exhausted
   * pool fails at once (`{ path: ['waitForConnections'], equals: false }`).
   */
  readonly moot?: { readonly path: readonly string[]; readonly equals: boolean | number | string };
  /**
   * The default depends on another option's value: TypeORM's `poolSize` falls back to the default
   * of the driver its `type` selects (`{ path: ['type'], values: { postgres: 10, oracle: 4 } }`).
   * When the option is written and listed, its value replaces `default`; when it is written and
   * not listed, the setting does not apply; when the file does not show it, the size is unknown.
   */
  readonly defaultBy?: { readonly path: readonly string[]; readonly values: Readonly<Record<string, number | null>> };
  /**
   * Options that take precedence over this one when they are set: TypeORM's `extra` object is
   * spread over the driver options it builds, so `extra.max` wins over `poolSize`.
   */
  readonly overriddenBy?: ReadonlyArray<readonly string[]>;
}

export interface PoolLimits {
  /** index of the options argument of the factory */
  readonly optionsArgument: number;
  /**
   * The options are the last argument when it is an object literal, because overloads put them at
   * different indexes (`postgres(url, opts)` / `postgres(opts)`, `new Sequelize(db, user, pw, opts)`
   * / `new Sequelize(uri, opts)` / `new Sequelize(opts)`); `optionsArgument` is then the index in
   * the most common form.
   */
  readonly optionsLast?: boolean;
  readonly settings: readonly LimitSetting[];
}

/** A kind of object a driver hands out, and what can be done with it. */
export interface ShapeSpec {
  readonly role: Role;
  /** TypeScript type names the driver exports for this shape (parameter annotations; type-aware resolution) */
  readonly types?: readonly string[];
  /**
   * A lazy lease holds no connection until one of these methods borrows it (TypeORM's
   * `createQueryRunner()` borrows on `connect()` or its first query, and `startTransaction()` is how
   * its documented pattern opens it): a failure of these calls leaks nothing, so they may run between
   * the acquisition and the `try` that releases it. A lazy cursor (MongoDB's) sends its command on the
   * first of these reads: what runs before that leaks nothing.
   */
  readonly lazy?: readonly string[];
  /** methods that only read its state, safe after the release (`trx.isCompleted()`, `session.inTransaction()`) */
  readonly statusMethods?: readonly string[];
  /**
   * A long-lived subscriber: once one of these methods is called on it, or a listener for one of
   * these events is registered, it stays open for its listeners (Redis `subscribe`, pg `LISTEN` with
   * a `'notification'` listener), so it is not released in the function that made it.
   */
  readonly subscriber?: { readonly methods?: readonly string[]; readonly events?: readonly string[] };
  /** methods that end it on the normal path: `release`, `end`, `close`, `endSession`; for a transaction object `commit`/`rollback` */
  readonly release?: readonly string[];
  /** methods that end it by destroying it; they count as releases (`destroy`) */
  readonly discard?: readonly string[];
  /**
   * The `release`/`discard`/`releasesArgument` methods that return a promise (`await session.close()`,
   * `await queryRunner.release()`): fixes that insert such a release await it inside async functions.
   */
  readonly asyncRelease?: readonly string[];
  /**
   * Methods that open a pool or direct connection once after it is created (`client.connect()`,
   * `dataSource.initialize()`): calling one again on the same object throws or reconnects, so a fix
   * that hoists the creation out of a loop moves these calls along with it.
   */
  readonly open?: readonly string[];
  /** the `open` methods resolve to the object itself (`await new MongoClient(url).connect()` is the client) */
  readonly openResolvesToSelf?: boolean;
  /** methods of this object that release a lease passed as first argument: `pool.releaseConnection(conn)` */
  readonly releasesArgument?: readonly string[];
  /** methods that return another shape */
  readonly produces?: readonly ProduceSpec[];
  /**
   * Methods that return their argument when it is a cursor ("submittables"): `client.query(new
   * Cursor(…))` returns the cursor. The key is the method, the value the argument index.
   */
  readonly submits?: Readonly<Record<string, number>>;
  /** one-shot query methods (managed for pools; on a lease they run on that lease) */
  readonly queries?: readonly string[];
  /**
   * The `queries` whose names belong to this shape alone among Node database clients (MongoDB's
   * `insertOne`, `updateMany`, `findOneAndUpdate`, … — Mongoose models and other MongoDB-like clients
   * share them, with the same meaning): a call of one on a receiver of unknown origin
   * (`context.collections.Orders.insertOne(doc)`) is evidence that the receiver is this shape.
   */
  readonly evidenceQueries?: readonly string[];
  /**
   * How the `queries` methods (and `taggedQuery`) deliver their result. `'promise'` (the default): a
   * promise or thenable, unless the last argument is a callback. `'callback'`: only through a
   * callback; the return value is not a promise (mysql, the mysql2 and mariadb callback APIs,
   * sqlite3). `'sync'`: synchronously (better-sqlite3, node:sqlite). Rules about un-awaited queries
   * act on `'promise'` only.
   */
  readonly queryResult?: 'promise' | 'callback' | 'sync';
  /**
   * A cursor that releasing the lease it was opened on closes too (oracledb: since 2.1 a connection
   * may be closed with ResultSets open, and closing it frees them): a release of that lease on every
   * path, or in `finally`, closes the cursor.
   */
  readonly closedWithLease?: boolean;
  /** methods that consume a cursor to the end (and so close it): `toArray`, `consume` */
  readonly consumers?: readonly string[];
  /** managed scopes offered by this object */
  readonly managed?: readonly ManagedSpec[];
  /** transactions on this object */
  readonly transaction?: TransactionVerbs;
  /** `Symbol.asyncDispose`/`Symbol.dispose` support, and the driver version it arrived in */
  readonly dispose?: {
    readonly symbol: 'asyncDispose' | 'dispose';
    readonly since: string;
    /** what disposing does, when it is more than the release */
    readonly note?: string;
    /** disposing commits an open transaction (TypeORM query runner) */
    readonly commitsOpenTransaction?: boolean;
  };
  /**
   * How often it should be created (pools and connections): `single` once per process; `per-request`
   * is meant to be created per request (Neon in edge runtimes, PlanetScale HTTP); `free` is cheap or
   * stateless.
   */
  readonly lifetime?: 'single' | 'per-request' | 'free';
  /** pool limits, for pools */
  readonly limits?: PoolLimits;
  /**
   * Calling this value produces that shape: pg-promise's `pgp(cn)` (the `pgp` handle is itself a
   * function returning a `Database`), `require('pg-promise')(opts)`, Knex's `db('table')` query
   * builder, Knex's `transactionProvider()` result.
   */
  readonly call?: { readonly shape: string; readonly awaited?: boolean };
  /**
   * The value is itself a tagged-template query function: `` sql`…` `` runs a one-shot query (so on
   * a pool it is managed, and `` sql`BEGIN` `` on a pool is a transaction on the pool), like a method
   * in `queries`. `shape`, when given, is the shape of the template call's result (postgres.js
   * `PendingQuery`, whose `.cursor()` is a cursor).
   */
  readonly taggedQuery?: { readonly shape?: string };
  /**
   * Iterating it with `for await`/`for…of` ends it: exhaustion, `break`, `return` and `throw` all
   * close it (drivers.md §1.4). Counts as a way to end a cursor that has no close method of its own
   * (postgres.js `.cursor()`), and as consumption for those that do.
   */
  readonly iterationCloses?: boolean;
  /**
   * The `release`/`discard` methods return a builder, and nothing happens until this method is
   * called on it: Kysely's `await trx.commit().execute()` (a bare `trx.commit()` does nothing).
   */
  readonly releaseChain?: string;
}

/** A module specifier matcher: an exact specifier, or a pattern with the named exports it must provide. */
export type ModuleSpec =
  | string
  | {
      /** a regular expression source matched against the import specifier */
      readonly pattern: string;
      /** only these named exports resolve (generated Prisma clients: `PrismaClient`) */
      readonly exports?: readonly string[];
    };

/** One driver family. */
export interface DriverSpec {
  /** stable id, used in `driverId:Shape` references and messages */
  readonly id: string;
  /** human name */
  readonly title: string;
  /** packages and versions this entry was checked against */
  readonly checkedAgainst: Readonly<Record<string, string>>;
  /** import specifiers that load it */
  readonly modules: readonly ModuleSpec[];
  /** values reachable from the module */
  readonly exports: readonly ExportSpec[];
  /** the kinds of object it hands out */
  readonly shapes: Readonly<Record<string, ShapeSpec>>;
}
