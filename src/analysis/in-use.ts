import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { ShapeSpec } from '../catalog/types.js';
import { enclosingFunction, isFunction, isInside, promiseStaticMethod, skipWrappers } from './ast.js';
import { enclosingFinally } from './exception-safety.js';
import { memberKey, type Provenance, type ShapeValue } from './provenance.js';

type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;

/**
 * "Released while still in use": a release that runs while work started on the lease has not
 * finished — a query promise that is not awaited, or a cursor or stream obtained from the lease that
 * is neither consumed nor closed. These are syntactic checks; they stay silent whenever the code
 * awaits or closes the work in any recognisable way (precision first).
 */

const CHAIN_METHODS = new Set(['then', 'catch', 'finally']);
const COMBINATORS = new Set(['all', 'allSettled', 'race', 'any']);

/** A call on the lease, `client.query(…)`: the method's name when it is one of the shape's queries. */
export function queryMethod(call: TSESTree.CallExpression, variable: Variable, shape: ShapeSpec, provenance: Provenance): string | null {
  const callee = skipWrappers(call.callee);
  if (callee.type !== 'MemberExpression') return null;
  const object = skipWrappers(callee.object);
  if (object.type !== 'Identifier' || provenance.findVariable(object) !== variable) return null;
  const method = memberKey(callee);
  return method !== null && (shape.queries ?? []).includes(method) ? method : null;
}

/**
 * Whether a query call produces a promise that runs on its own: no callback argument (callback
 * forms report through the callback), and not a cursor or handle the catalog knows (those are
 * checked as cursors).
 */
export function isPromiseQuery(call: TSESTree.CallExpression, provenance: Provenance): boolean {
  if (call.arguments.some((a) => isFunction(a)) || (call.arguments.length > 1 && provenance.hasCallback(call))) return false;
  return provenance.shape(call) === null;
}

/**
 * How a promise-producing expression is left: `awaited` (an `await`, `for await`, or `yield` takes
 * it), `returned` (returned or an arrow's body, not awaited here), `floating` (an expression
 * statement, or `void`), or `other` (stored, passed on: unknown, so silent).
 */
export function promiseFate(expression: Node): 'awaited' | 'returned' | 'floating' | 'other' {
  let node = expression;
  for (;;) {
    const parent = node.parent;
    if (parent === undefined) return 'other';
    switch (parent.type) {
      case 'AwaitExpression':
        return 'awaited';
      case 'YieldExpression':
        return 'awaited';
      case 'ChainExpression':
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSSatisfiesExpression':
        node = parent;
        continue;
      case 'MemberExpression': {
        // `query(…).then(…)`: the chain's fate
        const call = parent.parent;
        const method = memberKey(parent);
        if (parent.object === node && method !== null && CHAIN_METHODS.has(method) && call?.type === 'CallExpression' && call.callee === parent) {
          node = call;
          continue;
        }
        return 'other';
      }
      case 'ArrayExpression': {
        // `Promise.all([a, b])`
        const call = parent.parent;
        if (call?.type === 'CallExpression' && call.arguments[0] === parent && isPromiseCombinator(call)) {
          node = call;
          continue;
        }
        return 'other';
      }
      case 'ReturnStatement':
        return 'returned';
      case 'ArrowFunctionExpression':
        return parent.body === node ? 'returned' : 'other';
      case 'ExpressionStatement':
        return 'floating';
      case 'UnaryExpression':
        return parent.operator === 'void' ? 'floating' : 'other';
      default:
        return 'other';
    }
  }
}

function isPromiseCombinator(call: TSESTree.CallExpression): boolean {
  return COMBINATORS.has(promiseStaticMethod(call) ?? '');
}

/** A query whose promise is still pending when a release runs. */
export interface PendingQuery {
  readonly call: TSESTree.CallExpression;
  readonly method: string;
}

/**
 * `try { return client.query(q) } finally { client.release() }`: queries on the lease in the `try`
 * block (or its `catch`) whose promise is returned without `await`, so the `finally` releases the
 * lease before they finish.
 */
export function pendingInTry(release: TSESTree.CallExpression, variable: Variable, shape: ShapeSpec, provenance: Provenance): PendingQuery[] {
  const holder = enclosingFunction(release);
  const tryStatement = enclosingFinally(release, holder ?? release);
  if (tryStatement === null) return [];
  const found: PendingQuery[] = [];
  for (const reference of variable.references) {
    const id = reference.identifier as Node;
    if (!isInside(id, tryStatement.block) && !(tryStatement.handler && isInside(id, tryStatement.handler))) continue;
    if (enclosingFunction(id) !== holder) continue;
    const member = id.parent;
    const call = member?.parent;
    if (member?.type !== 'MemberExpression' || call?.type !== 'CallExpression' || call.callee !== member) continue;
    const method = queryMethod(call, variable, shape, provenance);
    if (method === null || (shape.queryResult ?? 'promise') !== 'promise' || !isPromiseQuery(call, provenance)) continue;
    if (promiseFate(call) === 'returned') found.push({ call, method });
  }
  return found;
}

/** A cursor or stream obtained from the lease that is still open when the lease is released. */
export interface OpenCursor {
  /** the call on the lease that made it: `client.query(new Cursor(…))`, `conn.queryStream(…)` */
  readonly call: TSESTree.CallExpression;
  readonly value: ShapeValue;
}

/**
 * Cursors and streams made from the lease (through `submits` or `produces`) before `release` that are
 * neither consumed nor closed before it: no `close()`/`destroy()`/consumer call, no `for await`, no
 * awaited call or promise that takes them (`await pipeline(stream, res)`, `await finished(stream)`).
 */
export function openCursorsAt(release: TSESTree.CallExpression, variable: Variable, provenance: Provenance): OpenCursor[] {
  const holder = enclosingFunction(release);
  const found: OpenCursor[] = [];
  for (const reference of variable.references) {
    const id = reference.identifier as Node;
    const member = id.parent;
    const call = member?.parent;
    if (member?.type !== 'MemberExpression' || member.object !== id || call?.type !== 'CallExpression' || call.callee !== member) continue;
    if (enclosingFunction(call) !== holder || !runsBefore(call, release)) continue;
    let expression: Node = call;
    let value = provenance.shape(call);
    if (value?.promise && call.parent?.type === 'AwaitExpression') {
      expression = call.parent;
      value = provenance.shape(call.parent);
    }
    if (value === null || value.promise || value.ref.shape.role !== 'cursor') continue;
    // A cursor bound to a variable that is only ever read by method calls (`cursor.read(100)`) and
    // never finished is require-cursor-close's "never closed", reported there; here remain the
    // cursors finished too late and the ones handed to a pipe or listener before the release.
    if (onlyReadInPlace(expression, value, provenance) && !finishedBefore(expression, call, value, END_OF_FILE, provenance)) continue;
    if (!finishedBefore(expression, call, value, release, provenance)) found.push({ call, value });
  }
  return found;
}

/** The cursor is bound to a variable whose every later use is a plain method call on it (no pipe, listener, argument or return). */
function onlyReadInPlace(expression: Node, value: ShapeValue, provenance: Provenance): boolean {
  const parent = expression.parent;
  if (parent?.type !== 'VariableDeclarator' || parent.init !== expression || parent.id.type !== 'Identifier') return false;
  const variable = provenance.findVariable(parent.id);
  if (variable === null) return false;
  return variable.references.every((r) => {
    if (r.init) return true;
    const id = r.identifier as Node;
    const member = id.parent;
    if (member?.type !== 'MemberExpression' || member.object !== id || member.parent?.type !== 'CallExpression') return false;
    const method = memberKey(member);
    return method !== null && !LISTEN.has(method) && method !== 'pipe' && !(value.ref.shape.release ?? []).includes(method);
  });
}

/** A position after everything: "finished anywhere" is "finished before the end of the file". */
const END_OF_FILE = { range: [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] } as unknown as Node;

/** `a` runs before `b` on the way to it: `b` is in a later statement of a block holding `a`, or in the `finally` of a `try` holding `a`. */
function runsBefore(a: Node, b: Node): boolean {
  if (a.range[1] > b.range[0]) return false;
  let child: Node = a;
  for (let node: Node | undefined = a.parent; node !== undefined; child = node, node = node.parent) {
    if (isFunction(node)) return false;
    if (node.type === 'BlockStatement' || node.type === 'Program' || node.type === 'StaticBlock') {
      const body = node.body as Node[];
      const index = body.indexOf(child);
      if (body.slice(index + 1).some((s) => isInside(b, s))) return true;
    }
    if (node.type === 'TryStatement' && node.finalizer !== null && child !== node.finalizer && isInside(b, node.finalizer)) return true;
  }
  return false;
}

function finishedBefore(expression: Node, call: TSESTree.CallExpression, value: ShapeValue, release: Node, provenance: Provenance): boolean {
  if (finishes(expression, value.ref.shape, release)) return true;
  const candidates: Variable[] = [];
  const parent = expression.parent;
  if (parent?.type === 'VariableDeclarator' && parent.init === expression && parent.id.type === 'Identifier') {
    const v = provenance.findVariable(parent.id);
    if (v !== null) candidates.push(v);
  }
  // `const cursor = new Cursor(q); client.query(cursor)`
  for (const arg of call.arguments) {
    const inner = skipWrappers(arg);
    if (inner.type !== 'Identifier') continue;
    const v = provenance.findVariable(inner);
    if (v !== null && provenance.variableShape(v)?.ref.shape.role === 'cursor') candidates.push(v);
  }
  if (parent?.type !== 'VariableDeclarator' && parent?.type !== 'ExpressionStatement' && candidates.length === 0) {
    // used in place (`client.query(new QueryStream(q)).pipe(res)`) and not awaited: still running
    return false;
  }
  return candidates.some((v) =>
    v.references.some((r) => {
      const id = r.identifier as Node;
      return !r.init && id.range[1] <= release.range[0] && finishes(id, value.ref.shape, release);
    }),
  );
}

/** Whether this occurrence of the cursor ends it: closed, consumed, iterated, or handed to an awaited call or promise. */
function finishes(node: Node, shape: ShapeSpec, release: Node): boolean {
  const parent = node.parent;
  if (parent === undefined) return false;
  if (parent.type === 'MemberExpression' && parent.object === node) {
    const method = memberKey(parent);
    if (parent.parent?.type !== 'CallExpression' || parent.parent.callee !== parent || method === null) return false;
    const ending = [...(shape.release ?? []), ...(shape.discard ?? []), ...(shape.consumers ?? [])];
    if (ending.includes(method)) return true;
    // `await new Promise((resolve) => stream.on('end', resolve))`
    return LISTEN.has(method) && awaitedAround(parent.parent, release, true);
  }
  if ((parent.type === 'ForOfStatement' || parent.type === 'ForInStatement') && parent.right === node) return true;
  // an awaited call that takes it: `await pipeline(stream, res)`, `await finished(stream)`
  return awaitedAround(node, release, false);
}

const LISTEN = new Set(['on', 'once', 'addListener']);

function awaitedAround(node: Node, release: Node, needsExecutor: boolean): boolean {
  let inExecutor = false;
  for (let n: Node | undefined = node.parent; n !== undefined && !isInside(release, n); n = n.parent) {
    if (n.type === 'AwaitExpression') return !needsExecutor || inExecutor;
    if (isFunction(n)) {
      if (n.parent?.type === 'NewExpression' && n.parent.callee.type === 'Identifier' && n.parent.callee.name === 'Promise') inExecutor = true;
      else return false;
    }
  }
  return false;
}
