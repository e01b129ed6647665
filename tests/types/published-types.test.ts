// The published types (dist/src/*.d.ts), as a user's project sees them: a temporary project whose
// node_modules links `eslint-plugin-connection-hygiene` to this package (resolved through package.json
// `exports`, like an install), `eslint` (10, and 9 through the `eslint-v9` alias) and `typescript-eslint`,
// with eslint.config.ts files that use the plugin and its configs in every way the docs show. Each is
// type-checked by the lowest and the newest TypeScript the package claims (peerDependencies
// `typescript: >=4.8.4`): 4.8.4 and 7.0.2 (aliased dev dependencies `typescript-4.8`, `typescript-7`),
// and by 6.0.3, the newest that typescript-eslint 8 (typed linting) supports.
//
// Two checks per TypeScript version:
// - configs: ESLint's `defineConfig`, `Linter.Config[]`, `ESLint.Plugin`, typescript-eslint's
//   `FlatConfig.*` types and its (deprecated) `config()` accept the plugin and every config, with
//   `skipLibCheck` as users have it (ESLint's own .d.ts do not check on TypeScript 4.8 without it);
// - public API: the package's own .d.ts (entry and everything it imports) check with
//   `skipLibCheck: false`, and a wrong setting is a type error (so the check is not vacuous).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distProblem, root } from '../helpers/built-plugin.js';

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

const TYPESCRIPTS = [
  { alias: 'typescript-4.8', version: '4.8.4', role: 'lowest claimed' },
  { alias: 'typescript', version: '6.0.3', role: 'newest typescript-eslint 8 supports' },
  { alias: 'typescript-7', version: '7.0.2', role: 'newest claimed' },
] as const;

const ESLINTS = [
  { name: 'ESLint 10', dir: 'eslint' },
  { name: 'ESLint 9', dir: 'eslint-v9' },
] as const;

// --- the user's files -------------------------------------------------------------------------

const eslintConfig = `
import type { ESLint, Linter } from 'eslint';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import connectionHygiene from 'eslint-plugin-connection-hygiene';
import type { Resource, Settings } from 'eslint-plugin-connection-hygiene';
import type { FlatConfig } from 'typescript-eslint';

const acme: Resource = {
  id: 'acme-db',
  title: '@acme/db',
  checkedAgainst: { '@acme/db': '4.2.0' },
  modules: ['@acme/db'],
  exports: [{ path: ['createDbPool'], via: 'call', shape: 'DbPool' }],
  shapes: {
    DbPool: {
      role: 'pool',
      release: ['shutdown'],
      queries: ['run'],
      produces: [{ method: 'checkout', shape: 'DbLease', awaited: true }],
      lifetime: 'single',
    },
    DbLease: { role: 'lease', release: ['checkin'], discard: ['destroy'], queries: ['run'] },
  },
};
const settings: Settings = { resources: [acme], ownershipFunctions: ['withClient'], autofix: 'safe' };

// ESLint's defineConfig: a config as it is, in an array, in extends, and the plugin in plugins
export const one = defineConfig(connectionHygiene.configs.recommended);
export const several = defineConfig(
  connectionHygiene.configs.strict,
  [connectionHygiene.configs.all, connectionHygiene.configs['recommended-type-checked']],
  { files: ['**/*.ts'], extends: [connectionHygiene.configs.recommended] },
  { plugins: { 'connection-hygiene': connectionHygiene }, rules: { 'connection-hygiene/require-release': 'error' } },
  { settings: { 'connection-hygiene': settings } },
);

// ESLint's own types
export const plugin: ESLint.Plugin = connectionHygiene;
export const configs: Linter.Config[] = [
  connectionHygiene.configs.recommended,
  connectionHygiene.configs.strict,
  connectionHygiene.configs['recommended-type-checked'],
  connectionHygiene.configs.all,
  { plugins: { 'connection-hygiene': connectionHygiene } },
];

// with typescript-eslint, as its docs now recommend: ESLint's defineConfig with tseslint's parser and configs
export const typed = defineConfig(
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: '.' } },
  },
  tseslint.configs.recommended,
  connectionHygiene.configs['recommended-type-checked'],
);

// typescript-eslint's types and its (deprecated) config()
export const tsPlugin: FlatConfig.Plugin = connectionHygiene;
export const tsConfigs: FlatConfig.Config[] = [connectionHygiene.configs.recommended, { plugins: { 'connection-hygiene': connectionHygiene } }];
export const legacy = tseslint.config(connectionHygiene.configs.all, { files: ['**/*.ts'], extends: [connectionHygiene.configs.strict] });
`;

const publicApi = `
import connectionHygiene, { configNames, namespace } from 'eslint-plugin-connection-hygiene';
import type { Config, ConfigName, Plugin, Resource, Rule, RuleName, Settings, ShapeSpec } from 'eslint-plugin-connection-hygiene';

const plugin: Plugin = connectionHygiene;
const names: readonly ConfigName[] = configNames;
const recommended: Config = plugin.configs.recommended;
const rule: Rule = plugin.rules['require-release'];
const ruleName: RuleName = 'require-rollback';
const url: string | undefined = rule.meta.docs?.url;
const level: 'error' | undefined = recommended.rules['connection-hygiene/require-release'];
const typeAware: boolean | undefined = plugin.configs['recommended-type-checked'].settings?.['connection-hygiene'].typeAware;
const shape: ShapeSpec = { role: 'lease', release: ['checkin'] };
const resource: Resource = { id: 'x', title: 'x', checkedAgainst: {}, modules: ['./db'], exports: [], shapes: { Lease: shape } };
const settings: Settings = { resources: [resource], typeAware: false };
const ns: 'connection-hygiene' = namespace;
export { names, ruleName, url, level, typeAware, settings, ns };
`;

const wrongSetting = `
import type { Settings } from 'eslint-plugin-connection-hygiene';
export const settings: Settings = { autofix: 'everything' };
`;

// --- the project ------------------------------------------------------------------------------

let temp = '';

function tsconfig(files: string[], options: Record<string, unknown>): string {
  return JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: [], ...options },
    files,
  });
}

/** A user project with `eslint` linked to the given ESLint package of this repository. */
function project(eslintDir: string): string {
  const dir = join(temp, eslintDir);
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  symlinkSync(root, join(dir, 'node_modules', 'eslint-plugin-connection-hygiene'), 'dir');
  symlinkSync(join(root, 'node_modules', eslintDir), join(dir, 'node_modules', 'eslint'), 'dir');
  symlinkSync(join(root, 'node_modules', 'typescript-eslint'), join(dir, 'node_modules', 'typescript-eslint'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'module' }));
  writeFileSync(join(dir, 'eslint.config.ts'), eslintConfig);
  writeFileSync(join(dir, 'public-api.ts'), publicApi);
  writeFileSync(join(dir, 'wrong-setting.ts'), wrongSetting);
  writeFileSync(join(dir, 'tsconfig.configs.json'), tsconfig(['eslint.config.ts'], { skipLibCheck: true }));
  writeFileSync(join(dir, 'tsconfig.api.json'), tsconfig(['public-api.ts'], { skipLibCheck: false }));
  writeFileSync(join(dir, 'tsconfig.wrong.json'), tsconfig(['wrong-setting.ts'], { skipLibCheck: false }));
  writeFileSync(join(dir, 'tsconfig.bundler.json'), tsconfig(['eslint.config.ts', 'public-api.ts'], { module: 'ESNext', moduleResolution: 'Bundler', skipLibCheck: true }));
  return dir;
}

function tsc(alias: string, cwd: string, config: string): { status: number | null; output: string } {
  const bin = join(root, 'node_modules', alias, 'bin', 'tsc');
  const run = spawnSync(process.execPath, [bin, '-p', config, '--pretty', 'false'], { cwd, encoding: 'utf8' });
  if (run.error) throw run.error;
  return { status: run.status, output: `${run.stdout}${run.stderr}`.trim() };
}

function version(alias: string): string {
  return (JSON.parse(readFileSync(join(root, 'node_modules', alias, 'package.json'), 'utf8')) as { version: string }).version;
}

beforeAll(() => {
  const problem = distProblem();
  if (problem !== null) throw new Error(`The built plugin is needed: ${problem}`);
  temp = mkdtempSync(join(tmpdir(), 'connection-hygiene-types-'));
  for (const eslint of ESLINTS) project(eslint.dir);
});

afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

describe('TypeScript versions under test', () => {
  it('are the installed, exactly pinned aliases, and the lowest is the lowest the peer range claims', () => {
    for (const ts of TYPESCRIPTS) {
      expect(version(ts.alias), ts.alias).toBe(ts.version);
      const spec = pkg.devDependencies[ts.alias];
      expect(spec === ts.version || spec === `npm:typescript@${ts.version}`, `${ts.alias}: ${spec}`).toBe(true);
    }
    expect(pkg.peerDependencies.typescript).toBe(`>=${TYPESCRIPTS[0].version}`);
  });
});

describe.each(TYPESCRIPTS)('TypeScript $version ($role)', ({ alias }) => {
  it.each(ESLINTS)("$name: the configs and the plugin fit ESLint's and typescript-eslint's config types", ({ dir }) => {
    const result = tsc(alias, join(temp, dir), 'tsconfig.configs.json');
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it("the package's own .d.ts check without skipLibCheck and export what users need", () => {
    const result = tsc(alias, join(temp, 'eslint'), 'tsconfig.api.json');
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it('a wrong setting is a type error', () => {
    const result = tsc(alias, join(temp, 'eslint'), 'tsconfig.wrong.json');
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/wrong-setting\.ts\(3,\d+\): error TS2322: Type '"everything"' is not assignable to type /);
  });

  it.skipIf(alias === 'typescript-4.8')('moduleResolution "Bundler" (TypeScript 5.0 and later)', () => {
    const result = tsc(alias, join(temp, 'eslint'), 'tsconfig.bundler.json');
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });
});
