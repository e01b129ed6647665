import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { ShapeSpec } from '../catalog/types.js';
import { isFunction, isInside, memberKey, skipWrappers, walkSubtree } from './ast.js';

type Node = TSESTree.Node;

/**
 * The syntactic exception-safety check. Code path analysis has no edges for calls that throw
 * outside a `try`, so "released even when something throws" is decided from the syntax: the
 * release sits in the `finally` of a `try` that covers every use after the acquisition (and
 * nothing that can throw runs between the acquisition and that `try`, or before the release inside
 * the `finally`), or it is `.finally(() => release())`, or the resource is bound with `using`.
 */

/** The `try` whose `finally` block contains `node` (innermost), if any. */
export function enclosingFinally(node: Node, limit: Node): TSESTree.TryStatement | null {
  let current: Node | undefined = node;
  while (current && current !== limit) {
    const parent: Node | undefined = current.parent;
    if (parent?.type === 'TryStatement' && parent.finalizer === current) return parent;
    if (isFunction(current)) return null;
    current = parent;
  }
  return null;
}

/** Whether `node` lies in a `catch` clause (between it and `limit`). */
export function inCatchClause(node: Node, limit: Node): boolean {
  let current: Node | undefined = node;
  while (current && current !== limit) {
    if (current.type === 'CatchClause') return true;
    if (isFunction(current)) return false;
    current = current.parent;
  }
  return false;
}

/** Whether a subtree can throw on its own: it calls, awaits, constructs, or throws (nested functions aside). */
export function mayThrow(node: Node, ignore: ReadonlySet<Node> = new Set()): boolean {
  let found = false;
  walkSubtree(node, (n) => {
    if (found || ignore.has(n)) return false;
    if (THROWING.has(n.type)) found = true;
    return !found;
  });
  return found;
}

const THROWING = new Set(['CallExpression', 'AwaitExpression', 'NewExpression', 'ThrowStatement', 'YieldExpression', 'TaggedTemplateExpression']);

/** A call the caller knows leaks nothing when it fails (a lazy lease's `connect()`: the lease begins there). */
export type SafeCall = (call: TSESTree.CallExpression) => boolean;

/**
 * The calls of its shape's `lazy` methods on `variable` (`qr.connect()`, `cursor.next()`), in source
 * order: a lazy lease or cursor holds nothing until the first of them, so their failure leaks nothing.
 */
export function lazyOpenings(variable: TSESLint.Scope.Variable, shape: ShapeSpec): TSESTree.CallExpression[] {
  const lazy = new Set(shape.lazy ?? []);
  if (lazy.size === 0) return [];
  const calls: TSESTree.CallExpression[] = [];
  for (const reference of variable.references) {
    const member = reference.identifier.parent;
    if (member?.type !== 'MemberExpression' || member.object !== reference.identifier || !lazy.has(memberKey(member) ?? '')) continue;
    let callee: TSESTree.Node = member;
    while (callee.parent !== undefined && callee.parent.type !== 'CallExpression' && skipWrappers(callee.parent) === member) callee = callee.parent;
    const call = callee.parent;
    if (call?.type === 'CallExpression' && call.callee === callee) calls.push(call);
  }
  return calls.sort((a, b) => a.range[0] - b.range[0]);
}

/**
 * Whether a statement between an acquisition and its release can throw in practice. Like
 * {@link mayThrow}, but these do not count: a promise whose rejection is handled and not awaited
 * (`pool.query(…).catch(log)`), listener registration (`client.on('error', …)`), logging
 * (`console.*`, `logger.*`), metrics (`metrics.*`, `statsd.*`), and calls the caller names safe. Property reads and writes never count.
 */
export function mayThrowInPractice(node: Node, safe: SafeCall = () => false): boolean {
  let found = false;
  walkSubtree(node, (n) => {
    if (found) return false;
    if (n.type === 'AwaitExpression' && n.argument.type === 'CallExpression' && harmlessCall(n.argument, safe)) return false;
    if (n.type === 'CallExpression' && harmlessCall(n, safe)) return false;
    if (THROWING.has(n.type)) found = true;
    return !found;
  });
  return found;
}

/**
 * Whether a statement can fail asynchronously or throws explicitly: an `await` (or `for await`) of
 * something other than a harmless or safe call, or a `throw`. Used where synchronous code between
 * two points is not worth a finding (a factory's setup before it returns what it made).
 */
export function mayRejectOrThrow(node: Node, safe: SafeCall = () => false): boolean {
  let found = false;
  walkSubtree(node, (n) => {
    if (found) return false;
    if (n.type === 'AwaitExpression') found = !(n.argument.type === 'CallExpression' && harmlessCall(n.argument, safe));
    else if (n.type === 'ThrowStatement' || (n.type === 'ForOfStatement' && n.await)) found = true;
    return !found;
  });
  return found;
}

const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'removeListener', 'removeAllListeners', 'off', 'setMaxListeners']);

function harmlessCall(call: TSESTree.CallExpression, safe: SafeCall): boolean {
  if (safe(call)) return true;
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return false;
  const method = callee.property.name;
  if (LISTENER_METHODS.has(method)) return true;
  // `p.catch(handler)` not awaited: the rejection is handled, nothing propagates to the caller
  if (method === 'catch' && call.arguments.length > 0 && call.parent?.type === 'ExpressionStatement') return true;
  // logging and metrics (`logger.info(…)`, `metrics.getHistogram(name).record(ms)`): instrumentation does not throw
  let root: Node = callee.object;
  while (root.type === 'MemberExpression' || root.type === 'CallExpression') root = root.type === 'MemberExpression' ? root.object : root.callee;
  return root.type === 'Identifier' && /^(?:console|logger|log|debug|metrics|statsd)$/u.test(root.name);
}


/** The statement that holds `node` directly inside `block`'s statement list, if any. */
export function statementIn(node: Node, block: { body: readonly Node[] }): Node | null {
  for (const statement of block.body) if (isInside(node, statement)) return statement;
  return null;
}

export interface FinallyCoverage {
  /** the `try` whose `finally` releases */
  readonly tryStatement: TSESTree.TryStatement;
  /** something in the `finally` before the release can throw (an awaited `COMMIT`) */
  readonly throwsBeforeRelease: Node | null;
  /** the acquisition is inside the `try` block, so the release runs even when acquiring failed */
  readonly acquiredInside: boolean;
}

/**
 * Whether a release in a `finally` protects every use: the `try` block contains every use after
 * the acquisition, and nothing between the acquisition and the `try` can throw.
 */
export function finallyCoverage(
  release: TSESTree.CallExpression,
  acquisition: Node,
  uses: readonly Node[],
  holder: Node,
  safe?: SafeCall,
): FinallyCoverage | null {
  const tryStatement = enclosingFinally(release, holder);
  if (tryStatement === null) return null;
  const acquiredInside = isInside(acquisition, tryStatement.block);
  for (const use of uses) {
    if (use.range[0] <= acquisition.range[1]) continue;
    if (isInside(use, tryStatement)) continue;
    // a use between the acquisition and the `try` is part of the gap, which must not throw (below)
    if (!acquiredInside && use.range[1] < tryStatement.range[0]) continue;
    return null;
  }
  if (!acquiredInside && tryStatement.range[0] < acquisition.range[0]) return null;
  if (!acquiredInside && gapMayThrow(acquisition, tryStatement, safe)) return null;
  const finalizer = tryStatement.finalizer!;
  let throwsBeforeRelease: Node | null = null;
  for (const statement of finalizer.body) {
    if (isInside(release, statement)) break;
    if (statement.type === 'TryStatement' && statement.handler) continue;
    if (mayThrowInPractice(statement, safe)) {
      throwsBeforeRelease = statement;
      break;
    }
  }
  return { tryStatement, throwsBeforeRelease, acquiredInside };
}

/** Statements between the acquiring statement and a later `try` in the same block that may throw. */
function gapMayThrow(acquisition: Node, tryStatement: TSESTree.TryStatement, safe?: SafeCall): boolean {
  const block = tryStatement.parent;
  if (block === undefined || !('body' in block) || !Array.isArray(block.body)) return true;
  const statements = block.body as Node[];
  const start = statements.findIndex((s) => isInside(acquisition, s));
  const end = statements.indexOf(tryStatement);
  if (start < 0 || end < 0) return true;
  return statements.slice(start + 1, end).some((s) => mayThrowInPractice(s, safe));
}

/**
 * Whether a release in a `catch` protects every use: the `try` block contains every use after the
 * acquisition, and nothing between the acquisition and the `try` can throw. With a release on the
 * normal path as well (checked by the caller), every outcome of the `try` releases.
 */
export function catchCoverage(release: TSESTree.CallExpression, acquisition: Node, uses: readonly Node[], holder: Node, safe?: SafeCall): TSESTree.TryStatement | null {
  let tryStatement: TSESTree.TryStatement | null = null;
  for (let current: Node | undefined = release; current && current !== holder; current = current.parent) {
    if (current !== release && isFunction(current)) return null;
    if (current.type === 'CatchClause') {
      tryStatement = current.parent;
      break;
    }
  }
  if (tryStatement === null) return null;
  const acquiredInside = isInside(acquisition, tryStatement.block);
  for (const use of uses) {
    if (use.range[0] <= acquisition.range[1]) continue;
    if (!acquiredInside && use.range[1] < tryStatement.range[0]) continue; // in the gap, checked below
    if (!isInside(use, tryStatement.block) && !isInside(use, tryStatement.handler!)) return null;
  }
  if (!acquiredInside && tryStatement.range[0] < acquisition.range[0]) return null;
  if (!acquiredInside && gapMayThrow(acquisition, tryStatement, safe)) return null;
  // an awaited `ROLLBACK` before the release in the `catch` can throw and skip it
  for (const statement of tryStatement.handler!.body.body) {
    if (isInside(release, statement)) break;
    if (awaits(statement)) return null;
  }
  return tryStatement;
}

/** Whether a subtree awaits (nested functions aside). */
function awaits(node: Node): boolean {
  let found = false;
  walkSubtree(node, (n) => {
    if (n.type === 'AwaitExpression' || (n.type === 'ForOfStatement' && n.await)) found = true;
    return !found;
  });
  return found;
}
