import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';

/**
 * Where an `await using` suggestion produces code that runs (require-release's `useAwaitUsing`).
 *
 * `using` / `await using` (explicit resource management) runs unflagged from V8 13.4, which first
 * shipped in Node 24.0.0 (V8 13.6). Node 20 (V8 11.3) and 22 (V8 12.4) reject the syntax:
 * `SyntaxError: Unexpected identifier 'conn'`. So the suggestion is offered only
 * - in TypeScript files (`.ts`, `.tsx`, `.mts`, `.cts`): the compiler lowers `await using` for targets
 *   before ES2026 (TypeScript 5.2+), and type-checks the result;
 * - in JavaScript files whose nearest package.json declares an `engines.node` range that every Node
 *   before 24 fails.
 * A JavaScript file whose parser is configured for an ECMAScript version before 2026 never gets it
 * (the parser could not even read the result). `ecmaVersion` 2026 alone is not taken as a promise
 * about the runtime: ESLint resolves the default `"latest"` to the newest year it knows (2026 in
 * ESLint 10), so a rule cannot tell an explicit 2026 from the default.
 */
export const FIRST_NODE_WITH_USING = 24;

const TYPESCRIPT = /\.[cm]?tsx?$/iu;

export function awaitUsingRuns(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): boolean {
  const filename = context.filename;
  if (TYPESCRIPT.test(filename)) return true;
  const ecmaVersion = context.languageOptions?.ecmaVersion;
  if (typeof ecmaVersion === 'number' && ecmaVersion < 2026) return false;
  const range = nearestEnginesNode(filename);
  return range !== null && minimumNodeMajor(range) >= FIRST_NODE_WITH_USING;
}

const enginesCache = new Map<string, string | null>();

/** `engines.node` of the nearest package.json above `file`, or null (none, unreadable, no such field). */
export function nearestEnginesNode(file: string): string | null {
  if (file === '' || file.startsWith('<')) return null;
  const visited: string[] = [];
  let dir = dirname(file);
  let found: string | null = null;
  for (;;) {
    const cached = enginesCache.get(dir);
    if (cached !== undefined) {
      found = cached;
      break;
    }
    visited.push(dir);
    let text: string | null;
    try {
      text = readFileSync(join(dir, 'package.json'), 'utf8');
    } catch {
      text = null;
    }
    if (text !== null) {
      try {
        const engines = (JSON.parse(text) as { engines?: { node?: unknown } }).engines;
        found = typeof engines?.node === 'string' ? engines.node : null;
      } catch {
        found = null;
      }
      break;
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  for (const d of visited) enginesCache.set(d, found);
  return found;
}

/**
 * The lowest Node major a semver range admits (`>=24` → 24, `^20.19.0 || >=24` → 20); 0 when the range
 * has an alternative without a lower bound or one this reader does not understand (conservative).
 */
export function minimumNodeMajor(range: string): number {
  let lowest = Infinity;
  for (const alternative of range.split('||')) {
    const major = lowerMajor(alternative.trim());
    if (major === null) return 0;
    lowest = Math.min(lowest, major);
  }
  return lowest === Infinity ? 0 : lowest;
}

function lowerMajor(alternative: string): number | null {
  const hyphen = /^v?(\d+)(?:\.[\dx*]+){0,2}\s+-\s+\S+$/iu.exec(alternative);
  if (hyphen) return Number(hyphen[1]);
  const comparators = alternative.split(/\s+/u).filter((c) => c !== '');
  if (comparators.length === 0) return null;
  let bound: number | null = null;
  for (const comparator of comparators) {
    const m = /^(>=|>|\^|~|=)?v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?(?:-[\w.]+)?$/iu.exec(comparator);
    if (m === null) {
      // an upper bound (`<25`, `<=24.1`) says nothing of the lowest version
      if (/^<=?v?\d/u.test(comparator)) continue;
      return null;
    }
    let major = Number(m[2]);
    // `>24` admits 24.0.1; `>24.x`/`>24.*` (or `>24.5.x`) starts after major 24 only when the rest is a wildcard
    if (m[1] === '>' && (m[3] === undefined || m[3] === 'x' || m[3] === '*')) major += 1;
    bound = Math.max(bound ?? 0, major);
  }
  return bound;
}
