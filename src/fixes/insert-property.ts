import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** `max: 10` for `['max']`, `pool: { max: 10 }` for `['pool', 'max']`. */
export function propertyText(path: readonly string[], value: string): string {
  const [head, ...rest] = path;
  const key = /^[A-Za-z_$][\w$]*$/u.test(head!) ? head! : JSON.stringify(head);
  return rest.length === 0 ? `${key}: ${value}` : `${key}: { ${propertyText(rest, value)} }`;
}

/**
 * Adds a property at the end of an object literal, in its style: `{ a: 1 }` → `{ a: 1, b: 2 }`;
 * one property per line → a new line with the last property's indentation, keeping a trailing comma
 * convention; `{}` → `{ b: 2 }`. Comments inside the object stay where they are.
 */
export function insertProperty(fixer: TSESLint.RuleFixer, sourceCode: SourceCode, object: TSESTree.ObjectExpression, text: string): TSESLint.RuleFix[] {
  const last = object.properties[object.properties.length - 1];
  const closing = sourceCode.getLastToken(object)!;
  if (last === undefined) {
    const opening = sourceCode.getFirstToken(object)!;
    return [fixer.replaceTextRange([opening.range[0], closing.range[1]], `{ ${text} }`)];
  }
  const after = sourceCode.getTokenAfter(last)!;
  const trailingComma = after.value === ',' && after.range[1] <= closing.range[0];
  const multiline = last.loc.start.line !== sourceCode.getFirstToken(object)!.loc.start.line;
  if (multiline) {
    const indent = /^\s*/u.exec(sourceCode.lines[last.loc.start.line - 1] ?? '')![0];
    // after a comment that ends the last property's line, so the comment stays with its property
    const anchor = trailingComma ? after : last;
    const comments = sourceCode.getCommentsAfter(anchor).filter((c) => c.loc.start.line === anchor.loc.end.line);
    const end = comments.length > 0 ? comments[comments.length - 1]!.range[1] : anchor.range[1];
    if (trailingComma) return [fixer.insertTextAfterRange([end, end], `\n${indent}${text},`)];
    if (comments.length === 0) return [fixer.insertTextAfter(last, `,\n${indent}${text}`)];
    return [fixer.insertTextAfter(last, ','), fixer.insertTextAfterRange([end, end], `\n${indent}${text}`)];
  }
  return [trailingComma ? fixer.insertTextAfter(after, ` ${text},`) : fixer.insertTextAfter(last, `, ${text}`)];
}

/**
 * Adds an options argument at `index` to a call or `new` that has exactly `index` arguments:
 * `new Pool()` → `new Pool({ connectionTimeoutMillis: 5000 })`, `new Pool` → `new Pool({ … })`.
 */
export function insertArgument(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  index: number,
  text: string,
): TSESLint.RuleFix | null {
  if (call.arguments.length !== index) return null;
  const last = sourceCode.getLastToken(call)!;
  if (last.value !== ')') return call.type === 'NewExpression' && index === 0 ? fixer.insertTextAfter(call, `(${text})`) : null;
  const previous = call.arguments[index - 1];
  if (previous === undefined) return fixer.insertTextBefore(last, text);
  const comma = sourceCode.getTokenAfter(previous)!;
  if (comma.value === ',' && comma.range[1] <= last.range[0]) return fixer.insertTextAfter(comma, ` ${text}`);
  return fixer.insertTextAfter(previous, `, ${text}`);
}
