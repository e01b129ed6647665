import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { perCatalog, type ShapeRef } from '../catalog/index.js';
import type { ShapeSpec } from '../catalog/types.js';
import { enclosingFunction, isFunction, skipWrappers } from './ast.js';
import { memberKey, type Provenance, type ShapeValue } from './provenance.js';

type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;

/** Roles that must be ended by whoever acquired them. */
export const OWNED_ROLES: ReadonlySet<string> = new Set(['lease', 'connection', 'transaction']);

/**
 * The roles require-release follows. A transaction object (knex `trx`, Sequelize `t`, an mssql
 * `Transaction`) is ended by its commit or rollback, which require-rollback checks on every path.
 */
export const RELEASED_ROLES: ReadonlySet<string> = new Set(['lease', 'connection']);

/** A call that ends a resource held in a variable. */
export interface ReleaseCall {
  readonly call: TSESTree.CallExpression;
  readonly variable: Variable;
  readonly ref: ShapeRef;
  /** the text of the callee, for messages: `client.release`, `done`, `pool.releaseConnection` */
  readonly calleeText: string;
  /** `destroy()`, `release(err)`: the connection is discarded rather than returned */
  readonly discards: boolean;
}

/** Every method name that may end some resource in the catalog: a cheap filter before provenance. */
export const endingMethodNames = perCatalog((catalog): ReadonlySet<string> => {
  const names = new Set<string>();
  for (const driver of catalog.drivers) {
    for (const shape of Object.values(driver.shapes)) {
      for (const list of [shape.release, shape.discard, shape.releasesArgument]) for (const n of list ?? []) names.add(n);
    }
  }
  return names;
});

/** The methods that end a shape (normal and discarding). */
export function endingMethods(shape: ShapeSpec): readonly string[] {
  return [...(shape.release ?? []), ...(shape.discard ?? [])];
}

/**
 * Whether `call` ends a resource: `client.release()` on a proven lease, `pool.releaseConnection(conn)`,
 * or the `done()` a callback-form acquisition passes. A method reference that is not called
 * (`handlers.push(client.release)`) is not a release.
 */
export function classifyReleaseCall(call: TSESTree.CallExpression, provenance: Provenance, names: ReadonlySet<string>): ReleaseCall | null {
  const callee = skipWrappers(call.callee);
  const sourceText = (node: Node): string => provenance.text(node);
  if (callee.type === 'Identifier') {
    const variable = provenance.findVariable(callee);
    if (variable === null) return null;
    // releasers come only from the catalog's callback parameters: no type query for every `f()`
    const value = provenance.variableSyntax(variable);
    if (value?.kind !== 'releaser') return null;
    const lease = releaserLease(variable, provenance);
    if (lease === null) return null;
    return { call, variable: lease, ref: value.ref, calleeText: callee.name, discards: call.arguments.length > 0 };
  }
  if (callee.type !== 'MemberExpression') return null;
  const method = memberKey(callee);
  if (method === null || !names.has(method)) return null;
  const object = skipWrappers(callee.object);
  if (object.type === 'Identifier') {
    const variable = provenance.findVariable(object);
    const value = variable ? provenance.variableShape(variable) : null;
    if (variable !== null && value !== null && !value.promise && endingMethods(value.ref.shape).includes(method)) {
      const discards = (value.ref.shape.discard ?? []).includes(method) || call.arguments.length > 0;
      return { call, variable, ref: value.ref, calleeText: sourceText(callee), discards };
    }
  }
  // pool.releaseConnection(conn) / genericPool.release(resource)
  const owner = provenance.shape(object);
  if (owner !== null && (owner.ref.shape.releasesArgument ?? []).includes(method)) {
    const arg = call.arguments[0] ? skipWrappers(call.arguments[0]) : null;
    if (arg?.type === 'Identifier') {
      const variable = provenance.findVariable(arg);
      if (variable !== null) {
        const value = provenance.variableShape(variable);
        const ref = value?.ref ?? owner.ref;
        return { call, variable, ref, calleeText: sourceText(callee), discards: method === 'destroy' };
      }
    }
  }
  return null;
}

/** The lease parameter that goes with a callback's `done` parameter. */
function releaserLease(releaser: Variable, provenance: Provenance): Variable | null {
  const def = releaser.defs[0];
  if (def?.type !== 'Parameter') return null;
  const fn = def.node as Node;
  if (!isFunction(fn)) return null;
  for (const param of fn.params) {
    if (param.type !== 'Identifier') continue;
    const variable = provenance.findVariable(param);
    const value = variable ? provenance.variableShape(variable) : null;
    if (variable !== null && value?.scoped === 'callback') return variable;
  }
  return null;
}

/** How a release inside a nested function relates to the function that holds the resource. */
export type AnchorKind =
  /** `.finally(() => release())`: runs on every outcome */
  | 'finally'
  /** a callback of a driver call (query callbacks run on success and on error) or an IIFE */
  | 'always'
  /** `.then(() => release())` or `.catch(…)`, an `'end'` listener, a timer: may never run */
  | 'maybe'
  /** `.catch(() => release())`, an `'error'` listener: only on failure */
  | 'failure'
  /** anything else: the closure owns the resource now */
  | 'captured';

export interface Anchor {
  /** the call in the holding function that receives the nested function */
  readonly node: TSESTree.CallExpression | TSESTree.NewExpression;
  readonly kind: AnchorKind;
  /** the event name, for listeners */
  readonly event?: string;
}

const SUCCESS_EVENTS = new Set(['end', 'finish', 'done', 'result', 'data']);
const ALWAYS_EVENTS = new Set(['close']);
const FAILURE_EVENTS = new Set(['error']);
const TIMERS = new Set(['setTimeout', 'setImmediate', 'setInterval', 'queueMicrotask', 'requestIdleCallback']);

/**
 * For a node inside nested functions of `holder`, the call in `holder` that the outermost nested
 * function is passed to, and what that means for a release inside it.
 */
export function anchorIn(node: Node, holder: Node, provenance: Provenance): Anchor | null {
  let fn = enclosingFunction(node);
  let kind: AnchorKind = 'always';
  let event: string | undefined;
  while (fn !== null && fn !== holder) {
    const parent = (fn as Node).parent;
    let call: TSESTree.CallExpression | TSESTree.NewExpression;
    if ((parent?.type === 'CallExpression' || parent?.type === 'NewExpression') && parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
      call = parent;
      const step = classifyCallbackSite(parent, fn, provenance);
      kind = weaker(kind, step.kind);
      event = step.event ?? event;
    } else if (parent?.type === 'CallExpression' && parent.callee === fn) {
      call = parent; // IIFE
    } else {
      return null;
    }
    const outer = enclosingFunction(call);
    if (outer === holder || (outer === null && holder.type === 'Program')) return { node: call, kind, event };
    fn = outer;
  }
  return null;
}

function classifyCallbackSite(call: TSESTree.CallExpression | TSESTree.NewExpression, fn: TSESTree.FunctionLike, provenance: Provenance): { kind: AnchorKind; event?: string } {
  const callee = skipWrappers(call.callee);
  if (callee.type === 'Identifier' && TIMERS.has(callee.name)) return { kind: 'maybe' };
  // `await new Promise((resolve) => conn.destroy(resolve))`: the executor runs at once
  if (call.type === 'NewExpression' && callee.type === 'Identifier' && callee.name === 'Promise' && call.arguments[0] === fn) return { kind: 'always' };
  if (callee.type !== 'MemberExpression') return { kind: 'captured' };
  const method = memberKey(callee);
  const index = call.arguments.indexOf(fn as TSESTree.CallExpressionArgument);
  switch (method) {
    case 'finally':
      return { kind: 'finally' };
    case 'then':
      return { kind: index === 1 ? 'failure' : 'maybe' };
    case 'catch':
      return { kind: 'failure' };
    case 'on':
    case 'once':
    case 'addListener':
    case 'addEventListener': {
      const name = call.arguments[0];
      const event = name?.type === 'Literal' && typeof name.value === 'string' ? name.value : undefined;
      if (event !== undefined && ALWAYS_EVENTS.has(event)) return { kind: 'always', event };
      if (event !== undefined && FAILURE_EVENTS.has(event)) return { kind: 'failure', event };
      if (event !== undefined && SUCCESS_EVENTS.has(event)) return { kind: 'maybe', event };
      return { kind: 'captured', event };
    }
    default: {
      // a driver call's own callback (`conn.query(sql, (err, rows) => …)`) runs on success and on error
      const receiver: ShapeValue | null = provenance.shape(callee.object);
      return { kind: receiver !== null ? 'always' : 'captured' };
    }
  }
}

const ORDER: readonly AnchorKind[] = ['always', 'finally', 'maybe', 'failure', 'captured'];

function weaker(a: AnchorKind, b: AnchorKind): AnchorKind {
  return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
}
