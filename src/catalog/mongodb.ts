import type { DriverSpec, LimitSetting, ShapeSpec } from './types.js';

/**
 * MongoClient settings (`mongodb/node-mongodb-native:src/connection_string.ts`): `maxPoolSize` 100,
 * `maxIdleTimeMS` 0 (never), `waitQueueTimeoutMS` 0 (wait for ever). The driver has no
 * maximum-lifetime setting. Options are the second argument (`new MongoClient(uri, opts)`).
 */
export const mongodbPoolLimits: readonly LimitSetting[] = [
  { kind: 'acquireTimeout', path: ['waitQueueTimeoutMS'], default: 0, unbounded: [0], suggested: 5000, unit: 'ms' },
  { kind: 'maxSize', path: ['maxPoolSize'], default: 100, suggested: 100, unit: 'connections' },
  { kind: 'idleTimeout', path: ['maxIdleTimeMS'], default: 0, unbounded: [0], suggested: 60000, unit: 'ms' },
];

/**
 * `Symbol.asyncDispose` on MongoClient, ClientSession, AbstractCursor and ChangeStream
 * (`mongodb.d.ts` l.122, 1155, 2317, 5745): experimental in 6.9.0 through `mongodb/beta`
 * (PR #4177), part of the main driver since 7.0.0 (PR #4719).
 */
const asyncDispose = { symbol: 'asyncDispose', since: '7.0.0' } as const;

/**
 * A server cursor: open until exhausted, closed, or timed out by the server (never, with
 * `noCursorTimeout`). `toArray()`, exhaustion and any `for await` exit close it
 * (`src/cursor/abstract_cursor.ts` l.470–506); so does `client.close()`.
 */
/** Collection writes whose names no other kind of Node database client uses (Mongoose models share them). */
const collectionWrites = ['insertOne', 'insertMany', 'updateOne', 'updateMany', 'replaceOne', 'deleteOne', 'deleteMany', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndReplace', 'bulkWrite'];

const cursor: ShapeSpec = {
  role: 'cursor',
  release: ['close'],
  consumers: ['toArray', 'forEach'],
  // the command is sent on the first read (`AbstractCursor` initializes lazily): an unread cursor holds
  // no server cursor, so the builders before it leak nothing when they throw
  lazy: ['next', 'tryNext', 'hasNext', 'toArray', 'forEach', 'readBufferedDocuments', 'explain'],
  iterationCloses: true,
  produces: [{ method: 'stream', shape: 'CursorStream' }],
  dispose: asyncDispose,
};

/** Builder methods that return the same cursor (`find().sort().limit()`), from mongodb.d.ts. */
const commonBuilders = ['addCursorFlag', 'batchSize', 'maxTimeMS', 'map', 'withReadConcern', 'withReadPreference'];
const findCursorBuilders = [
  ...commonBuilders,
  ...['allowDiskUse', 'collation', 'comment', 'filter', 'hint', 'limit', 'max', 'maxAwaitTimeMS', 'min', 'project', 'returnKey', 'showRecordId', 'skip', 'sort'],
];
const aggregationCursorBuilders = [
  ...commonBuilders,
  ...['addStage', 'geoNear', 'group', 'limit', 'lookup', 'match', 'out', 'project', 'redact', 'skip', 'sort', 'unwind'],
];
const sameCursor = (shape: string, methods: readonly string[]) => methods.map((method) => ({ method, shape }));

export const mongodb: DriverSpec = {
  id: 'mongodb',
  title: 'MongoDB Node.js driver',
  checkedAgainst: { mongodb: '7.9.0' },
  modules: ['mongodb'],
  exports: [
    { path: ['MongoClient'], via: 'new', shape: 'MongoClient' },
    { path: ['MongoClient', 'connect'], via: 'call', shape: 'MongoClient', awaited: true },
  ],
  shapes: {
    /** `close()` also closes tracked active cursors (`src/mongo_client.ts` l.773). */
    MongoClient: {
      role: 'pool',
      types: ['MongoClient'],
      // `connect(): Promise<this>` (`mongodb.d.ts`, class MongoClient)
      open: ['connect'],
      openResolvesToSelf: true,
      release: ['close'],
      produces: [
        { method: 'startSession', shape: 'ClientSession' },
        { method: 'db', shape: 'Db' },
        { method: 'watch', shape: 'ChangeStream' },
      ],
      // "The session will always be ended" (`mongodb.d.ts` l.5870–5879); `withSession(opts, cb)` too
      managed: [{ method: 'withSession', scopeParam: 0, scopeShape: 'ClientSession' }],
      dispose: { ...asyncDispose, note: 'closes the client; experimental since 6.9.0 through mongodb/beta' },
      lifetime: 'single',
      limits: { optionsArgument: 1, settings: mongodbPoolLimits },
    },
    /** `endSession()` "Frees any client-side resources … If a session is in a transaction, the transaction is aborted". */
    ClientSession: {
      role: 'lease',
      types: ['ClientSession'],
      // `inTransaction(): boolean` and the `hasEnded` getter read the state (mongodb.d.ts, class ClientSession)
      statusMethods: ['inTransaction'],
      release: ['endSession'],
      asyncRelease: ['endSession'],
      // retries the callback; every operation needs `{ session }`; no `Promise.all` inside
      managed: [{ method: 'withTransaction', scopeParam: 0, scopeShape: 'ClientSession', transaction: true }],
      transaction: {
        begin: ['startTransaction'],
        commit: ['commitTransaction'],
        rollback: ['abortTransaction'],
        releaseWhileOpen: 'rolls-back',
      },
      dispose: { ...asyncDispose, note: 'ends the session, aborting an uncommitted transaction' },
    },
    Db: {
      role: 'handle',
      types: ['Db'],
      produces: [
        { method: 'collection', shape: 'Collection' },
        { method: 'aggregate', shape: 'AggregationCursor' },
        { method: 'listCollections', shape: 'ListCollectionsCursor' },
        { method: 'watch', shape: 'ChangeStream' },
      ],
    },
    /**
     * Each operation checks a connection out of the client's pool for itself and returns a promise
     * (`Collection` in `mongodb.d.ts`; callbacks were removed in 5.0, so `op(…, cb)` is a 4.x call).
     */
    Collection: {
      role: 'handle',
      types: ['Collection'],
      queries: [...collectionWrites, 'findOne', 'countDocuments', 'estimatedDocumentCount', 'distinct', 'count', 'createIndex', 'createIndexes', 'dropIndex', 'dropIndexes', 'drop', 'rename', 'indexExists', 'indexes'],
      evidenceQueries: [...collectionWrites, 'countDocuments', 'estimatedDocumentCount'],
      produces: [
        { method: 'find', shape: 'FindCursor' },
        { method: 'aggregate', shape: 'AggregationCursor' },
        { method: 'listIndexes', shape: 'ListIndexesCursor' },
        { method: 'watch', shape: 'ChangeStream' },
      ],
    },
    FindCursor: { ...cursor, types: ['FindCursor'], produces: [...cursor.produces!, ...sameCursor('FindCursor', findCursorBuilders)] },
    AggregationCursor: {
      ...cursor,
      types: ['AggregationCursor'],
      produces: [...cursor.produces!, ...sameCursor('AggregationCursor', aggregationCursorBuilders)],
    },
    ListCollectionsCursor: { ...cursor, types: ['ListCollectionsCursor'] },
    ListIndexesCursor: { ...cursor, types: ['ListIndexesCursor'] },
    ChangeStream: {
      role: 'cursor',
      types: ['ChangeStream'],
      release: ['close'],
      iterationCloses: true,
      produces: [{ method: 'stream', shape: 'CursorStream' }],
      dispose: asyncDispose,
    },
    /** `cursor.stream()`: a Readable over the cursor. */
    CursorStream: {
      role: 'cursor',
      release: ['destroy'],
      iterationCloses: true,
      dispose: { symbol: 'asyncDispose', since: 'Node 20.4.0', note: 'Readable dispose destroys the stream' },
    },
  },
};
