import { mongodbPoolLimits } from './mongodb.js';
import type { DriverSpec } from './types.js';

/** `conn.transaction(async (session) => …)` commits when the function resolves (`types/connection.d.ts` l.278–282). */
const sessionScopes = [
  { method: 'transaction', scopeParam: 0, scopeShape: 'mongodb:ClientSession', transaction: true },
  { method: 'withSession', scopeParam: 0, scopeShape: 'mongodb:ClientSession' },
] as const;

/**
 * Mongoose 9, and the callback forms of mongoose 5 (5.13.23 `lib/index.js`): `connect(uri, opts, cb)`
 * opens the default connection and calls back with the mongoose instance (l.346–358), so it is the
 * same process singleton as the promise form; `createConnection(uri, opts, cb)` still returns the new
 * connection (l.279–295). Sessions are the mongodb driver's `ClientSession` (`mongodb:ClientSession`). Connection
 * options are passed through to the driver's `MongoClient`, so its limits apply (`mongodb.ts`).
 */
export const mongoose: DriverSpec = {
  id: 'mongoose',
  title: 'Mongoose',
  checkedAgainst: { mongoose: '9.12.1', 'mongoose@5': '5.13.23' },
  modules: ['mongoose'],
  exports: [
    // the default instance: a process singleton whose default connection `connect()` opens
    { path: [], via: 'value', shape: 'Mongoose' },
    // with or without the mongoose 5 callback (`connect(uri, opts, cb)`): the default connection
    { path: ['connect'], via: 'call', shape: 'Mongoose', awaited: true, moduleSingleton: true },
    // a new Connection (a new MongoClient and pool) on every call (`types/connection.d.ts` l.12–18)
    { path: ['createConnection'], via: 'call', shape: 'Connection' },
    { path: ['startSession'], via: 'call', shape: 'mongodb:ClientSession', awaited: true },
    { path: ['model'], via: 'call', shape: 'Model' },
  ],
  shapes: {
    Mongoose: {
      role: 'pool',
      types: ['Mongoose'],
      release: ['disconnect'],
      produces: [
        { method: 'createConnection', shape: 'Connection' },
        { method: 'startSession', shape: 'mongodb:ClientSession', awaited: true },
        { method: 'model', shape: 'Model' },
      ],
      lifetime: 'single',
      limits: { optionsArgument: 1, settings: mongodbPoolLimits },
    },
    /**
     * `createConnection(uri)`; `await conn.asPromise()` resolves to the same connection once it is
     * open (`types/connection.d.ts` l.79, `asPromise(): Promise<this>`; `lib/connection.js` l.1638–1645).
     */
    Connection: {
      role: 'pool',
      types: ['Connection'],
      open: ['asPromise'],
      openResolvesToSelf: true,
      release: ['close', 'destroy'],
      produces: [
        { method: 'startSession', shape: 'mongodb:ClientSession', awaited: true },
        { method: 'model', shape: 'Model' },
      ],
      managed: sessionScopes,
      lifetime: 'single',
      limits: { optionsArgument: 1, settings: mongodbPoolLimits },
    },
    /**
     * A model's operations return a `Query` (a thenable that runs only when awaited, `then`-ed or
     * `exec()`-ed: unawaited, it never runs) or, for `create`/`insertMany`/`bulkWrite`, a promise.
     */
    Model: {
      role: 'handle',
      types: ['Model'],
      queries: ['create', 'insertMany', 'updateOne', 'updateMany', 'replaceOne', 'deleteOne', 'deleteMany', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndReplace', 'findByIdAndUpdate', 'findByIdAndDelete', 'bulkWrite', 'countDocuments', 'estimatedDocumentCount', 'findOne', 'findById', 'exists', 'distinct'],
      produces: [
        { method: 'find', shape: 'Query' },
        { method: 'aggregate', shape: 'Aggregate' },
      ],
    },
    Query: { role: 'handle', types: ['Query'], produces: [{ method: 'cursor', shape: 'Cursor' }] },
    Aggregate: { role: 'handle', types: ['Aggregate'], produces: [{ method: 'cursor', shape: 'Cursor' }] },
    /**
     * `Query#cursor()` / `Aggregate#cursor()`: a QueryCursor/AggregationCursor (a Readable) holding a
     * server cursor. `eachAsync` consumes it. `[Symbol.asyncDispose]` is declared in
     * `types/cursor.d.ts` l.17; at runtime it is Node's Readable dispose (destroy).
     */
    Cursor: {
      role: 'cursor',
      types: ['Cursor'],
      release: ['close'],
      consumers: ['eachAsync'],
      iterationCloses: true,
      dispose: { symbol: 'asyncDispose', since: 'Node 20.4.0', note: 'declared by mongoose 9 types; runtime is Readable dispose (destroy)' },
    },
  },
};
