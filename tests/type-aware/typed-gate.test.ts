// The typed gate (file-model.ts `typedGate`, type-resolver.ts `reachesDriver`): in typed mode a file
// without a driver import, evidence or project database module is admitted only when the program's
// import graph reaches a driver from it, or it imports a catalog type name. Method names alone
// (`.map(`, `.get(`, `.find(`, `.min(`) admit nothing, and a file that is not admitted costs no type query.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getFileModel, typedGateCount } from '../../src/analysis/file-model.js';
import { typeQueryCount, typeQuerySkips } from '../../src/analysis/type-resolver.js';
import plugin from '../../src/index.js';
import { root } from './typed-project.js';

/** Reports once per file whether the plugin built a model for it (`admitted`) or not (`skipped`). */
const gateRule: TSESLint.RuleModule<'gate', []> = {
  meta: { type: 'problem', schema: [], messages: { gate: '{{state}}' } },
  defaultOptions: [],
  create(context) {
    const model = getFileModel(context);
    return {
      Program(node) {
        context.report({ node, messageId: 'gate', data: { state: model === null ? 'skipped' : 'admitted' } });
      },
    };
  },
};

const files: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, skipLibCheck: true, noEmit: true, types: [] },
    include: ['**/*.ts'],
  }),
  // no driver import, no database module: array, Map and zod methods whose names the catalog also has
  'plain.ts': `import { z } from 'zod';
import { sizes } from './util';
const schema = z.object({ name: z.string().min(1) });
export const wider = schema.extend({ age: z.number().min(0) });
const cache = new Map<string, number>();
export function total(items: number[]): number {
  const doubled = items.map((n) => n * 2).filter((n) => n > 0);
  const found = doubled.find((n) => n > 10);
  return (cache.get('x') ?? 0) + (found ?? 0) + sizes.length;
}
`,
  'util.ts': `export const sizes = [1, 2, 3].map((n) => n * 2);\n`,
  // the driver two project files away: db/index.ts re-exports what db/pool.ts declares
  'db/pool.ts': `import { Pool, type PoolClient } from 'pg';
const pool = new Pool({ max: 10 });
export async function getClient(): Promise<PoolClient> {
  return pool.connect();
}
`,
  'db/index.ts': `export { getClient } from './pool';\n`,
  'service.ts': `import { getClient } from './db';
export async function leaks(id: number) {
  const client = await getClient();
  const rows = (await client.query('select * from users where id = $1', [id])).rows;
  return rows.map((row) => row.name);
}
`,
};

let dir: string;

async function lint(patterns: string[], typed: boolean): Promise<ESLint.LintResult[]> {
  const config = plugin.configs[typed ? 'recommended-type-checked' : 'recommended'];
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser, parserOptions: { project: './tsconfig.json', tsconfigRootDir: dir } },
        plugins: { 'connection-hygiene': plugin, test: { rules: { gate: gateRule } } as never },
        ...(config.settings ? { settings: config.settings } : {}),
        rules: { ...(config.rules as Linter.RulesRecord), 'test/gate': 'error' },
      },
    ],
  });
  return eslint.lintFiles(patterns);
}

const gateOf = (result: ESLint.LintResult): string | undefined => result.messages.find((m) => m.ruleId === 'test/gate')?.message;
const findingsOf = (result: ESLint.LintResult): string[] =>
  result.messages.filter((m) => m.ruleId?.startsWith('connection-hygiene/')).map((m) => `${m.line} ${m.ruleId} ${m.messageId}`);

describe('the typed gate', () => {
  beforeAll(() => {
    process.env.TSESTREE_SINGLE_RUN = 'false';
    dir = mkdtempSync(join(tmpdir(), 'ch-typed-gate-'));
    // the repository's own node_modules: pg's and zod's declarations resolve as in a real project
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('does not admit a file that only calls `.map(`/`.get(`/`.find(`/`.min(`/`.extend(`, and asks the checker nothing about it', async () => {
    const queries = typeQueryCount();
    const admissions = typedGateCount();
    const [plain] = await lint(['plain.ts'], true);
    expect(gateOf(plain!)).toBe('skipped');
    expect(findingsOf(plain!)).toEqual([]);
    expect(typeQueryCount() - queries).toBe(0);
    expect(typedGateCount() - admissions).toBe(0);
  });

  it('admits a file whose project module reaches pg through a re-export, and finds the lease its function returns', async () => {
    const admissions = typedGateCount();
    const [service] = await lint(['service.ts'], true);
    expect(gateOf(service!)).toBe('admitted');
    expect(typedGateCount() - admissions).toBe(1);
    expect(findingsOf(service!)).toEqual(['3 connection-hygiene/require-release neverReleased']);
  });

  it('without typeAware the same file is not admitted (the re-export is not followed syntactically)', async () => {
    const [service] = await lint(['service.ts'], false);
    expect(gateOf(service!)).toBe('skipped');
    expect(findingsOf(service!)).toEqual([]);
  });

  it('still asks about calls of a local function (a function root is never ruled out)', async () => {
    writeFileSync(
      join(dir, 'local.ts'),
      `import { getClient } from './db';
const lease = () => getClient();
export async function leaks() {
  const client = await lease();
  await client.query('select 1');
}
`,
    );
    const [local] = await lint(['local.ts'], true);
    expect(findingsOf(local!)).toEqual(['4 connection-hygiene/require-release neverReleased']);
  });

  it('in an admitted file, does not ask about receivers rooted in a library that reaches no driver', async () => {
    writeFileSync(
      join(dir, 'mixed.ts'),
      `import { z } from 'zod';
import { getClient } from './db';
const schema = z.object({ name: z.string() });
export const wider = schema.extend({ age: z.number().min(0) });
export const parsed = JSON.parse('{}').items;
export async function run() {
  const client = await getClient();
  try {
    await client.query('select 1');
  } finally {
    client.release();
  }
}
`,
    );
    const skips = typeQuerySkips();
    const [mixed] = await lint(['mixed.ts'], true);
    expect(gateOf(mixed!)).toBe('admitted');
    expect(findingsOf(mixed!)).toEqual([]);
    expect(typeQuerySkips() - skips).toBeGreaterThan(0);
  });
});
