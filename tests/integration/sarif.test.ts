// CI code scanning: the ESLint CLI (`node_modules/.bin/eslint`) with the SARIF formatter
// (`--format @microsoft/eslint-formatter-sarif`) and a config that uses the BUILT plugin, over
// tests/fixtures/integration/. Every SARIF result must carry the rule id, the file URI and the region
// (startLine/startColumn/endLine/endColumn) of the same finding in the CLI's own `--format json` output,
// and the run's rule metadata must give each rule's documentation URL as `helpUri`. SARIF 2.1.0 counts
// columns in UTF-16 code units unless the run says otherwise, as ESLint does; unicode.ts has non-ASCII
// text before a finding on the same line to show the region still selects the reported code.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltPlugin, distIndex, loadBuiltPlugin, root } from '../helpers/built-plugin.js';

const NAMESPACE = 'connection-hygiene';
const fixtures = join(root, 'tests', 'fixtures', 'integration');
const eslintBin = join(root, 'node_modules', '.bin', 'eslint');

interface Region {
  startLine?: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}

interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; rules?: Array<{ id: string; helpUri?: string; shortDescription?: { text: string } }> } };
    columnKind?: string;
    results: Array<{
      ruleId?: string;
      ruleIndex?: number;
      level: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string; index: number }; region?: Region } }>;
    }>;
    invocations?: Array<{ executionSuccessful: boolean; toolConfigurationNotifications?: unknown[] }>;
  }>;
}

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; message: string; line: number; column: number; endLine?: number; endColumn?: number; fatal?: boolean }>;
}

interface Located {
  ruleId: string;
  uri: string;
  startLine: number;
  startColumn: number;
  endLine: number | undefined;
  endColumn: number | undefined;
  message: string;
}

const key = (l: Located) => `${l.uri}:${l.startLine}:${l.startColumn} ${l.ruleId}`;

let plugin: BuiltPlugin;
let temp: string;
let config: string;
let sarif: SarifLog;
let json: JsonResult[];

function eslintCli(format: string): string {
  const run = spawnSync(process.execPath, [eslintBin, '--config', config, '--format', format, '.'], { cwd: fixtures, encoding: 'utf8' });
  if (run.error) throw run.error;
  // exit status 1 means "found errors"; anything else is a failure to run
  if (run.status !== 0 && run.status !== 1) throw new Error(`eslint exited with ${run.status}:\n${run.stderr}\n${run.stdout}`);
  return run.stdout;
}

beforeAll(async () => {
  plugin = await loadBuiltPlugin();
  temp = mkdtempSync(join(tmpdir(), 'connection-hygiene-sarif-'));
  config = join(temp, 'eslint.config.mjs');
  // What a user writes, with the plugin and the parser imported by absolute URL (the temp dir has no node_modules).
  const parser = pathToFileURL(createRequire(join(root, 'package.json')).resolve('@typescript-eslint/parser')).href;
  writeFileSync(
    config,
    [
      `import tsParser from ${JSON.stringify(parser)};`,
      `import connectionHygiene from ${JSON.stringify(pathToFileURL(distIndex).href)};`,
      `export default [`,
      `  { files: ['**/*.ts'], languageOptions: { parser: tsParser } },`,
      `  connectionHygiene.configs.all,`,
      `];`,
      ``,
    ].join('\n'),
  );
  json = JSON.parse(eslintCli('json')) as JsonResult[];
  sarif = JSON.parse(eslintCli('@microsoft/eslint-formatter-sarif')) as SarifLog;
}, 120_000);

afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

function fromJson(): Located[] {
  return json
    .flatMap((result) =>
      result.messages.map((m) => {
        if (m.fatal === true || m.ruleId === null) throw new Error(`${result.filePath}:${m.line}:${m.column} ${m.message}`);
        return { ruleId: m.ruleId, uri: pathToFileURL(result.filePath).href, startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn, message: m.message };
      }),
    )
    .sort((a, b) => key(a).localeCompare(key(b)));
}

function fromSarif(): Located[] {
  const run = sarif.runs[0]!;
  return run.results
    .map((r) => {
      const location = r.locations[0]!.physicalLocation;
      const region = location.region ?? {};
      return {
        ruleId: r.ruleId ?? '',
        uri: location.artifactLocation.uri,
        startLine: region.startLine ?? 0,
        startColumn: region.startColumn ?? 0,
        endLine: region.endLine,
        endColumn: region.endColumn,
        message: r.message.text,
      };
    })
    .sort((a, b) => key(a).localeCompare(key(b)));
}

describe('ESLint CLI with the SARIF formatter', () => {
  it('writes one SARIF 2.1.0 run of ESLint that completed without errors', () => {
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs).toHaveLength(1);
    const run = sarif.runs[0]!;
    expect(run.tool.driver.name).toBe('ESLint');
    // absent columnKind means utf16CodeUnits in SARIF 2.1.0 (§3.14.17), which is how ESLint counts
    expect(run.columnKind ?? 'utf16CodeUnits').toBe('utf16CodeUnits');
    expect(run.invocations?.[0]?.executionSuccessful ?? true).toBe(true);
  });

  it('has findings of the plugin to check', () => {
    const ours = fromJson().filter((l) => l.ruleId.startsWith(`${NAMESPACE}/`));
    expect(ours.length).toBeGreaterThanOrEqual(5);
  });

  it("gives each result the rule id, file URI, region and message of the CLI's JSON output", () => {
    expect(fromSarif()).toEqual(fromJson());
  });

  it('points file URIs at the linted files', () => {
    for (const l of fromSarif()) expect(() => readFileSync(fileURLToPath(l.uri))).not.toThrow();
  });

  it('gives every reported rule its metadata: helpUri is the rule documentation URL', () => {
    const run = sarif.runs[0]!;
    const rules = run.tool.driver.rules ?? [];
    for (const result of run.results) {
      const ruleId = result.ruleId!;
      if (!ruleId.startsWith(`${NAMESPACE}/`)) continue;
      const name = ruleId.slice(NAMESPACE.length + 1);
      const descriptor = rules[result.ruleIndex!];
      expect(descriptor?.id, `ruleIndex of ${ruleId}`).toBe(ruleId);
      expect(descriptor?.helpUri).toBe(plugin.rules[name]!.meta.docs?.url);
      expect(descriptor?.helpUri).toMatch(new RegExp(`/docs/rules/${name}\\.md$`));
      expect(descriptor?.shortDescription?.text).toBe(plugin.rules[name]!.meta.docs?.description);
    }
  });

  it('selects the reported code with its region, also after non-ASCII text on the line (unicode.ts)', () => {
    const result = fromSarif().find((l) => l.uri.endsWith('/unicode.ts') && l.ruleId === `${NAMESPACE}/require-release`);
    expect(result).toBeDefined();
    const line = readFileSync(fileURLToPath(result!.uri), 'utf8').split('\n')[result!.startLine - 1]!;
    expect(result!.endLine).toBe(result!.startLine);
    // SARIF columns are 1-based; endColumn is the column after the region
    expect(line.slice(result!.startColumn - 1, result!.endColumn! - 1)).toBe('pool.connect()');
  });
});
