// Code scanning (issue §5): the ESLint CLI with `@microsoft/eslint-formatter-sarif` on the example app
// (its own eslint.config.js, the built plugin's `strict` config) writes SARIF whose results are the
// plugin's findings, with the same rule ids and locations as ESLint's own JSON output.
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { distProblem, root } from '../helpers/built-plugin.js';

const examples = join(root, 'examples');
const eslintBin = join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');

function eslintCli(format: string): string {
  const run = spawnSync(process.execPath, [eslintBin, '--format', format, 'src'], { cwd: examples, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.status !== 0 && run.status !== 1) throw new Error(`eslint exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; rules?: Array<{ id: string; helpUri?: string }> } };
    results: Array<{
      ruleId: string;
      level: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endLine?: number; endColumn?: number } } }>;
    }>;
  }>;
}

describe('SARIF output', () => {
  it('carries every plugin finding with its rule and location', () => {
    expect(distProblem()).toBeNull();
    const json = JSON.parse(eslintCli('json')) as Array<{ filePath: string; messages: Array<{ ruleId: string | null; line: number; column: number; endLine?: number; endColumn?: number; message: string }> }>;
    const expected = json
      .flatMap((r) => r.messages.filter((m) => m.ruleId?.startsWith('connection-hygiene/')).map((m) => `${relative(examples, r.filePath)}:${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId} ${m.message}`))
      .sort();
    expect(expected.length).toBeGreaterThan(0);

    const sarif = JSON.parse(eslintCli('@microsoft/eslint-formatter-sarif')) as SarifLog;
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0]!;
    expect(run.tool.driver.name).toBe('ESLint');
    const actual = run.results
      .filter((r) => r.ruleId.startsWith('connection-hygiene/'))
      .map((r) => {
        const loc = r.locations[0]!.physicalLocation;
        const file = relative(examples, fileURLToPath(loc.artifactLocation.uri));
        return `${file}:${loc.region.startLine}:${loc.region.startColumn}-${loc.region.endLine}:${loc.region.endColumn} ${r.ruleId} ${r.message.text}`;
      })
      .sort();
    expect(actual).toEqual(expected);
    // rule metadata for the code-scanning UI: every reported rule is described, with its docs URL
    const described = new Map((run.tool.driver.rules ?? []).map((r) => [r.id, r.helpUri]));
    for (const r of run.results.filter((x) => x.ruleId.startsWith('connection-hygiene/'))) {
      expect(described.get(r.ruleId), `${r.ruleId} helpUri`).toMatch(/docs\/rules\//);
    }
  });
});
