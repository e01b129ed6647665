// A wrong `settings["connection-hygiene"]` as a user meets it: the ESLint CLI (10, and 9 through the
// `eslint-v9` alias) with an eslint.config.js that uses the BUILT plugin. ESLint reports an exception
// thrown while a rule starts as "Oops! Something went wrong!" and prints `error.stack`, after prefixing
// the message with the rule that happened to run first. The plugin's SettingsError must read as a
// configuration error: it names the setting and the allowed ones, says where to fix it, and shows
// neither the plugin's call stack nor a rule to blame.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distIndex, loadBuiltPlugin, root } from '../helpers/built-plugin.js';

const CLIS = [
  { name: 'ESLint 10', bin: join(root, 'node_modules', 'eslint', 'bin', 'eslint.js') },
  { name: 'ESLint 9', bin: join(root, 'node_modules', 'eslint-v9', 'bin', 'eslint.js') },
] as const;

const code = `import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function f() {\n  const c = await pool.connect();\n  return 1;\n}\n`;

let temp = '';

beforeAll(async () => {
  await loadBuiltPlugin(); // fails with a clear message when dist/ is stale
  temp = mkdtempSync(join(tmpdir(), 'connection-hygiene-settings-'));
  writeFileSync(join(temp, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'module' }));
  writeFileSync(join(temp, 'db.js'), code);
});

afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

function writeConfig(settings: unknown): void {
  writeFileSync(
    join(temp, 'eslint.config.js'),
    [
      `import connectionHygiene from ${JSON.stringify(pathToFileURL(distIndex).href)};`,
      `export default [`,
      `  connectionHygiene.configs.recommended,`,
      `  { settings: { 'connection-hygiene': ${JSON.stringify(settings)} } },`,
      `];`,
      ``,
    ].join('\n'),
  );
}

function cli(bin: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [bin, 'db.js'], { cwd: temp, encoding: 'utf8' });
  if (run.error) throw run.error;
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const cases = [
  {
    settings: { ownershipFunction: ['withClient'] },
    message:
      'connection-hygiene: invalid settings: settings["connection-hygiene"].ownershipFunction is not a setting of this plugin; the settings are resources, ownershipFunctions, typeAware, followImports, autofix',
    hint: 'Did you mean "ownershipFunctions"?',
  },
  {
    settings: { typeaware: true },
    message: 'connection-hygiene: invalid settings: settings["connection-hygiene"].typeaware is not a setting of this plugin',
    hint: 'Did you mean "typeAware"?',
  },
  {
    settings: { autofix: 'yes' },
    message: 'connection-hygiene: invalid settings: settings["connection-hygiene"].autofix must be "safe" or "all", got "yes".',
    hint: 'Fix it in the "settings" of your lint config (eslint.config.js, or .oxlintrc.json with oxlint).',
  },
  {
    settings: ['withClient'],
    message: 'connection-hygiene: invalid settings: settings["connection-hygiene"] must be an object with the keys resources, ownershipFunctions',
    hint: 'Fix it in the "settings" of your lint config (eslint.config.js, or .oxlintrc.json with oxlint).',
  },
];

describe.each(CLIS)('$name CLI with a wrong setting', ({ bin }) => {
  it.each(cases)('$settings: a configuration error that names the setting and the allowed ones', ({ settings, message, hint }) => {
    writeConfig(settings);
    const { status, output } = cli(bin);
    expect(status).toBe(2);
    expect(output).toContain(`SettingsError: ${message}`);
    expect(output).toContain(hint);
    expect(output).toContain('not a problem of the linted file, nor of any one rule');
    // no rule blamed, no call stack of the plugin
    expect(output).not.toMatch(/Error while loading rule|Rule: "connection-hygiene\//);
    expect(output).not.toMatch(/^\s+at /m);
  });

  it('a correct setting lints as usual', () => {
    writeConfig({ ownershipFunctions: ['withClient'], autofix: 'safe' });
    const { status, output } = cli(bin);
    expect(output).toContain('connection-hygiene/require-release');
    expect(status).toBe(1);
  });
});

describe('the ESLint API', () => {
  it('rejects with the SettingsError; its message still carries what ESLint adds', async () => {
    const plugin = await loadBuiltPlugin();
    const eslint = new ESLint({
      cwd: temp,
      overrideConfigFile: true,
      overrideConfig: [plugin.configs.recommended, { settings: { 'connection-hygiene': { autofix: 'yes' } } }] as never,
    });
    const error = await eslint.lintText(code, { filePath: join(temp, 'db.js') }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.name).toBe('SettingsError');
    expect(error?.message).toContain('settings["connection-hygiene"].autofix must be "safe" or "all", got "yes".');
    expect(error?.stack).toMatch(/^SettingsError: connection-hygiene: invalid settings: /);
  });
});
