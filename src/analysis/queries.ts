import type { TSESTree } from '@typescript-eslint/utils';
import { perCatalog, type Catalog, type ShapeRef } from '../catalog/index.js';
import type { ManagedSpec, ProduceSpec } from '../catalog/types.js';
import { skipWrappers } from './ast.js';
import { evidenceOfQuery } from './evidence.js';
import { memberKey, type Provenance, type ShapeValue } from './provenance.js';

type Node = TSESTree.Node;

/**
 * Query calls: a one-shot query method from the catalog (`ShapeSpec.queries`) called on a proven
 * pool, lease, connection or transaction — `pool.query(…)`, `conn.execute(…)`, `db.raw(…)`,
 * `prisma.$executeRaw\`…\`` — or a tagged template whose tag is itself a query function
 * (`ShapeSpec.taggedQuery`: postgres.js `` sql`…` ``, @vercel/postgres `` sql`…` ``). On a pool these
 * are the managed one-shots: each call acquires and releases a connection for itself.
 */
export interface QueryCall {
  readonly node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression;
  /** what the query runs on */
  readonly receiver: ShapeValue;
  /** the expression that evaluates to the receiver (`pool` in `pool.query(…)`, `sql` in `` sql`…` ``) */
  readonly receiverNode: Node;
  /** the query method (`query`), or null for a tagged template on the query function itself */
  readonly method: string | null;
  /** the node that carries the SQL: the first argument, or the tagged template */
  readonly sql: Node | null;
  /** the call passes a callback (its last argument is or may well be a function): the result comes through it */
  readonly callback: boolean;
}

/** Values a file makes itself, which are not a driver's object whatever their methods are called. */
const OWN_VALUES: ReadonlySet<string> = new Set(['ObjectExpression', 'ArrayExpression', 'ArrowFunctionExpression', 'FunctionExpression', 'ClassExpression', 'NewExpression', 'Literal', 'TemplateLiteral']);

/** Every query method name in the catalog: a cheap filter before provenance. */
export const queryMethodNames = perCatalog((catalog): ReadonlySet<string> => {
  const names = new Set<string>();
  for (const driver of catalog.drivers) for (const shape of Object.values(driver.shapes)) for (const q of shape.queries ?? []) names.add(q);
  return names;
});

/**
 * Whether `node` is a catalog query on a proven receiver (see {@link QueryCall}). Unknown receivers,
 * promises of a receiver (`pool.connect().query`) and methods the catalog does not list give null.
 */
export function classifyQueryCall(
  node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression,
  provenance: Provenance,
  names: ReadonlySet<string> = queryMethodNames(provenance.catalog),
): QueryCall | null {
  if (node.type === 'TaggedTemplateExpression') {
    const tag = skipWrappers(node.tag);
    if (tag.type === 'MemberExpression') {
      const method = memberKey(tag);
      if (method !== null && names.has(method) && tag.object.type !== 'Super') {
        const receiver = provenance.shape(tag.object);
        if (receiver !== null && !receiver.promise && (receiver.ref.shape.queries ?? []).includes(method)) {
          return { node, receiver, receiverNode: tag.object, method, sql: node, callback: false };
        }
      }
    }
    const value = provenance.shape(tag);
    if (value === null || value.promise || value.ref.shape.taggedQuery === undefined) return null;
    return { node, receiver: value, receiverNode: tag, method: null, sql: node, callback: false };
  }
  const callee = skipWrappers(node.callee);
  if (callee.type !== 'MemberExpression' || callee.object.type === 'Super') return null;
  const method = memberKey(callee);
  if (method === null || !names.has(method)) return null;
  const receiver = provenance.shape(callee.object) ?? queryEvidence(callee.object, method, provenance);
  if (receiver === null || receiver.promise || !(receiver.ref.shape.queries ?? []).includes(method)) return null;
  return { node, receiver, receiverNode: callee.object, method, sql: node.arguments[0] ?? null, callback: node.arguments.length > 1 && provenance.hasCallback(node) };
}

/**
 * `context.collections.Orders.insertOne(doc)` on a receiver of unknown origin: a query name that
 * belongs to one shape alone (`evidenceQueries`) says what the receiver is. Not for `this`, nor a
 * receiver the file makes itself (an object literal, `new X()`, a class, a function).
 */
function queryEvidence(receiverNode: Node, method: string, provenance: Provenance): ShapeValue | null {
  const ref = evidenceOfQuery(method, provenance.catalog);
  if (ref === null) return null;
  const receiver = skipWrappers(receiverNode);
  // the mongo shell's global `db` (`db.users.insertOne(…)` in an init script) runs synchronously
  let root: Node = receiver;
  while (root.type === 'MemberExpression' || root.type === 'CallExpression') root = skipWrappers(root.type === 'MemberExpression' ? root.object : root.callee);
  if (root.type === 'Identifier' && provenance.findVariable(root) === null) return null;
  if (receiver.type === 'Identifier') {
    const def = provenance.findVariable(receiver)?.defs[0];
    const init = def?.type === 'Variable' ? def.node.init : null;
    if (def?.type === 'ClassName' || def?.type === 'FunctionName' || (init != null && OWN_VALUES.has(skipWrappers(init).type))) return null;
    // `const query = Model.deleteOne(); query.deleteOne(where)`: a Mongoose Query being configured, not a collection
    const made = init == null ? null : skipWrappers(init.type === 'AwaitExpression' ? init.argument : init);
    if (made?.type === 'CallExpression' && made.callee.type === 'MemberExpression' && evidenceOfQuery(memberKey(made.callee) ?? '', provenance.catalog) !== null) return null;
  } else if (receiver.type !== 'MemberExpression' && receiver.type !== 'CallExpression') {
    // `this.insertOne(doc)`: the class's own method (a repository, or the model itself), not a collection
    return null;
  }
  return { kind: 'shape', ref, promise: false, origin: null, via: 'evidence' };
}

/**
 * Whether a receiver's queries are managed one-shots that may each run on a different connection:
 * a pool, or a pool-level handle that lends leases (`cluster.of(pattern)`).
 */
export function isPoolLike(ref: ShapeRef, catalog: Catalog): boolean {
  if (ref.shape.role === 'pool') return true;
  if (ref.shape.role !== 'handle') return false;
  return (ref.shape.produces ?? []).some((p) => catalog.shape(ref.driver, p.shape)?.shape.role === 'lease');
}

/** The lease a pool lends (`connect` → `PoolClient`), if the catalog has one. */
export function leaseProducer(ref: ShapeRef, catalog: Catalog): ProduceSpec | null {
  return (ref.shape.produces ?? []).find((p) => catalog.shape(ref.driver, p.shape)?.shape.role === 'lease') ?? null;
}

/** The managed transaction helper of a pool (`knex.transaction(cb)`, `sql.begin(cb)`), if the catalog has one. */
export function managedTransaction(ref: ShapeRef): ManagedSpec | null {
  return (ref.shape.managed ?? []).find((m) => m.transaction === true) ?? null;
}

/** `client.query(…)` / `` sql`…` ``: a short text for messages. */
export function queryCallText(query: QueryCall, text: (node: Node) => string): string {
  if (query.node.type === 'TaggedTemplateExpression') return `${text(query.node.tag)}\`…\``;
  return `${text(skipWrappers(query.node.callee))}(…)`;
}

/** How a query delivers its result (`ShapeSpec.queryResult`, default `'promise'`); a callback form never gives a promise. */
export function returnsPromise(query: QueryCall, provenance: Provenance): boolean {
  if (query.callback) return false;
  if ((query.receiver.ref.shape.queryResult ?? 'promise') !== 'promise') return false;
  // `conn.query(sql)` that returns a catalog object (mysql's `Query`, a submitted cursor) is not a promise
  if (query.node.type === 'CallExpression') {
    const produced = provenance.shape(query.node);
    if (produced !== null && !produced.promise) return false;
  }
  return true;
}

/**
 * Statements that change the session rather than read or write data: they only make sense on a
 * connection that is kept for what follows (`SET`, `RESET`, `LISTEN`, `UNLISTEN`, `LOCK`,
 * `PREPARE`, `DECLARE`, `DISCARD`, MySQL `USE`, `CREATE TEMPORARY TABLE`).
 */
export function isSessionStatement(sql: string): boolean {
  const text = sql.replace(/^(?:\s+|--[^\n]*\n?|\/\*[\s\S]*?\*\/)*/u, '').toLowerCase();
  return /^(?:set|reset|listen|unlisten|lock|prepare|declare|discard|use)\b/u.test(text) || /^create\s+(?:(?:global|local)\s+)?temp(?:orary)?\b/u.test(text);
}
