import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isFunction, promiseStaticMethod, skipWrappers } from './ast.js';
import type { PluginSettings } from '../settings.js';
import { memberKey, type Provenance } from './provenance.js';

type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;
type Reference = TSESLint.Scope.Reference;

/**
 * Hand-off analysis: does the function that acquired a resource give it to someone else, who then
 * owns its release? Returned, yielded, resolved, stored on `this` or in outer state, placed in a
 * returned object, or passed to a callee that takes ownership (a same-file function that releases
 * its parameter, or a configured ownership function). Passing it to a callee that only reads it
 * (`log(client)`, `client.query(…)`) is not a hand-off.
 */
export interface OwnershipOptions {
  /** `settings.ownershipFunctions`: names (`withClient`) or member paths (`db.releaseLater`) */
  readonly ownershipFunctions: readonly string[];
  /** release method names of the resource, to recognise same-file functions that release their parameter */
  readonly releaseMethods: ReadonlySet<string>;
  /** finds the variable an identifier refers to */
  readonly findVariable: (node: TSESTree.Identifier) => Variable | null;
  /**
   * Type-aware: whether the callee takes ownership of the argument at `index` (its parameter is typed
   * as a lease and it is documented `@releases <param>` or releases it, in any module). Pass
   * `(call, index) => provenance.takesOwnership(call, index)`; without it only same-file callees and
   * `ownershipFunctions` count.
   */
  readonly takesOwnership?: (call: TSESTree.CallExpression | TSESTree.NewExpression, index: number) => boolean;
  /**
   * Pools and direct connections: any callee they are passed to may keep them (`registry.setup(k)`,
   * `schemaFromDatabase(db)` that ends it, `createAdapter(pub, sub)`), so passing one on is a hand-off.
   * Leases are different: `log(client)` only reads it.
   */
  readonly calleesKeep?: boolean;
}

export type HandOff = { readonly kind: 'returned' | 'yielded' | 'resolved' | 'stored' | 'passed' | 'captured'; readonly node: Node };

/** The ownership options every rule uses: settings, the catalog's release names, and (typed) parameter ownership. */
export function ownershipOptions(provenance: Provenance, settings: PluginSettings, releaseMethods: ReadonlySet<string>): OwnershipOptions {
  return {
    ownershipFunctions: settings.ownershipFunctions,
    releaseMethods,
    findVariable: (node) => provenance.findVariable(node),
    takesOwnership: (call, index) => provenance.takesOwnership(call, index),
  };
}

/** The first hand-off of `variable` within `owner` (the function that acquired it), or null. */
export function findHandOff(variable: Variable, owner: Node, options: OwnershipOptions): HandOff | null {
  return handOffOf(variable, owner, options, new Set(), false);
}

/** `seen`: holder variables already asked about (`a.x = b; b.y = a` must not loop). */
/** `holder`: the variable holds the resource (`const store = new Store({ client })`) rather than being it. */
function handOffOf(variable: Variable, owner: Node, options: OwnershipOptions, seen: Set<Variable>, holder: boolean): HandOff | null {
  seen.add(variable);
  for (const reference of variable.references) {
    if (reference.init || reference.isWriteOnly()) continue;
    const handOff = classifyReference(reference, owner, options, seen, holder);
    if (handOff !== null) return handOff;
  }
  return null;
}

function classifyReference(reference: Reference, owner: Node, options: OwnershipOptions, seen: Set<Variable>, holder: boolean): HandOff | null {
  const direct = climb(reference.identifier, holder ? 'holder' : 'value', owner, options, seen);
  if (direct !== null) return direct;
  // a closure that uses it and leaves the function keeps it (`return { stream, release: () => conn.release() }`,
  // `resolve({ rowStream, release: () => pool.release(conn) })` from a callback inside a promise executor)
  for (let current: Node | undefined = reference.identifier.parent; current != null && current !== owner; current = current.parent) {
    if (!isFunction(current)) continue;
    const kept = climb(current, 'closure', owner, options, seen);
    if (kept !== null && kept.kind !== 'passed') return { kind: 'captured', node: kept.node };
  }
  return null;
}

/**
 * Where a value goes from `start`: returned, stored, passed on … `holder`: `start` holds the
 * resource, so a call it is passed to may hold it in turn; `closure`: `start` is a function that
 * uses it (passing such a function to a call is not a hand-off: `items.map((i) => client.query(i))`).
 */
function climb(start: Node, mode: 'value' | 'holder' | 'closure', owner: Node, options: OwnershipOptions, seen: Set<Variable>): HandOff | null {
  let node: Node = start;
  /** climbed into an object or array literal: the value is now a holder, not an alias */
  let contained = mode !== 'value';
  const callsHold = mode === 'holder';
  // climb through value-preserving wrappers and containers (`{ client }`, `[client]`, `client as X`)
  for (;;) {
    const parent: Node | undefined = node.parent;
    if (parent === undefined) return null;
    if (parent.type === 'ArrayExpression' || parent.type === 'ObjectExpression') contained = true;
    if (
      parent.type === 'TSNonNullExpression' ||
      parent.type === 'TSAsExpression' ||
      parent.type === 'TSSatisfiesExpression' ||
      parent.type === 'ChainExpression' ||
      parent.type === 'ArrayExpression' ||
      parent.type === 'SpreadElement' ||
      (parent.type === 'Property' && parent.value === node) ||
      parent.type === 'ObjectExpression' ||
      (parent.type === 'ConditionalExpression' && parent.test !== node) ||
      parent.type === 'LogicalExpression' ||
      parent.type === 'AwaitExpression'
    ) {
      node = parent;
      continue;
    }
    switch (parent.type) {
      case 'ReturnStatement':
        return { kind: 'returned', node: parent };
      case 'ArrowFunctionExpression':
        return parent.body === node ? { kind: 'returned', node: parent } : null;
      case 'YieldExpression':
        return { kind: 'yielded', node: parent };
      case 'AssignmentExpression':
        return parent.right === node && storesOutside(parent.left, owner, options, seen) ? { kind: 'stored', node: parent } : null;
      case 'VariableDeclarator': {
        // an alias (`const c = client`) is followed by the caller; a holder (`const holder = { client }`)
        // stays local unless the holder itself is handed off (`return holder`, `cb(null, holder)`)
        if (!contained || parent.init !== node || parent.id.type !== 'Identifier') return null;
        const holder = options.findVariable(parent.id);
        return holder !== null && !seen.has(holder) ? handOffOf(holder, owner, options, seen, true) : null;
      }
      case 'PropertyDefinition':
        return parent.value === node ? { kind: 'stored', node: parent } : null;
      case 'MemberExpression': {
        // `const pending = pool.acquire(); pending.then((conn) => …)`: the lease is the callback's
        // parameter from here on, and the callback (not followed) owns it
        const call = parent.parent;
        const thenCallback = mode === 'value' && parent.object === node && memberKey(parent) === 'then' && call?.type === 'CallExpression' && call.callee === parent && isFunction(call.arguments[0]);
        return thenCallback ? { kind: 'passed', node: call } : null;
      }
      case 'CallExpression':
      case 'NewExpression': {
        if (parent.callee === node) return null;
        // a promise executor runs now: its closure does not outlive the call
        if (mode === 'closure' && node === start && parent.type === 'NewExpression' && parent.callee.type === 'Identifier' && parent.callee.name === 'Promise') return null;
        const handOff = classifyArgument(parent, node, owner, options, seen);
        if (handOff !== null) return handOff;
        // `new PostgresDialect({ pool })`, `Promise.resolve(session)`, `assignIn(store, extra)` of a
        // holder: what the call makes holds the value, so the value leaves with it (returned, stored, …)
        if (parent.type === 'NewExpression' || isPromiseWrap(parent) || (callsHold && contained)) {
          node = parent;
          contained = true;
          continue;
        }
        return null;
      }
      default:
        return null;
    }
  }
}

/** `Promise.resolve(x)`, `Promise.all([x, …])`: a promise of the value. */
function isPromiseWrap(call: TSESTree.CallExpression): boolean {
  return ['resolve', 'all', 'allSettled', 'race', 'any'].includes(promiseStaticMethod(call) ?? '');
}

/**
 * `this.x = v`, `outer = v`, `req.pg = v`, `cache.set(k, v)` … — assignment targets that outlive the
 * function. A property of any object outlives it, except of a fresh local object (`const db = {}`,
 * `new Map()`) that itself stays local: `db.pool = pool` is a hand-off only when `db` is (returned,
 * stored, passed on as a result).
 */
function storesOutside(target: Node, owner: Node, options: OwnershipOptions, seen: Set<Variable>): boolean {
  const base = rootObject(target);
  if (base === null) return false;
  if (base.type === 'ThisExpression') return true;
  if (base.type !== 'Identifier') return false;
  const variable = options.findVariable(base);
  if (variable === null) return true; // a global
  const declaration = variable.defs[0]?.node as Node | undefined;
  if (declaration === undefined || !inside(declaration, owner)) return true;
  if (skipWrappers(target) === base) return false; // `local = v`: rebinding a local (or a parameter) keeps nothing
  // a property of a local object: of a parameter (the caller's object), of an alias of an outside
  // object (`const state = this.state`), or of a fresh holder that is itself handed off
  if (!isFreshLocal(variable)) return true;
  return !seen.has(variable) && handOffOf(variable, owner, options, seen, true) !== null;
}

/** A variable declared with `const`/`let`/`var` whose every value is an object made here: `{}`, `[]`, `new Map()`, `Object.create(null)`. */
function isFreshLocal(variable: Variable): boolean {
  const def = variable.defs[0];
  if (def?.type !== 'Variable' || def.node.id.type !== 'Identifier') return false;
  let values = 0;
  for (const reference of variable.references) {
    if (!reference.isWrite()) continue;
    const write = reference.writeExpr;
    const assignment = reference.identifier.parent;
    if (assignment?.type === 'AssignmentExpression' && assignment.operator !== '=') return false;
    if (write == null || !isFreshObject(write)) return false;
    values += 1;
  }
  return values > 0;
}

function isFreshObject(node: Node): boolean {
  const value = skipWrappers(node);
  if (value.type === 'ObjectExpression' || value.type === 'ArrayExpression' || value.type === 'NewExpression') return true;
  if (value.type !== 'CallExpression') return false;
  const callee = skipWrappers(value.callee);
  if (callee.type !== 'MemberExpression') return false;
  const object = skipWrappers(callee.object);
  return object.type === 'Identifier' && object.name === 'Object' && memberKey(callee) === 'create';
}

function rootObject(node: Node): Node | null {
  let current = skipWrappers(node);
  while (current.type === 'MemberExpression') current = skipWrappers(current.object);
  return current.type === 'Identifier' || current.type === 'ThisExpression' ? current : null;
}

function classifyArgument(
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  argument: Node,
  owner: Node,
  options: OwnershipOptions,
  seen: Set<Variable>,
): HandOff | null {
  const callee = skipWrappers(call.callee);
  // resolve(client) inside `new Promise((resolve) => …)`
  if (callee.type === 'Identifier' && isPromiseResolver(callee, options)) return { kind: 'resolved', node: call };
  // `cb(null, client)`, `cb(err, db)`: the result given to the caller's error-first callback (a lend
  // such as `await fn(client)` passes it first and is not a hand-off)
  if (call.type === 'CallExpression' && callee.type === 'Identifier' && call.arguments.indexOf(argument as TSESTree.CallExpressionArgument) >= 1 && isParameter(callee, options)) {
    return { kind: 'resolved', node: call };
  }
  const name = calleeName(callee);
  if (name !== null && options.ownershipFunctions.includes(name)) return { kind: 'passed', node: call };
  if (callee.type === 'MemberExpression') {
    // `this.clients.push(client)`, `cache.set(key, client)`: stored in state that outlives the function
    const method = memberKey(callee);
    if (method !== null && STORING_METHODS.has(method) && storesOutside(callee.object, owner, options, seen)) return { kind: 'stored', node: call };
  }
  const index = call.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
  // `this.releaseClient(client)`, `done(client)`: a function of this file that releases its parameter
  const local = sameFileCallee(call, options);
  if (local !== null && index >= 0 && releasesParameter(local, index, options)) return { kind: 'passed', node: call };
  if (options.takesOwnership !== undefined && index >= 0 && options.takesOwnership(call, index)) return { kind: 'passed', node: call };
  if (options.calleesKeep === true && call.type === 'CallExpression' && !isPromiseWrap(call) && !isLogging(callee)) {
    // `await this.prepare(connection)`: a function of this file that only uses it borrows it for the call
    if (local !== null && index >= 0 && onlyUsesParameter(local, index, options, 0)) return null;
    return { kind: 'passed', node: call };
  }
  return null;
}

/** The function of this file a call runs: an own method (`this.prepare(…)`) or a local function (`prepare(…)`). */
function sameFileCallee(call: TSESTree.CallExpression | TSESTree.NewExpression, options: OwnershipOptions): TSESTree.FunctionLike | null {
  const callee = skipWrappers(call.callee);
  if (callee.type === 'MemberExpression' && callee.object.type === 'ThisExpression') return classMethod(callee);
  if (callee.type !== 'Identifier') return null;
  const target = options.findVariable(callee);
  return target ? functionOf(target) : null;
}

/**
 * Whether a same-file function only uses its parameter at `index`: reads its properties and calls
 * its methods (none of them a release), or lends it to another such function that only uses it. It
 * keeps nothing: no store, return, release or hand-off to code this file does not show.
 */
function onlyUsesParameter(fn: TSESTree.FunctionLike, index: number, options: OwnershipOptions, depth: number): boolean {
  const param = fn.params[index];
  const variable = param?.type === 'Identifier' ? options.findVariable(param) : null;
  if (variable === null) return false;
  return variable.references.every((reference) => {
    if (reference.init) return true;
    if (reference.isWrite()) return false;
    const id = reference.identifier as Node;
    const parent = id.parent;
    if (parent?.type === 'MemberExpression' && parent.object === id) {
      const key = memberKey(parent);
      if (key === null || options.releaseMethods.has(key)) return false;
      return !(parent.parent?.type === 'AssignmentExpression' && parent.parent.left === parent);
    }
    if (parent?.type === 'CallExpression' && parent.callee !== id && depth < 3) {
      const inner = sameFileCallee(parent, options);
      const at = parent.arguments.indexOf(id as TSESTree.CallExpressionArgument);
      return inner !== null && inner !== fn && at >= 0 && onlyUsesParameter(inner, at, options, depth + 1);
    }
    return false;
  });
}

/** `console.log(pool)`, `logger.info(…, pool)`, `debug(pool)`: reads it for output. */
function isLogging(callee: Node): boolean {
  const name = calleeName(callee);
  return name !== null && /^(?:console|logger|log|this\.logger|this\.log|debug)(?:\.|$)/u.test(name);
}

const STORING_METHODS = new Set(['push', 'unshift', 'set', 'add', 'splice']);

function calleeName(callee: Node): string | null {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression') {
    const key = memberKey(callee);
    const object = calleeName(skipWrappers(callee.object));
    if (key !== null && object !== null) return `${object}.${key}`;
    if (key !== null && callee.object.type === 'ThisExpression') return `this.${key}`;
  }
  return null;
}

/** A parameter of some function: a callback the caller supplied. */
function isParameter(callee: TSESTree.Identifier, options: OwnershipOptions): boolean {
  return options.findVariable(callee)?.defs[0]?.type === 'Parameter';
}

function isPromiseResolver(callee: TSESTree.Identifier, options: OwnershipOptions): boolean {
  const variable = options.findVariable(callee);
  const def = variable?.defs[0];
  if (def?.type !== 'Parameter') return false;
  const fn = def.node as Node;
  if (!isFunction(fn) || fn.params[0] !== def.name) return false;
  const parent = fn.parent;
  return parent?.type === 'NewExpression' && parent.callee.type === 'Identifier' && parent.callee.name === 'Promise';
}

/** The method `this.name` refers to, from inside a method of the same class. */
function classMethod(member: TSESTree.MemberExpression): TSESTree.FunctionLike | null {
  const key = memberKey(member);
  if (key === null) return null;
  let node: Node | undefined = member.parent;
  while (node != null && node.type !== 'ClassBody') node = node.parent;
  if (node == null) return null;
  for (const element of node.body) {
    if (element.type === 'MethodDefinition' && element.kind === 'method' && !element.computed && element.key.type === 'Identifier' && element.key.name === key) return element.value;
    if (element.type === 'PropertyDefinition' && !element.computed && element.key.type === 'Identifier' && element.key.name === key && element.value && isFunction(element.value)) return element.value;
  }
  return null;
}

/** The function a variable names: `function f(…) {}` or `const f = (…) => {}`. */
function functionOf(variable: Variable): TSESTree.FunctionLike | null {
  const def = variable.defs[0];
  if (def === undefined) return null;
  if (def.type === 'FunctionName' && isFunction(def.node)) return def.node;
  if (def.type === 'Variable') {
    const init = def.node.init;
    if (init && isFunction(init)) return init;
  }
  return null;
}

/** Whether a same-file function releases its parameter at `index` (`function done(c) { c.release() }`). */
function releasesParameter(fn: TSESTree.FunctionLike, index: number, options: OwnershipOptions): boolean {
  const param = fn.params[index];
  if (param === undefined || param.type !== 'Identifier') return false;
  const variable = options.findVariable(param);
  if (variable === null) return false;
  return variable.references.some((reference) => {
    const id = reference.identifier as Node;
    const member = id.parent;
    if (member?.type !== 'MemberExpression' || member.object !== id) return false;
    const key = memberKey(member);
    return key !== null && options.releaseMethods.has(key) && member.parent?.type === 'CallExpression' && member.parent.callee === member;
  });
}

function inside(inner: Node, outer: Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}
