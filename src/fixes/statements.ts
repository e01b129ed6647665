import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isFunction, isInside } from '../analysis/ast.js';
import { mayThrow } from '../analysis/exception-safety.js';
import { followingStatements, wrapInTryFinally } from './try-finally.js';

type Node = TSESTree.Node;
type SourceCode = Readonly<TSESLint.SourceCode>;

/** The statement of a block (or the Program) that holds an expression; null across a function boundary. */
export function blockStatementOf(node: Node): TSESTree.Statement | null {
  let current: Node | undefined = node;
  while (current?.parent && current.parent.type !== 'BlockStatement' && current.parent.type !== 'Program' && current.parent.type !== 'StaticBlock') {
    if (isFunction(current.parent)) return null;
    current = current.parent;
  }
  return (current as TSESTree.Statement | undefined) ?? null;
}

/**
 * The statements after the one holding `from`, up to (excluding) the one holding `to`, when `to` is
 * in the same block or nested in a later statement of it (then that statement is included).
 */
export function statementsBetween(from: Node, to: Node): Node[] | null {
  const a = blockStatementOf(from);
  if (a === null) return null;
  const siblings = followingStatements(a);
  if (siblings === null) return null;
  const index = siblings.findIndex((s) => isInside(to, s));
  if (index < 0) return null;
  return siblings[index] === blockStatementOf(to) ? siblings.slice(0, index) : siblings.slice(0, index + 1);
}

/**
 * The autofix that moves a single ending call at the end of the block that opened a resource into a
 * `finally` covering every statement since the opening: the success path is unchanged (same effects
 * in the same order). A trailing `return` of a value computed without calls moves into the `try`
 * too. Null when the shape does not allow it.
 */
export function moveIntoFinallyFix(sourceCode: SourceCode, opening: Node, endCall: Node): TSESLint.ReportFixFunction | null {
  const openingStatement = blockStatementOf(opening);
  const endStatement = endCall.parent?.type === 'AwaitExpression' ? endCall.parent.parent : endCall.parent;
  if (openingStatement === null || endStatement?.type !== 'ExpressionStatement' || endStatement.parent !== openingStatement.parent) return null;
  const following = followingStatements(openingStatement);
  if (following === null) return null;
  const index = following.indexOf(endStatement);
  if (index <= 0) return null;
  const after = following.slice(index + 1);
  if (after.length > 1 || (after.length === 1 && (after[0]!.type !== 'ReturnStatement' || mayThrow(after[0]!)))) return null;
  const moved = following.slice(0, index);
  if (moved.some((s) => s.type === 'FunctionDeclaration' || s.type === 'ClassDeclaration')) return null;
  const statements = [...moved, endStatement, ...after];
  return (fixer) => wrapInTryFinally(fixer, sourceCode, statements, sourceCode.getText(endStatement), new Set([endStatement]));
}

/** A name not bound in the scope of `at` (nor any scope above it): `error`, then `error_`, `error2` … */
export function freshName(sourceCode: SourceCode, at: Node, base: string): string {
  const taken = (name: string): boolean => {
    for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(at); scope !== null; scope = scope.upper) {
      if (scope.set.has(name)) return true;
      if (scope.through.some((r) => r.identifier.name === name)) return true;
    }
    return false;
  };
  if (!taken(base)) return base;
  for (let i = 2; ; i++) if (!taken(`${base}${i}`)) return `${base}${i}`;
}
