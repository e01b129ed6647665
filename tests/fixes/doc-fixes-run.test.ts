// Every remedy of every ❌ example in docs/rules/*.md — the autofix and each suggestion (tests/proof/
// doc-examples.ts `allRemedies`, with the BUILT plugin) — yields code that runs: JavaScript examples'
// output as written, TypeScript examples' output as tsc emits it (target ES2022), passes `node --check`
// under the Node running the tests (20.x here; Node 20 is the oldest supported engine). The doc
// examples are linted under docs/rules/, whose nearest package.json is this package's (`engines.node`
// admits Node 20), so a JavaScript `await using` suggestion there would fail this check.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBuiltPlugin, root } from '../helpers/built-plugin.js';
import { docExamples } from '../helpers/markdown.js';
import { allRemedies, type ExampleRef } from '../proof/doc-examples.js';
import { emitJavaScript, nodeCheck, nodeMajor } from './node-check.js';

const plugin = await loadBuiltPlugin();
const TS = new Set(['ts', 'typescript']);

const examples: Array<ExampleRef & { where: string }> = [];
for (const file of readdirSync(join(root, 'docs', 'rules')).filter((f) => f.endsWith('.md')).sort()) {
  const rule = file.slice(0, -3);
  let index = 0;
  for (const example of docExamples(readFileSync(join(root, 'docs', 'rules', file), 'utf8'))) {
    if (example.kind !== 'incorrect') continue;
    index++;
    examples.push({ ...example, rule, index, where: `${rule} ❌#${index} (line ${example.line})` });
  }
}

const cases = examples.flatMap((example) =>
  allRemedies(plugin, example).map((remedy) => ({
    name: `${example.where}: ${remedy.label}`,
    code: TS.has(example.lang) ? emitJavaScript(remedy.code, `example.${example.lang === 'typescript' ? 'ts' : example.lang}`) : remedy.code,
    ext: example.lang === 'cjs' ? ('cjs' as const) : ('mjs' as const),
    source: remedy.code,
  })),
);
const errors = await nodeCheck(cases);

describe(`doc examples: every fix and suggestion passes node --check (Node ${process.versions.node})`, () => {
  it('finds remedies to check', () => {
    expect(cases.length).toBeGreaterThan(40);
  });

  it('the check rejects what Node 20 and 22 reject: `await using` (Node 24+ only)', async () => {
    const [error] = await nodeCheck([{ code: 'export async function f(pool) {\n  await using conn = await pool.getConnection();\n}\n' }]);
    if (nodeMajor < 24) expect(error).toMatch(/SyntaxError/u);
    else expect(error).toBe('');
  });

  it.each(cases.map((c, i) => [c.name, c, errors[i] ?? ''] as const))('%s', (_, c, error) => {
    expect(error, c.source).toBe('');
  });
});
