// The built plugin must not load `eslint` at runtime (DESIGN.md §5: `eslint` is a peer; oxlint users
// may not have it). A fresh `node` records every module it loads (ESM resolve hook + require.cache,
// tests/helpers/record-loads/register.mjs); the same recorder is shown to catch `eslint` when it is loaded.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distIndex, distProblem, root } from './helpers/built-plugin.js';

const recorder = join(root, 'tests', 'helpers', 'record-loads', 'register.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'record-loads-'));
let runs = 0;

/** Runs `code` (an ES module) in a fresh node with the recorder; returns stdout and the loaded files. */
function runRecorded(code: string): { stdout: string; loaded: string[] } {
  const out = join(scratch, `loads-${runs++}.txt`);
  const stdout = execFileSync(process.execPath, ['--no-warnings', '--import', pathToFileURL(recorder).href, '--input-type=module', '-e', code], {
    cwd: root,
    env: { ...process.env, RECORD_LOADS_OUT: out },
    encoding: 'utf8',
  });
  const loaded = [...new Set(readFileSync(out, 'utf8').split('\n').filter((url) => url.startsWith('file:')))].map((url) => fileURLToPath(url));
  return { stdout, loaded };
}

const eslintPackage = /[\\/]node_modules[\\/](eslint|eslint-v9)[\\/]/;

describe('the built plugin at runtime', () => {
  beforeAll(() => {
    const problem = distProblem();
    if (problem !== null) throw new Error(`This test needs the built plugin: ${problem}`);
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('the recorder sees an `import` of eslint (ESM hook path)', () => {
    const { loaded } = runRecorded(`await import('eslint');`);
    expect(loaded.some((file) => eslintPackage.test(file))).toBe(true);
  });

  it('the recorder sees a `require` of eslint (CommonJS path)', () => {
    const { loaded } = runRecorded(`import { createRequire } from 'node:module'; createRequire(import.meta.url)('eslint-v9');`);
    expect(loaded.some((file) => /[\\/]node_modules[\\/]eslint-v9[\\/]/.test(file))).toBe(true);
  });

  it('loading dist/src/index.js loads no package at all: not eslint, not typescript-eslint, not typescript', () => {
    const { stdout, loaded } = runRecorded(`
      const { default: plugin } = await import(${JSON.stringify(pathToFileURL(distIndex).href)});
      console.log(JSON.stringify({ rules: Object.keys(plugin.rules).length }));
    `);
    expect(loaded).toContain(distIndex);
    expect(loaded.filter((file) => file.includes(`${sep}node_modules${sep}`))).toEqual([]);
    expect(JSON.parse(stdout)).toHaveProperty('rules');
  });

  it('require() of the built plugin returns the plugin object itself (the "module.exports" export)', () => {
    const { stdout } = runRecorded(`
      import { createRequire } from 'node:module';
      const path = ${JSON.stringify(distIndex)};
      const required = createRequire(import.meta.url)(path);
      const imported = (await import(${JSON.stringify(pathToFileURL(distIndex).href)})).default;
      console.log(JSON.stringify({
        same: required === imported,
        name: required.meta?.name,
        hasRules: typeof required.rules === 'object',
        hasConfigs: typeof required.configs === 'object',
      }));
    `);
    expect(JSON.parse(stdout)).toEqual({ same: true, name: 'eslint-plugin-connection-hygiene', hasRules: true, hasConfigs: true });
  });
});
