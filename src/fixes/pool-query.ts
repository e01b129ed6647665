import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { indentOf } from './try-finally.js';

type Node = TSESTree.Node;
type SourceCode = Readonly<TSESLint.SourceCode>;

export interface PoolQueryRewrite {
  /** the statement that leases the connection (`const client = await pool.connect();`) */
  readonly acquisition: Node;
  /** the last statement the rewrite replaces: the `try … finally { release }`, or the release statement */
  readonly last: Node;
  /** the statement that runs the single query; it is kept, with its receiver replaced */
  readonly kept: Node;
  /** the lease expression in `kept` that becomes the pool (`client` in `client.query(q)`) */
  readonly receiver: Node;
  /** the pool's source text (`pool`, `this.pool`) */
  readonly poolText: string;
}

/**
 * Replaces `const c = await pool.connect(); try { <kept> } finally { c.release(); }` (or the
 * unguarded `const c = …; <kept> c.release();`) by `<kept>` with `c` replaced by the pool: the
 * managed one-shot call. The kept statement's text is unchanged otherwise (arguments, comments,
 * the `await`); comments in the removed lines are moved, in order, above it.
 */
export function rewriteToPoolQuery(fixer: TSESLint.RuleFixer, sourceCode: SourceCode, rewrite: PoolQueryRewrite): TSESLint.RuleFix {
  const { acquisition, last, kept, receiver, poolText } = rewrite;
  const start = acquisition.range[0];
  const end = last.range[1];
  const indent = indentOf(sourceCode, acquisition);
  const moved = sourceCode
    .getAllComments()
    .filter((c) => c.range[0] >= start && c.range[1] <= end && !(c.range[0] >= kept.range[0] && c.range[1] <= kept.range[1]))
    .map((c) => sourceCode.text.slice(c.range[0], c.range[1]));
  const text = sourceCode.text;
  const keptText = text.slice(kept.range[0], receiver.range[0]) + poolText + text.slice(receiver.range[1], kept.range[1]);
  const prefix = moved.map((comment) => `${comment}\n${indent}`).join('');
  return fixer.replaceTextRange([start, end], `${prefix}${keptText}`);
}
