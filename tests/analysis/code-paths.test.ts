import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { createPathTracker, mergeListeners } from '../../src/analysis/code-paths.js';

/**
 * A probe rule on the path engine alone: `open()` starts, `close()` ends; each `open()` with a path
 * to the exit that passes no `close()` reports how it escapes (`return`/`throw`/`reacquire`) and
 * the first jump on that path.
 */
const probeRule: TSESLint.RuleModule<'escape', []> = {
  meta: { type: 'problem', schema: [], messages: { escape: '{{exit}} {{jump}}' } },
  defaultOptions: [],
  create(context) {
    const tracker = createPathTracker<'open' | 'close'>((frame) => {
      for (const event of frame.events) {
        if (event.data !== 'open') continue;
        const escape = frame.findEscape(event, (e) => e.data === 'close');
        if (escape) {
          const jump = escape.jump ? `${escape.jump.type}@${escape.jump.loc.start.line}` : 'none';
          context.report({ node: event.node, messageId: 'escape', data: { exit: escape.exit, jump } });
        }
      }
    });
    return mergeListeners(tracker.listeners, {
      CallExpression(node: TSESTree.CallExpression) {
        if (node.callee.type === 'Identifier' && (node.callee.name === 'open' || node.callee.name === 'close')) {
          tracker.record(node, node.callee.name);
        }
      },
    });
  },
};

function escapes(code: string): string[] {
  const linter = new Linter();
  return linter
    .verify(code, [{ plugins: { probe: { rules: { probe: probeRule as never } } }, rules: { 'probe/probe': 'error' } }])
    .map((m) => `${m.line}: ${m.message}`);
}

describe('path engine', () => {
  it('closed on every path', () => {
    expect(escapes(`function f(a) { open(); if (a) { close(); return 1; } close(); return 2; }`)).toEqual([]);
  });

  it('names the early return that skips the close', () => {
    expect(escapes(`function f(a) {\n  open();\n  if (a) return 1;\n  close();\n}`)).toEqual(['2: return ReturnStatement@3']);
  });

  it('an explicit throw leaves by the throw', () => {
    expect(escapes(`function f(a) {\n  open();\n  if (a) throw new Error();\n  close();\n}`)).toEqual(['2: throw ThrowStatement@3']);
  });

  it('a branch without close reaches the end with no jump', () => {
    expect(escapes(`function f(a) {\n  open();\n  if (a) close();\n}`)).toEqual(['2: return none']);
  });

  it('an explicit throw through a finally that does not close still leaks', () => {
    expect(escapes(`function f() {\n  open();\n  try { throw new Error(); } finally { log(); }\n}`)).toEqual(['2: throw ThrowStatement@3']);
  });

  it('finally closes the return and the throw paths', () => {
    expect(escapes(`function f(a) { open(); try { if (a) return 1; throw new Error(); } finally { close(); } }`)).toEqual([]);
  });

  it('the finally of an outer try counts', () => {
    expect(escapes(`function f(a) { try { open(); try { if (a) return 1; } catch (e) { return 2; } } finally { close(); } }`)).toEqual([]);
  });

  it('close on the back edge of a loop is fine; a continue before it is not', () => {
    expect(escapes(`function f(xs) { for (const x of xs) { open(); close(); } }`)).toEqual([]);
    expect(escapes(`function f(xs) {\n  for (const x of xs) {\n    open();\n    if (x) continue;\n    close();\n  }\n}`)).toEqual(['3: reacquire ContinueStatement@4']);
  });

  it('a labelled break out of nested loops skips the close', () => {
    expect(
      escapes(`function f(xs) {\n  outer: for (const x of xs) {\n    open();\n    for (const y of x) { if (y) break outer; }\n    close();\n  }\n}`),
    ).toEqual(['3: return BreakStatement@4']);
  });

  it('switch fall-through reaches the close; a break before it does not', () => {
    expect(escapes(`function f(k) { open(); switch (k) { case 1: case 2: close(); break; default: close(); } }`)).toEqual([]);
    expect(escapes(`function f(k) {\n  open();\n  switch (k) {\n    case 1: break;\n    default: close();\n  }\n}`)).toEqual(['2: return BreakStatement@4']);
  });

  it('generators, async arrows and class methods are separate code paths', () => {
    expect(escapes(`function* g() { open(); yield 1; close(); }\nconst a = async () => { open(); await x; };\nclass C { m() { open(); close(); } }`)).toEqual(['2: return none']);
  });
});

/** `reaches` between every ordered pair of calls `a()`…`z()` (named by callee), with `x()` blocking. */
function reachable(code: string): string[] {
  const found: string[] = [];
  const rule: TSESLint.RuleModule<'r', []> = {
    meta: { type: 'problem', schema: [], messages: { r: 'r' } },
    defaultOptions: [],
    create() {
      const tracker = createPathTracker<string>((frame) => {
        for (const from of frame.events) {
          for (const to of frame.events) {
            if (from.data !== 'x' && to.data !== 'x' && frame.reaches(from, to, (e) => e.data === 'x')) found.push(`${from.data}->${to.data}`);
          }
        }
      });
      return mergeListeners(tracker.listeners, {
        CallExpression(node: TSESTree.CallExpression) {
          if (node.callee.type === 'Identifier' && node.callee.name.length === 1) tracker.record(node, node.callee.name);
        },
      });
    },
  };
  new Linter().verify(code, [{ plugins: { probe: { rules: { reach: rule as never } } }, rules: { 'probe/reach': 'error' } }]);
  return found.sort();
}

describe('path engine: reaches', () => {
  it('only forward in straight-line code; a blocking event in between cuts the path', () => {
    expect(reachable(`function f() { a(); b(); x(); c(); }`)).toEqual(['a->b']);
  });

  it('a loop reaches back to earlier events in its body and to itself, unless blocked on the back edge', () => {
    expect(reachable(`function f(xs) { a(); for (const v of xs) { b(); c(); } d(); }`)).toEqual(['a->b', 'a->c', 'a->d', 'b->b', 'b->c', 'b->d', 'c->b', 'c->c', 'c->d']);
    expect(reachable(`function f(xs) { for (const v of xs) { b(); x(); c(); } d(); }`)).toEqual(['c->b', 'c->d']);
  });

});
