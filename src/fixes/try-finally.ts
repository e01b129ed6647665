import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { enclosingFunction, walkSubtree } from '../analysis/ast.js';

type Node = TSESTree.Node;
type SourceCode = Readonly<TSESLint.SourceCode>;

/** The leading whitespace of the line a node starts on. */
export function indentOf(sourceCode: SourceCode, node: Node): string {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  return /^\s*/u.exec(line)![0];
}

/** The statements that follow `statement` in its block, or null when it is not directly in a block. */
export function followingStatements(statement: Node): Node[] | null {
  const parent = statement.parent;
  if (parent?.type !== 'BlockStatement' && parent?.type !== 'Program' && parent?.type !== 'StaticBlock') return null;
  const body = parent.body as Node[];
  const index = body.indexOf(statement);
  return index < 0 ? null : body.slice(index + 1);
}

/**
 * Wraps `statements` (consecutive statements of one block) in `try { … } finally { <finalizer> }`,
 * leaving out the statements in `drop` (an existing release that the `finally` replaces). The
 * statements' own text, comments between them included, is kept; only the `try` lines are added,
 * and indentation beyond them is left to the formatter. In an `async` function, a `return` of a call
 * inside the new `try` becomes `return await`: otherwise the `finally` releases while its promise still
 * runs on the connection.
 */
export function wrapInTryFinally(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  statements: readonly Node[],
  finalizer: string,
  drop: ReadonlySet<Node> = new Set(),
): TSESLint.RuleFix {
  const first = statements[0]!;
  const last = statements[statements.length - 1]!;
  const indent = indentOf(sourceCode, first);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  for (const statement of statements) {
    if (drop.has(statement)) {
      let end = statement.range[1];
      // drop the rest of the line the removed statement stood on, when it is only whitespace
      const rest = /^[ \t]*\n/u.exec(sourceCode.text.slice(end));
      if (rest) end += rest[0].length;
      edits.push({ start: statement.range[0], end, text: '' });
    } else if (enclosingFunction(first)?.async === true) {
      for (const argument of returnedCalls(statement)) edits.push({ start: argument.range[0], end: argument.range[0], text: 'await ' });
    }
  }
  let body = '';
  let cursor = first.range[0];
  for (const edit of edits.sort((a, b) => a.start - b.start)) {
    body += edit.text === '' ? sourceCode.text.slice(cursor, edit.start).replace(/[ \t]*$/u, '') : sourceCode.text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  body += sourceCode.text.slice(cursor, last.range[1]);
  body = body.trimEnd();
  return fixer.replaceTextRange(
    [first.range[0], last.range[1]],
    `try {\n${indent}${body}\n${indent}} finally {\n${indent}  ${finalizer}\n${indent}}`,
  );
}

/** The arguments of `return f(…)` / `return new X(…)` in `statement`, outside nested functions and classes. */
function returnedCalls(statement: Node): Node[] {
  const found: Node[] = [];
  walkSubtree(statement, (node) => {
    if (node.type === 'ClassBody') return false;
    if (node.type !== 'ReturnStatement') return;
    const argument = node.argument;
    if (argument?.type === 'CallExpression' || argument?.type === 'NewExpression' || argument?.type === 'TaggedTemplateExpression') found.push(argument);
    return false;
  });
  return found;
}

/** Removes a statement, and its whole line when nothing else stands on it. */
export function removeStatementLine(fixer: TSESLint.RuleFixer, sourceCode: SourceCode, statement: Node): TSESLint.RuleFix {
  const text = sourceCode.text;
  let start = statement.range[0];
  let end = statement.range[1];
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  let after = end;
  while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after++;
  if ((start === 0 || text[start - 1] === '\n') && (after === text.length || text[after] === '\n')) {
    end = after < text.length ? after + 1 : after;
    return fixer.removeRange([start, end]);
  }
  return fixer.remove(statement);
}
