// Fixes that compile (DESIGN.md §6, "Fix validity"). tests/fixtures/fixes-typed/ is a strict TypeScript
// project typed against the real driver packages in node_modules, one file per invalid shape, in a folder
// named after the rule that reports it. With the BUILT plugin and its `all` config, through ESLint's Node
// API:
//   (a) every fixture type-checks as written and is reported by its rule with a fix or a suggestion;
//   (b) `--fix` (ESLint with `fix: true`): the output parses, type-checks, reaches a fixed point, no longer
//       has the fixed findings, and a re-lint reports nothing new in the changed region;
//   (c) every suggestion of every finding, applied alone to the original text (what ESLint's
//       SourceCodeFixer does with one fix): the same four checks;
//   (d) `--fix` with `settings["connection-hygiene"].autofix: "all"` (every first suggestion applied too,
//       several rules' edits combined in one file): the same four checks;
//   (e) every output of (b), (c) and (d), as tsc emits it (target ES2022), passes `node --check` under the
//       Node running the tests (20.x, the oldest supported engine: tests/fixes/node-check.ts).
// Files are fixed in memory (ESLint's `lintText` with the fixture's path, so path-dependent behaviour such
// as Next.js route detection is the same as on disk) and type-checked together in ONE TypeScript Program:
// each fixed text is served by the compiler host as a file next to its original
// (`x.fix.ts`, `x.suggestion-<finding>-<n>.ts`, `x.fix-all.ts`), so relative imports resolve the same.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { loadBuiltPlugin, root } from '../helpers/built-plugin.js';
import { emitJavaScript, nodeCheck, nodeMajor } from './node-check.js';

const NAMESPACE = 'connection-hygiene';
const fixtureRoot = join(root, 'tests', 'fixtures', 'fixes-typed');
/** Files that support the fixtures (never linted as fixtures themselves). */
const SUPPORT = new Set(['generated/prisma/client.ts']);

/**
 * Suggestions that cannot be type-safe by construction, with the reason. Keyed by
 * the test name, `<file> <ruleId>/<messageId> → <suggestion messageId>`. Empty: every suggestion type-checks.
 */
const NOT_TYPE_SAFE: Readonly<Record<string, string>> = {};

/**
 * Rules that stay silent on a node another rule owns, so that a fix of the owner may reveal the same defect
 * to them: a pool created in a loop inside a function is no-pool-in-loop's; once hoisted out of the loop it
 * is still created per call, which prefer-singleton-pool reports. That finding, on the same creation, is
 * not new: the code had it before the fix, under the owner's name.
 */
const HANDOVERS: Readonly<Record<string, readonly string[]>> = {
  [`${NAMESPACE}/no-pool-in-loop`]: [`${NAMESPACE}/prefer-singleton-pool`],
};

const plugin = await loadBuiltPlugin();

function eslintFor(fix: boolean, autofix: 'safe' | 'all' = 'safe'): ESLint {
  return new ESLint({
    cwd: fixtureRoot,
    overrideConfigFile: true,
    fix,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser }, settings: { [NAMESPACE]: { autofix } } },
      plugin.configs.all,
      // `*.recycling.*` fixtures exercise the settings that only `requireRecycling` asks for.
      { files: ['**/*.recycling.*'], rules: { [`${NAMESPACE}/require-pool-limits`]: ['error', { requireRecycling: true }] } },
    ] as never,
  });
}
const linter = eslintFor(false);
const fixer = eslintFor(true);
const fixerAll = eslintFor(true, 'all');

const fixtures = readdirSync(fixtureRoot, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && !SUPPORT.has(file))
  .sort();

// ---------------------------------------------------------------------------------------------------
// Text positions and regions

interface Finding {
  ruleId: string;
  messageId: string;
  line: number;
  column: number;
  start: number;
  end: number;
  message: Linter.LintMessage;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

function offset(starts: number[], line: number, column: number): number {
  return (starts[line - 1] ?? 0) + column - 1;
}

/** The plugin's findings in a lint result; throws on a parse error or a message of no rule. */
function findings(text: string, messages: readonly Linter.LintMessage[], where: string): Finding[] {
  const starts = lineStarts(text);
  return messages.flatMap((m) => {
    if (m.fatal === true || m.ruleId === null) throw new Error(`${where}:${m.line}:${m.column} does not parse: ${m.message}\n\n${text}`);
    if (!m.ruleId.startsWith(`${NAMESPACE}/`)) return [];
    const start = offset(starts, m.line, m.column);
    const end = m.endLine === undefined ? start : offset(starts, m.endLine, m.endColumn ?? m.column);
    return [{ ruleId: m.ruleId, messageId: m.messageId ?? '', line: m.line, column: m.column, start, end, message: m }];
  });
}

async function lint(text: string, file: string): Promise<Finding[]> {
  const [result] = await linter.lintText(text, { filePath: join(fixtureRoot, file) });
  return findings(text, result?.messages ?? [], file);
}

/** The changed region of an edit: common prefix and suffix removed. */
interface Region {
  start: number;
  beforeEnd: number;
  afterEnd: number;
}

function changedRegion(before: string, after: string): Region {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before[start] === after[start]) start++;
  let suffix = 0;
  while (suffix < max - start && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  return { start, beforeEnd: before.length - suffix, afterEnd: after.length - suffix };
}

const touches = (f: Finding, start: number, end: number) => f.start <= end && f.end >= start;
const kind = (f: Pick<Finding, 'ruleId' | 'messageId'>) => `${f.ruleId}/${f.messageId}`;

function countBy(list: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of list) counts.set(kind(f), (counts.get(kind(f)) ?? 0) + 1);
  return counts;
}

/**
 * Findings after the edit that touch the changed region and outnumber those of the same kind before it,
 * except a finding handed over (HANDOVERS) on a node with the same text as the owner's finding before.
 */
function newInRegion(original: string, before: readonly Finding[], after: readonly Finding[], region: Region, text: string): string[] {
  const was = countBy(before.filter((f) => touches(f, region.start, region.beforeEnd)));
  const handedOver = (f: Finding) =>
    before.some((b) => HANDOVERS[b.ruleId]?.includes(f.ruleId) === true && original.slice(b.start, b.end) === text.slice(f.start, f.end));
  const now = after.filter((f) => touches(f, region.start, region.afterEnd) && !handedOver(f));
  const seen = new Map<string, number>();
  const extra: string[] = [];
  for (const f of now) {
    const n = (seen.get(kind(f)) ?? 0) + 1;
    seen.set(kind(f), n);
    if (n > (was.get(kind(f)) ?? 0)) extra.push(`${f.line}:${f.column} ${kind(f)}: ${f.message.message}`);
  }
  return extra.length === 0 ? [] : [...extra, '', text];
}

/** A finding kind that an edit was meant to remove must be fewer after it. */
function stillThere(before: readonly Finding[], after: readonly Finding[], fixed: readonly Finding[]): string[] {
  const was = countBy(before);
  const now = countBy(after);
  const meant = countBy(fixed);
  return [...meant].filter(([k, n]) => (now.get(k) ?? 0) > (was.get(k) ?? 0) - n).map(([k]) => k);
}

// ---------------------------------------------------------------------------------------------------
// Type-checking: one Program over the fixtures and every fixed text, served in memory

const tsconfig = ts.getParsedCommandLineOfConfigFile(join(fixtureRoot, 'tsconfig.json'), {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => {
    throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  },
});
if (tsconfig === undefined) throw new Error('tests/fixtures/fixes-typed/tsconfig.json cannot be read');
const baseHost = ts.createCompilerHost(tsconfig.options, true);
/** Diagnostics per fixture-project file, for a Program over the fixtures plus `overrides` (path → text). */
function typeCheck(overrides: ReadonlyMap<string, string>): Map<string, string[]> {
  const host: ts.CompilerHost = {
    ...baseHost,
    fileExists: (f) => overrides.has(f) || baseHost.fileExists(f),
    readFile: (f) => overrides.get(f) ?? baseHost.readFile(f),
    getSourceFile: (f, language, onError) => {
      const text = overrides.get(f);
      return text !== undefined ? ts.createSourceFile(f, text, language, true) : baseHost.getSourceFile(f, language, onError);
    },
  };
  const rootNames = [...new Set([...tsconfig!.fileNames, ...overrides.keys()])];
  const program = ts.createProgram({ rootNames, options: tsconfig!.options, host });
  const format = (d: ts.Diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (d.file === undefined || d.start === undefined) return `TS${d.code}: ${message}`;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${line + 1}:${character + 1} TS${d.code}: ${message}`;
  };
  const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()].map(format);
  if (global.length > 0) throw new Error(global.join('\n'));
  const result = new Map<string, string[]>();
  for (const sf of program.getSourceFiles()) {
    if (relative(fixtureRoot, sf.fileName).startsWith('..') || sf.fileName.includes('/node_modules/')) continue;
    result.set(sf.fileName, [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)].map(format));
  }
  return result;
}

function memo<T>(compute: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: compute() }).v;
}

const abs = (file: string) => join(fixtureRoot, file).split('\\').join('/');

// ---------------------------------------------------------------------------------------------------
// The original fixtures

interface Fixture {
  file: string;
  text: string;
  findings: Finding[];
}

const originals: Fixture[] = await Promise.all(
  fixtures.map(async (file) => {
    const text = readFileSync(join(fixtureRoot, file), 'utf8');
    return { file, text, findings: await lint(text, file) };
  }),
);

const ruleOf = (file: string) => `${NAMESPACE}/${file.split('/')[0] ?? ''}`;

describe('(a) the fixtures as written', () => {
  it('type-check (tsc --noEmit over the fixture project)', () => {
    const originalsOnly = new Set([...fixtures, ...SUPPORT].map(abs));
    const diagnostics = [...program()].filter(([f]) => originalsOnly.has(f));
    const errors = diagnostics.filter(([, d]) => d.length > 0).map(([f, d]) => `${relative(fixtureRoot, f)}\n  ${d.join('\n  ')}`);
    expect(errors).toEqual([]);
    expect(diagnostics.length, 'every fixture is in the Program').toBe(originalsOnly.size);
  });

  it.each(originals.map((o) => [o.file, o] as const))('%s is reported by its rule with a fix or a suggestion', (_, fixture) => {
    const own = fixture.findings.filter((f) => f.ruleId === ruleOf(fixture.file));
    expect(own.map(kind), 'reported by the rule of its folder').not.toEqual([]);
    expect(own.some((f) => f.message.fix !== undefined || (f.message.suggestions?.length ?? 0) > 0)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------
// (b) eslint --fix

interface FixCase {
  fixture: Fixture;
  output: string;
  remaining: readonly Linter.LintMessage[];
  virtualPath: string;
}

async function fixAll(eslint: ESLint, suffix: string): Promise<FixCase[]> {
  const cases = await Promise.all(
    originals.map(async (fixture) => {
      const [result] = await eslint.lintText(fixture.text, { filePath: join(fixtureRoot, fixture.file) });
      if (result?.output === undefined) return [];
      return [{ fixture, output: result.output, remaining: result.messages, virtualPath: abs(fixture.file).replace(/\.ts$/, `.${suffix}.ts`) }];
    }),
  );
  return cases.flat();
}

const fixCases = await fixAll(fixer, 'fix');

describe('(b) eslint --fix', () => {
  it('has fixes to check', () => {
    expect(fixCases.length).toBeGreaterThan(10);
  });

  it.each(fixCases.map((c) => [c.fixture.file, c] as const))('%s', async (file, { fixture, output, remaining, virtualPath }) => {
    const after = await lint(output, file);
    const fixed = fixture.findings.filter((f) => f.message.fix !== undefined);
    expect(fixed, 'a finding with a fix').not.toEqual([]);
    expect(findings(output, remaining, file).filter((f) => f.message.fix !== undefined).map(kind), 'fixes reach a fixed point').toEqual([]);
    expect(stillThere(fixture.findings, after, fixed), 'the fixed findings are gone').toEqual([]);
    expect(newInRegion(fixture.text, fixture.findings, after, changedRegion(fixture.text, output), output), 'nothing new in the fixed region').toEqual([]);
    expect(program().get(virtualPath), `type-checks after --fix:\n${output}`).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------
// (c) every suggestion, applied alone

interface SuggestionCase {
  name: string;
  fixture: Fixture;
  finding: Finding;
  output: string;
  /** Where the type-checker sees it: next to the original, so relative imports resolve the same. */
  virtualPath: string;
}

const suggestionCases: SuggestionCase[] = originals.flatMap((fixture) =>
  fixture.findings.flatMap((finding, i) =>
    (finding.message.suggestions ?? []).map((suggestion, j) => {
      const [from, to] = suggestion.fix.range;
      const output = fixture.text.slice(0, from) + suggestion.fix.text + fixture.text.slice(to);
      const virtualPath = abs(fixture.file).replace(/\.ts$/, `.suggestion-${i}-${j}.ts`);
      const name = `${fixture.file} ${kind(finding)} → ${suggestion.messageId ?? `#${j}`}`;
      return { name, fixture, finding, output, virtualPath };
    }),
  ),
);


describe('(c) each suggestion alone', () => {
  it('has suggestions to check', () => {
    expect(suggestionCases.length).toBeGreaterThan(30);
  });

  it.each(suggestionCases.map((c) => [c.name, c] as const))('%s', async (name, { fixture, finding, output, virtualPath }) => {
    expect(output, 'the suggestion changes the code').not.toBe(fixture.text);
    const after = await lint(output, fixture.file);
    expect(stillThere(fixture.findings, after, [finding]), 'the finding is gone').toEqual([]);
    expect(newInRegion(fixture.text, fixture.findings, after, changedRegion(fixture.text, output), output), 'nothing new in the changed region').toEqual([]);
    const diagnostics = program().get(virtualPath);
    const reason = NOT_TYPE_SAFE[name];
    if (reason !== undefined) expect(diagnostics, `documented as not type-safe: ${reason}`).not.toEqual([]);
    else expect(diagnostics, `type-checks after the suggestion:\n${output}`).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------
// (d) eslint --fix with autofix: "all"

const fixAllCases = await fixAll(fixerAll, 'fix-all');

describe('(d) eslint --fix with autofix: "all"', () => {
  it('fixes every fixture', () => {
    expect(fixAllCases.map((c) => c.fixture.file)).toEqual(fixtures);
  });

  it.each(fixAllCases.map((c) => [c.fixture.file, c] as const))('%s', async (file, { fixture, output, remaining, virtualPath }) => {
    const after = await lint(output, file);
    const fixed = fixture.findings.filter((f) => f.message.fix !== undefined || (f.message.suggestions?.length ?? 0) > 0);
    expect(findings(output, remaining, file).filter((f) => f.message.fix !== undefined).map(kind), 'fixes reach a fixed point').toEqual([]);
    expect(stillThere(fixture.findings, after, fixed), 'the fixed findings are gone').toEqual([]);
    expect(newInRegion(fixture.text, fixture.findings, after, changedRegion(fixture.text, output), output), 'nothing new in the fixed region').toEqual([]);
    expect(program().get(virtualPath), `type-checks after --fix:\n${output}`).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------
// (e) the emitted JavaScript of every output runs (parses under this Node)

const runCases = [
  ...fixCases.map((c) => ({ name: `--fix ${c.fixture.file}`, output: c.output, virtualPath: c.virtualPath })),
  ...suggestionCases.map((c) => ({ name: c.name, output: c.output, virtualPath: c.virtualPath })),
  ...fixAllCases.map((c) => ({ name: `--fix (autofix: all) ${c.fixture.file}`, output: c.output, virtualPath: c.virtualPath })),
];
const runErrors = await nodeCheck(runCases.map((c) => ({ code: emitJavaScript(c.output, c.virtualPath) })));

describe(`(e) node --check on the emitted JavaScript (Node ${process.versions.node})`, () => {
  it('runs under Node 20 or later (the oldest supported engine is 20)', () => {
    expect(nodeMajor).toBeGreaterThanOrEqual(20);
  });

  it.each(runCases.map((c, i) => [c.name, runErrors[i] ?? ''] as const))('%s', (_, error) => {
    expect(error).toBe('');
  });
});

/** The one Program: the fixtures, and every fixed text of (b), (c) and (d) next to its original. */
const program = memo(() =>
  typeCheck(new Map([...fixCases, ...suggestionCases, ...fixAllCases].map((c) => [c.virtualPath, c.output]))),
);

// The fixture folders name rules; a typo would silently test nothing.
describe('fixture layout', () => {
  it('every folder is a rule of the plugin', () => {
    const folders = new Set(fixtures.map((f) => f.split('/')[0] ?? ''));
    for (const folder of folders) expect(Object.keys(plugin.rules)).toContain(folder);
  });
});
