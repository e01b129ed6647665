import type { TSESTree } from '@typescript-eslint/utils';
import { isFunction, isInside, skipWrappers, walkSubtree } from './ast.js';
import { mayThrow } from './exception-safety.js';
import type { Provenance } from './provenance.js';
import { classifyReleaseCall, type ReleaseCall } from './releases.js';

type Node = TSESTree.Node;

/**
 * Release sites that the code path graph does not show on its own: the `finally` a `break` or
 * `continue` runs on its way out (ESLint's code path analysis routes `return` and `throw` through
 * `finally`, but not `break`/`continue`), release-once guards, and the implicit `try` → `catch`
 * edge after the last statement of a `try` block.
 */

/** The statement a `break`/`continue` leaves: its labelled statement, or the nearest loop (or `switch`, for `break`). */
export function jumpTarget(jump: TSESTree.BreakStatement | TSESTree.ContinueStatement): Node | null {
  for (let node: Node | undefined = jump.parent; node != null; node = node.parent) {
    if (isFunction(node)) return null;
    if (jump.label !== null) {
      if (node.type === 'LabeledStatement' && node.label.name === jump.label.name) return node;
      continue;
    }
    switch (node.type) {
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
      case 'WhileStatement':
      case 'DoWhileStatement':
        return node;
      case 'SwitchStatement':
        if (jump.type === 'BreakStatement') return node;
        break;
      default:
        break;
    }
  }
  return null;
}

/**
 * The releases in the `finally` blocks a `break`/`continue` passes through on its way to its target
 * (a jump out of `try { … } finally { client.release() }` runs the `finally`). Releases inside nested
 * functions of the `finally` do not count.
 */
export function finallyReleasesOnJump(
  jump: TSESTree.BreakStatement | TSESTree.ContinueStatement,
  provenance: Provenance,
  names: ReadonlySet<string>,
): ReleaseCall[] {
  const target = jumpTarget(jump);
  if (target === null) return [];
  const found: ReleaseCall[] = [];
  let child: Node = jump;
  for (let node: Node | undefined = jump.parent; node !== undefined && node !== target; child = node, node = node.parent) {
    if (node.type !== 'TryStatement' || node.finalizer === null || child === node.finalizer) continue;
    for (const call of callsIn(node.finalizer)) {
      const release = classifyReleaseCall(call, provenance, names);
      if (release !== null) found.push(release);
    }
  }
  return found;
}

/** Call expressions in a subtree, nested functions aside. */
export function callsIn(root: Node): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  walkSubtree(root, (n) => {
    if (n.type === 'CallExpression') calls.push(n);
  });
  return calls;
}


/** A release-once guard: `if (!released) { released = true; client.release(); }`. */
export interface ReleaseGuard {
  readonly ifStatement: TSESTree.IfStatement;
  /** the flag, as written (`released`, `this.released`) */
  readonly flag: string;
  readonly release: ReleaseCall;
}

/**
 * Whether an `if` is a release-once guard: its test is `!flag` (or `flag === false`, `!this.flag`),
 * its consequent sets the flag to `true` and releases a resource, and it has no `else`.
 */
export function releaseOnceGuard(node: TSESTree.IfStatement, provenance: Provenance, names: ReadonlySet<string>): ReleaseGuard | null {
  if (node.alternate !== null) return null;
  const flagNode = guardFlag(node.test);
  if (flagNode === null) return null;
  const flag = provenance.text(flagNode);
  const body = node.consequent.type === 'BlockStatement' ? node.consequent.body : [node.consequent];
  let sets = false;
  let release: ReleaseCall | null = null;
  for (const statement of body) {
    if (statement.type !== 'ExpressionStatement') continue;
    const expression = skipWrappers(statement.expression.type === 'AwaitExpression' ? statement.expression.argument : statement.expression);
    if (
      expression.type === 'AssignmentExpression' &&
      expression.operator === '=' &&
      provenance.text(expression.left) === flag &&
      expression.right.type === 'Literal' &&
      expression.right.value === true
    ) {
      sets = true;
    } else if (expression.type === 'CallExpression') {
      release ??= classifyReleaseCall(expression, provenance, names);
    }
  }
  return sets && release !== null ? { ifStatement: node, flag, release } : null;
}

function guardFlag(test: Node): Node | null {
  if (test.type === 'UnaryExpression' && test.operator === '!') return flagLike(test.argument);
  if (test.type === 'BinaryExpression' && (test.operator === '===' || test.operator === '==')) {
    if (test.right.type === 'Literal' && test.right.value === false) return flagLike(test.left);
  }
  return null;
}

function flagLike(node: Node): Node | null {
  if (node.type === 'Identifier') return node;
  if (node.type === 'MemberExpression' && !node.computed && (node.object.type === 'ThisExpression' || node.object.type === 'Identifier')) return node;
  return null;
}

/**
 * Whether `node` (in the `try` block of `tryStatement`) is followed, inside that block, by
 * something that can throw. When nothing can, the implicit `try` → `catch` edge that code path
 * analysis adds after the block's last statement cannot be taken after `node`.
 */
export function mayThrowAfterInTry(node: Node, tryStatement: TSESTree.TryStatement, ignore: ReadonlySet<Node> = new Set()): boolean {
  let current: Node = node;
  while (current !== tryStatement.block) {
    const parent = current.parent;
    if (parent === undefined || isFunction(parent)) return true;
    if (parent.type === 'BlockStatement' || parent.type === 'StaticBlock' || parent.type === 'SwitchCase') {
      const list = (parent.type === 'SwitchCase' ? parent.consequent : parent.body) as Node[];
      const index = list.indexOf(current);
      if (list.slice(index + 1).some((s) => mayThrow(s, ignore))) return true;
    } else if (parent.type === 'TryStatement' && parent.block === current && parent.finalizer !== null && mayThrow(parent.finalizer, ignore)) {
      return true;
    }
    current = parent;
  }
  return false;
}

/** The `try` statement whose block holds `a` and whose `catch` holds `b`, if any. */
export function tryToCatch(a: Node, b: Node): TSESTree.TryStatement | null {
  for (let node: Node | undefined = b.parent; node != null; node = node.parent) {
    if (isFunction(node)) return null;
    if (node.type === 'CatchClause') {
      const tryStatement = node.parent;
      if (isInside(a, tryStatement.block)) return tryStatement;
    }
  }
  return null;
}

/**
 * `if (conn) await conn.close()` / `if (conn != null) { … conn.release() }` in a `finally`: the branch
 * that skips the release is the one where the acquisition never happened. Returns the release.
 */
export function nullGuardedRelease(node: TSESTree.IfStatement, provenance: Provenance, names: ReadonlySet<string>): ReleaseCall | null {
  if (node.alternate !== null) return null;
  const tested = testedIdentifier(node.test);
  if (tested === null) return null;
  const variable = provenance.findVariable(tested);
  if (variable === null) return null;
  const body = node.consequent.type === 'BlockStatement' ? node.consequent.body : [node.consequent];
  for (const statement of body) {
    // `if (conn) { try { await conn.close() } catch (e) { log(e) } }`
    const release = statement.type === 'TryStatement' ? releaseStatementsIn(statement.block.body, provenance, names) : releaseStatementsIn([statement], provenance, names);
    if (release?.variable === variable) return release;
  }
  return null;
}

/**
 * `try { await conn.close() } catch (e) { log(e) }`: a `try` whose block starts with a release. The
 * path into its `catch` is a failed release, which code path analysis shows as a path without one.
 */
export function triedRelease(node: TSESTree.TryStatement, provenance: Provenance, names: ReadonlySet<string>): ReleaseCall | null {
  if (node.handler === null) return null;
  const first = node.block.body[0];
  return first === undefined ? null : releaseStatementsIn([first], provenance, names);
}

function releaseStatementsIn(statements: readonly Node[], provenance: Provenance, names: ReadonlySet<string>): ReleaseCall | null {
  for (const statement of statements) {
    if (statement.type !== 'ExpressionStatement') continue;
    const expression = skipWrappers(statement.expression.type === 'AwaitExpression' ? statement.expression.argument : statement.expression);
    if (expression.type !== 'CallExpression') continue;
    const release = classifyReleaseCall(expression, provenance, names);
    if (release !== null) return release;
  }
  return null;
}

function testedIdentifier(test: Node): TSESTree.Identifier | null {
  if (test.type === 'Identifier') return test;
  // `if (client && tracker)`: the lease's own test, joined with the state made alongside it
  if (test.type === 'LogicalExpression' && test.operator === '&&') return testedIdentifier(test.left) ?? testedIdentifier(test.right);
  if (test.type === 'BinaryExpression' && (test.operator === '!=' || test.operator === '!==') && test.left.type === 'Identifier') {
    const right = test.right;
    if ((right.type === 'Literal' && right.value === null) || (right.type === 'Identifier' && right.name === 'undefined')) return test.left;
  }
  return null;
}
