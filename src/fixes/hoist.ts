import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { indentOf } from './try-finally.js';

type Node = TSESTree.Node;
type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * A statement as a movable piece of text: its own text plus a trailing comment on the same line,
 * and the range to delete — its whole line when nothing else stands on it, so no blank line is left.
 */
export interface MovableStatement {
  readonly text: string;
  readonly remove: readonly [number, number];
  /** the indentation of the line the statement (or its leading comment) starts on */
  readonly indent: string;
}

/**
 * A statement with the comments that stand on their own lines right above it and a trailing `//`
 * comment on its last line: they move with it.
 */
export function movable(sourceCode: SourceCode, statement: Node): MovableStatement {
  const text = sourceCode.text;
  let first: { range: readonly [number, number]; loc: { start: { line: number } } } = statement;
  for (const comment of [...sourceCode.getCommentsBefore(statement)].reverse()) {
    if (comment.loc.end.line !== first.loc.start.line - 1) break;
    const lineStart = text.lastIndexOf('\n', comment.range[0] - 1) + 1;
    if (!/^[ \t]*$/u.test(text.slice(lineStart, comment.range[0]))) break;
    first = comment;
  }
  let start = first.range[0];
  let end = statement.range[1];
  let moved = text.slice(start, end);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(lineStart, start);
  const indent = /^[ \t]*/u.exec(before)![0];
  const rest = /^([ \t]*)(\/\/[^\n]*)?(\r?\n|$)/u.exec(text.slice(end));
  if (rest !== null && /^[ \t]*$/u.test(before)) {
    if (rest[2] !== undefined) moved += `${rest[1]}${rest[2]}`;
    start = lineStart;
    end += rest[0].length;
  } else if (first !== statement) {
    moved = sourceCode.getText(statement);
    start = statement.range[0];
  }
  return { text: moved, remove: [start, end], indent };
}

/** Re-indents the lines after the first from `from` to `to`. */
export function reindent(text: string, from: string, to: string): string {
  return text
    .split('\n')
    .map((line, i) => (i > 0 && line.startsWith(from) ? to + line.slice(from.length) : line))
    .join('\n');
}

/**
 * Moves `moved` (statements inside a loop body, in order) to just before `anchor` (the loop
 * statement, or the statement holding a per-item call), and `after` (statements that end what was
 * moved) to just after it. Statement texts, comments inside them and trailing comments move as they
 * are; indentation is the anchor's.
 */
export function hoistAround(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  moved: readonly Node[],
  anchor: Node,
  after: readonly Node[],
): TSESLint.RuleFix[] {
  const indent = indentOf(sourceCode, anchor);
  const fixes: TSESLint.RuleFix[] = [];
  const hoisted: string[] = [];
  for (const statement of moved) {
    const piece = movable(sourceCode, statement);
    hoisted.push(reindent(piece.text, piece.indent, indent));
    fixes.push(fixer.removeRange(piece.remove));
  }
  const trailing: string[] = [];
  for (const statement of after) {
    const piece = movable(sourceCode, statement);
    trailing.push(reindent(piece.text, piece.indent, indent));
    fixes.push(fixer.removeRange(piece.remove));
  }
  fixes.push(fixer.insertTextBeforeRange(anchor.range, hoisted.map((t) => `${t}\n${indent}`).join('')));
  if (trailing.length > 0) fixes.push(fixer.insertTextAfterRange(anchor.range, trailing.map((t) => `\n${indent}${t}`).join('')));
  return fixes;
}

/** Where text goes to stand before a top-level statement: before its leading comments (a JSDoc stays with its function). */
export function topLevelInsertionPoint(sourceCode: SourceCode, statement: Node): number {
  // `@Controller() export class …`: the decorators stand before the export keyword
  const declaration = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
  const decorators = declaration && 'decorators' in declaration ? (declaration.decorators as TSESTree.Decorator[] | undefined) ?? [] : [];
  const start = Math.min(statement.range[0], ...decorators.map((d) => d.range[0]));
  const first = sourceCode.getTokenByRangeStart(start, { includeComments: false }) ?? statement;
  const comments = sourceCode.getCommentsBefore(first);
  return comments[0] !== undefined ? comments[0].range[0] : start;
}

/**
 * Inserts `declaration` at module level before `topStatement` (the module statement that holds the
 * function), removes `moved` (whose text, with its comments, the declaration is made of), removes
 * `removed` statements (leaving their comments), and replaces nodes as given.
 */
export function moveToModuleLevel(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  declaration: string,
  topStatement: Node,
  removed: readonly Node[],
  replaced: ReadonlyArray<readonly [Node, string]> = [],
  moved: Node | null = null,
): TSESLint.RuleFix[] {
  const fixes: TSESLint.RuleFix[] = [];
  if (moved !== null) fixes.push(fixer.removeRange(movable(sourceCode, moved).remove));
  const at = topLevelInsertionPoint(sourceCode, topStatement);
  fixes.push(fixer.insertTextBeforeRange([at, at], `${declaration}\n\n`));
  for (const statement of removed) {
    const emptied = emptiedFinally(fixer, sourceCode, statement);
    if (emptied !== null) {
      fixes.push(emptied);
      continue;
    }
    // a statement removed (not moved): its comments stay where they were
    const piece = movable(sourceCode, statement);
    const own = piece.text.trimEnd() === sourceCode.getText(statement) && piece.text.startsWith(sourceCode.getText(statement));
    fixes.push(fixer.removeRange(own ? piece.remove : statement.range));
  }
  for (const [node, text] of replaced) fixes.push(fixer.replaceText(node, text));
  return fixes;
}

/**
 * Removing the only statement of a `finally` block: drop the `finally` clause when there is a
 * `catch`, or unwrap the `try` block when there is none (`try { X } finally {}` is `X`).
 */
function emptiedFinally(fixer: TSESLint.RuleFixer, sourceCode: SourceCode, statement: Node): TSESLint.RuleFix | null {
  const block = statement.parent;
  const tryStatement = block?.parent;
  if (block?.type !== 'BlockStatement' || tryStatement?.type !== 'TryStatement' || tryStatement.finalizer !== block) return null;
  if (block.body.length !== 1 || sourceCode.getCommentsInside(block).length > 0) return null;
  if (tryStatement.handler !== null) return fixer.removeRange([tryStatement.handler.range[1], block.range[1]]);
  const body = tryStatement.block;
  if (body.body.length === 0) return fixer.remove(tryStatement);
  const open = sourceCode.getFirstToken(body)!;
  const close = sourceCode.getLastToken(body)!;
  const inner = sourceCode.text.slice(open.range[1], close.range[0]).replace(/^[ \t]*\r?\n/u, '').trimEnd();
  const innerIndent = /^[ \t]*/u.exec(inner)![0];
  const text = reindent(inner.slice(innerIndent.length), innerIndent, indentOf(sourceCode, tryStatement));
  return fixer.replaceText(tryStatement, text);
}
