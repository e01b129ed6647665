// The README's complete config files, run as a user would: each `js` block that is a whole
// eslint.config.js (it imports the plugin and `export default`s a config) is written into a temporary
// project whose node_modules links this package (the built plugin, through package.json `exports`),
// eslint, typescript-eslint, typescript and the pg typings. Every such config must load; the
// type-aware example must really lint TypeScript files with type information (a finding that only
// types reveal), and JavaScript files without it. The README's `.oxlintrc.json` block must make
// oxlint report the plugin's findings.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeBlocks } from '../helpers/markdown.js';
import { loadBuiltPlugin, root } from '../helpers/built-plugin.js';

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const blocks = codeBlocks(readme);
const configFiles = blocks.filter((b) => b.lang === 'js' && /from 'eslint-plugin-connection-hygiene'/.test(b.code) && /^export default /m.test(b.code));
const typeAware = configFiles.filter((b) => b.code.includes("configs['recommended-type-checked']"));
const oxlintrc = blocks.filter((b) => b.lang === 'json' && b.code.includes('"extends"'));

/** What calculateConfigForFile gives, as far as read here. */
type Config = {
  languageOptions?: { parser?: { meta?: { name?: string } }; parserOptions?: { projectService?: unknown } };
  settings?: { 'connection-hygiene'?: { typeAware?: boolean } };
  rules?: Record<string, unknown>;
};

const LINKED = ['eslint', 'typescript-eslint', '@typescript-eslint', 'typescript', '@types', 'pg'];

let temp = '';
let count = 0;

beforeAll(async () => {
  await loadBuiltPlugin(); // fails with a clear message when dist/ is stale
  temp = mkdtempSync(join(tmpdir(), 'connection-hygiene-readme-'));
});

afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

/** A user project: package.json, node_modules links, tsconfig.json and a few source files. */
function project(): string {
  const dir = join(temp, `project-${count++}`);
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  mkdirSync(join(dir, 'src'));
  for (const name of LINKED) symlinkSync(join(root, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
  symlinkSync(root, join(dir, 'node_modules', 'eslint-plugin-connection-hygiene'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'module' }));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', types: ['node'], skipLibCheck: true }, include: ['src'] }),
  );
  // an in-house wrapper in the project's own module: only its declared type shows that it lends a lease
  writeFileSync(
    join(dir, 'src', 'db.ts'),
    `import pg from 'pg';\nconst pool = new pg.Pool();\nexport function getClient(): Promise<pg.PoolClient> {\n  return pool.connect();\n}\n`,
  );
  writeFileSync(
    join(dir, 'src', 'users.ts'),
    `import { getClient } from './db.js';\n\nexport async function findUser(id: string) {\n  const client = await getClient();\n  const { rows } = await client.query('select * from users where id = $1', [id]);\n  client.release();\n  return rows[0];\n}\n`,
  );
  writeFileSync(
    join(dir, 'src', 'plain.js'),
    `import { Pool } from 'pg';\nconst pool = new Pool();\n\nexport async function count() {\n  const client = await pool.connect();\n  return client.query('select count(*) from users');\n}\n`,
  );
  return dir;
}

async function lint(dir: string, configCode: string): Promise<string[]> {
  writeFileSync(join(dir, 'eslint.config.js'), configCode);
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: join(dir, 'eslint.config.js') });
  const results = await eslint.lintFiles(['src']);
  return results.flatMap((r) =>
    r.messages.map((m) => {
      if (m.fatal === true || m.ruleId === null) throw new Error(`${r.filePath}:${m.line}:${m.column} ${m.message}`);
      return `${r.filePath.slice(dir.length + 1)}:${m.line} ${m.ruleId}`;
    }),
  );
}

describe('README config files', () => {
  it('are found (the usage, type-aware and settings examples)', () => {
    expect(configFiles.length).toBeGreaterThanOrEqual(3);
    expect(typeAware).toHaveLength(1);
    expect(oxlintrc).toHaveLength(1);
  });

  it.each(configFiles.map((b) => [b.line, b.code] as const))('the block at README.md:%i loads and lints the JavaScript file', async (_line, code) => {
    const findings = await lint(project(), code);
    expect(findings).toContain('src/plain.js:5 connection-hygiene/require-release');
  });

  it('the type-aware example lints TypeScript files with type information, and JavaScript files without', async () => {
    const findings = await lint(project(), typeAware[0]!.code);
    // `getClient()` is declared in the project's own db.ts: found only through its type
    expect(findings).toContain('src/users.ts:4 connection-hygiene/require-release');
    expect(findings).toContain('src/plain.js:5 connection-hygiene/require-release');
  });

  it('the type-aware example gives TypeScript files a typed parser and typeAware, and JavaScript files neither', async () => {
    const dir = project();
    writeFileSync(join(dir, 'eslint.config.js'), typeAware[0]!.code);
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: join(dir, 'eslint.config.js') });
    const ts = (await eslint.calculateConfigForFile(join(dir, 'src', 'users.ts'))) as Config;
    expect(ts.languageOptions?.parser?.meta?.name).toBe('typescript-eslint/parser');
    expect(ts.languageOptions?.parserOptions?.projectService).toBe(true);
    expect(ts.settings?.['connection-hygiene']?.typeAware).toBe(true);
    expect(ts.rules?.['connection-hygiene/require-release']).toEqual([2]);
    const js = (await eslint.calculateConfigForFile(join(dir, 'src', 'plain.js'))) as Config;
    expect(js.settings?.['connection-hygiene']?.typeAware).toBeUndefined();
    expect(js.rules?.['connection-hygiene/require-release']).toEqual([2]);
  });
});

describe("README's .oxlintrc.json", () => {
  it('loads the plugin through the shipped config and reports its findings', () => {
    const dir = project();
    writeFileSync(join(dir, '.oxlintrc.json'), oxlintrc[0]!.code);
    const run = spawnSync(process.execPath, [join(root, 'node_modules', '.bin', 'oxlint'), '--format', 'json', 'src'], { cwd: dir, encoding: 'utf8' });
    if (run.error) throw run.error;
    expect([0, 1], run.stderr).toContain(run.status);
    const json = JSON.parse(run.stdout) as { diagnostics: Array<{ code: string; filename: string }> };
    const ours = json.diagnostics.filter((d) => d.code.startsWith('connection-hygiene(')).map((d) => `${d.filename} ${d.code}`);
    expect(ours).toContain('src/plain.js connection-hygiene(require-release)');
  });
});
