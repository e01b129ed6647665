import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { perCatalog } from '../catalog/index.js';
import type { ShapeSpec } from '../catalog/types.js';
import { isFunction, skipWrappers, walkSubtree } from './ast.js';
import { memberKey, type Provenance, type ShapeValue } from './provenance.js';

type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;

/**
 * Cursor facts shared by the rules (DESIGN.md §2 "cursor"): how a cursor is opened (a call or `new`
 * the catalog says produces a `cursor` shape, or a property of an awaited result), and what ends
 * it: its `release`/`discard` methods (`close`, `destroy`, `return`), its `consumers` (`toArray`),
 * iteration with `for await`/`for…of`, `pipeline()`, or a loop that reads it to exhaustion.
 */

/** Node stream methods that hand a Readable's data (and its end) to someone else: the stream is consumed elsewhere. */
export const STREAM_HAND_OFF_METHODS: ReadonlySet<string> = new Set(['pipe', 'on', 'once', 'addListener', 'prependListener', 'resume']);

/** The methods that close a cursor shape (its release and discard methods). */
export function closingMethods(shape: ShapeSpec): readonly string[] {
  return [...(shape.release ?? []), ...(shape.discard ?? [])];
}

/** Property names at which some catalog shape produces a cursor (`resultSet`). */
export const cursorPropertyNames = perCatalog((catalog): ReadonlySet<string> => {
  const names = new Set<string>();
  for (const driver of catalog.drivers) {
    for (const shape of Object.values(driver.shapes)) {
      for (const p of shape.produces ?? []) {
        if (p.property === undefined) continue;
        const ref = catalog.shape(driver, p.shape);
        if (ref?.shape.role === 'cursor') names.add(p.property);
      }
    }
  }
  return names;
});

/** How a cursor-producing call relates to the cursor it returns. */
export interface CursorOpening {
  readonly value: ShapeValue;
  /** the receiver when the cursor was submitted to it (`client.query(new Cursor())`) */
  readonly submittedTo: ShapeValue | null;
  /** the method it was submitted through (`query`) */
  readonly submitMethod: string | null;
}

/**
 * Whether `node` opens a cursor: it resolves to a cursor shape created by this very node. A
 * `new Cursor(…)` passed straight to a submitting method (`client.query(new Cursor(…))`) is not the
 * opening — the submitting call is; a submitting call given a cursor variable is not an opening
 * either (the variable is).
 */
export function cursorOpening(node: TSESTree.CallExpression | TSESTree.NewExpression, provenance: Provenance): CursorOpening | null {
  // opened by this node: from the catalog (a typed call's declared return type makes only leases)
  const value = provenance.createdShape(node);
  if (value === null || value.origin !== node || value.scoped !== undefined || value.ref.shape.role !== 'cursor') return null;
  if (isSubmittedArgument(node, provenance)) return null;
  if (node.type === 'CallExpression') {
    const callee = skipWrappers(node.callee);
    // `c.limit(n)` on a cursor variable: a builder that returns the same cursor, not a new one
    if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier') {
      const receiver = provenance.shape(callee.object);
      if (receiver !== null && receiver.ref.shape === value.ref.shape) return null;
    }
    if (callee.type === 'MemberExpression' && callee.object.type !== 'Super') {
      const method = memberKey(callee);
      const receiver = provenance.shape(callee.object);
      const index = method !== null ? receiver?.ref.shape.submits?.[method] : undefined;
      if (receiver && index !== undefined) {
        const arg = node.arguments[index];
        const argValue = arg ? provenance.shape(arg) : null;
        if (argValue !== null && argValue.ref.shape.role === 'cursor') {
          const inner = skipWrappers(arg!);
          if (inner.type !== 'NewExpression' && inner.type !== 'CallExpression') return null;
          return { value, submittedTo: receiver, submitMethod: method };
        }
      }
    }
  }
  return { value, submittedTo: null, submitMethod: null };
}

/** `new Cursor(…)` as the submitted argument of `client.query(…)`. */
function isSubmittedArgument(node: Node, provenance: Provenance): boolean {
  let current = node;
  while (current.parent && (current.parent.type === 'TSAsExpression' || current.parent.type === 'TSNonNullExpression' || current.parent.type === 'TSSatisfiesExpression')) current = current.parent;
  const call = current.parent;
  if (call?.type !== 'CallExpression' || call.callee === current) return false;
  const callee = skipWrappers(call.callee);
  if (callee.type !== 'MemberExpression' || callee.object.type === 'Super') return false;
  const method = memberKey(callee);
  if (method === null) return false;
  const receiver = provenance.shape(callee.object);
  const index = receiver?.ref.shape.submits?.[method];
  return index !== undefined && call.arguments[index] === current;
}

/** The variable at the root of a receiver chain (`conn` in `conn.query(sql).stream()`), when it holds a lease or connection. */
export function sourceLease(opening: Node, provenance: Provenance): Variable | null {
  let current: Node = opening;
  for (let i = 0; i < 6; i++) {
    const inner = skipWrappers(current);
    let next: Node | null = null;
    if (inner.type === 'CallExpression') {
      const callee = skipWrappers(inner.callee);
      if (callee.type === 'MemberExpression') next = callee.object;
    } else if (inner.type === 'AwaitExpression') {
      next = inner.argument;
    } else if (inner.type === 'MemberExpression') {
      next = inner.object;
    } else if (inner.type === 'Identifier') {
      const variable = provenance.findVariable(inner);
      const value = variable ? provenance.variableShape(variable) : null;
      return value !== null && (value.ref.shape.role === 'lease' || value.ref.shape.role === 'connection') ? variable : null;
    }
    if (next === null) return null;
    current = next;
  }
  return null;
}

/** Whether a loop reads `variable` in its test or update (`while ((rows = await cursor.read(100)).length)`). */
export function readsInLoopHead(loop: TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement, variable: Variable): boolean {
  const head: Node[] = [];
  if (loop.test) head.push(loop.test);
  if (loop.type === 'ForStatement' && loop.update) head.push(loop.update);
  if (loop.type === 'ForStatement' && loop.init) head.push(loop.init);
  return variable.references.some((r) => head.some((h) => r.identifier.range[0] >= h.range[0] && r.identifier.range[1] <= h.range[1]));
}

/** Whether a loop can be left before its test fails: a `break` for it, a `return` or a `throw` in its body (nested functions aside). */
export function loopCanExitEarly(loop: TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement): boolean {
  let found = false;
  const visit = (n: Node, loopDepth: number, switchDepth: number): void => {
    if (found) return;
    if (isFunction(n)) return;
    switch (n.type) {
      case 'ReturnStatement':
      case 'ThrowStatement':
        found = true;
        return;
      case 'BreakStatement':
        if (n.label !== null || (loopDepth === 0 && switchDepth === 0)) found = true;
        return;
      case 'ContinueStatement':
        if (n.label !== null) found = true;
        return;
      default:
        break;
    }
    const isLoop = n.type === 'WhileStatement' || n.type === 'DoWhileStatement' || n.type === 'ForStatement' || n.type === 'ForInStatement' || n.type === 'ForOfStatement';
    for (const key of Object.keys(n) as Array<keyof typeof n>) {
      if (key === 'parent') continue;
      const value = n[key] as unknown;
      const children = Array.isArray(value) ? value : [value];
      for (const child of children) {
        if (typeof child === 'object' && child !== null && typeof (child as { type?: unknown }).type === 'string') {
          visit(child as Node, loopDepth + (isLoop ? 1 : 0), switchDepth + (n.type === 'SwitchStatement' ? 1 : 0));
        }
      }
    }
  };
  visit(loop.body, 0, 0);
  return found;
}

/** `pipeline(…)` / `stream.pipeline(…)` / `promises.pipeline(…)`: Node's stream pipeline, which destroys every stream on error. */
export function isPipelineCall(call: TSESTree.CallExpression): boolean {
  const callee = skipWrappers(call.callee);
  if (callee.type === 'Identifier') return callee.name === 'pipeline';
  return callee.type === 'MemberExpression' && memberKey(callee) === 'pipeline';
}

/** Query-builder steps that make a `.stream()` at the end of their chain a database stream (Knex, TypeORM, Mongoose). */
const BUILDER_STEPS = new Set(['select', 'from', 'where', 'whereIn', 'column', 'columns', 'table', 'orderBy', 'join', 'leftJoin', 'limit', 'find', 'aggregate', 'createQueryBuilder', 'raw']);

/**
 * Whether a `pipeline()` source is a database stream: a cursor by provenance, or `.stream()` at the
 * end of a query-builder chain (`knex('pages').where(…).stream()`), whatever object starts the chain.
 */
export function isDatabaseStreamSource(node: Node, provenance: Provenance): boolean {
  if (provenance.shape(node)?.ref.shape.role === 'cursor') return true;
  const call = skipWrappers(node);
  if (call.type !== 'CallExpression' || call.callee.type !== 'MemberExpression' || memberKey(call.callee) !== 'stream') return false;
  for (let current: Node = call.callee.object; current.type === 'CallExpression' && current.callee.type === 'MemberExpression'; current = current.callee.object) {
    if (BUILDER_STEPS.has(memberKey(current.callee) ?? '')) return true;
  }
  return false;
}

/**
 * A stream step of a `pipeline()` whose async callback calls back only when its `await`s succeed:
 * `new Transform({ transform: async (row, enc, cb) => { await save(row); cb(); } })`. Node ignores
 * the promise such a function returns, so a rejection never reaches `cb(err)`: the pipeline never
 * settles and its source stream keeps its connection. Returns the function, or null.
 */
export function stallingStreamCallback(step: Node): TSESTree.FunctionLike | null {
  const created = skipWrappers(step);
  if (created.type !== 'NewExpression' || created.callee.type !== 'Identifier' || !/^(?:Transform|Writable|Duplex)$/u.test(created.callee.name)) return null;
  const options = created.arguments[0];
  if (options?.type !== 'ObjectExpression') return null;
  for (const property of options.properties) {
    if (property.type !== 'Property' || property.key.type !== 'Identifier' || !['transform', 'write', 'writev', 'final', 'flush'].includes(property.key.name)) continue;
    const fn = property.value;
    if (!isFunction(fn) || !fn.async) continue;
    const callback = fn.params[fn.params.length - 1];
    if (callback?.type !== 'Identifier') continue;
    if (awaitOutsideCallbackCatch(fn, callback.name)) return fn;
  }
  return null;
}

/** An `await` in `fn` (nested functions aside) not inside a `try` whose `catch` mentions `callback`. */
function awaitOutsideCallbackCatch(fn: TSESTree.FunctionLike, callback: string): boolean {
  if (fn.body == null) return false;
  let found = false;
  walkSubtree(fn.body, (n) => {
    if (found) return false;
    if (n.type === 'AwaitExpression' && !guardedByCallbackCatch(n, fn, callback)) found = true;
    return !found;
  });
  return found;
}

function guardedByCallbackCatch(node: Node, fn: Node, callback: string): boolean {
  for (let child: Node = node, current = node.parent; current != null && current !== fn; child = current, current = current.parent) {
    if (current.type === 'TryStatement' && current.block === child && current.handler !== null && mentions(current.handler, callback)) return true;
  }
  return false;
}

function mentions(root: Node, name: string): boolean {
  let found = false;
  walkSubtree(root, (n) => {
    if (n.type === 'Identifier' && n.name === name) found = true;
    return !found;
  });
  return found;
}
