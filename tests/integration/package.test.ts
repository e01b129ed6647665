// The package as published: what `npm pack` puts in the tarball, the metadata npm and the rule docs
// point users to, and the dependency specs a user's install resolves.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BuiltPlugin, loadBuiltPlugin, root } from '../helpers/built-plugin.js';

const REPOSITORY = 'https://github.com/connection-hygiene/eslint-plugin-connection-hygiene';

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  license: string;
  homepage: string;
  bugs: { url: string };
  repository: { type: string; url: string };
  dependencies?: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};

let plugin: BuiltPlugin;
beforeAll(async () => {
  plugin = await loadBuiltPlugin();
});

describe('package metadata', () => {
  it('names the repository, its home page and issue tracker', () => {
    expect(pkg.repository).toEqual({ type: 'git', url: `git+${REPOSITORY}.git` });
    expect(pkg.homepage).toBe(`${REPOSITORY}#readme`);
    expect(pkg.bugs).toEqual({ url: `${REPOSITORY}/issues` });
  });

  it('links every rule to its doc in that repository', () => {
    for (const [name, rule] of Object.entries(plugin.rules)) {
      expect(rule.meta.docs?.url, name).toBe(`${REPOSITORY}/blob/main/docs/rules/${name}.md`);
    }
  });

  it('is MIT licensed, with the license text', () => {
    expect(pkg.license).toBe('MIT');
    const license = readFileSync(join(root, 'LICENSE'), 'utf8');
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) 2026 eslint-plugin-connection-hygiene contributors\n/);
  });

  it('lets JavaScript projects and any TypeScript version install it: typescript is an optional peer with no upper bound', () => {
    expect(pkg.peerDependenciesMeta.typescript?.optional).toBe(true);
    expect(semver.satisfies('7.0.2', pkg.peerDependencies.typescript!)).toBe(true);
    expect(semver.satisfies('4.8.4', pkg.peerDependencies.typescript!)).toBe(true);
  });

  it('has no runtime dependency (a JavaScript project installs the plugin alone), and pins every dev dependency', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    for (const [name, spec] of Object.entries(pkg.devDependencies)) {
      const version = spec.startsWith('npm:') ? spec.slice(spec.lastIndexOf('@') + 1) : spec;
      expect(semver.valid(version), `${name}: ${spec}`).not.toBeNull();
    }
  });

});

describe('CommonJS', () => {
  it('require() of the package returns the plugin itself (Node require(esm) and the module.exports export)', () => {
    const code = `const p = require(${JSON.stringify(root)}); process.stdout.write(JSON.stringify([p.meta.name, Object.keys(p.configs)]));`;
    const run = spawnSync(process.execPath, ['-e', code], { cwd: root, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(['eslint-plugin-connection-hygiene', Object.keys(plugin.configs)]);
  });
});

describe('npm pack', () => {
  let files: string[] = [];
  beforeAll(() => {
    const run = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
    if (run.error) throw run.error;
    expect(run.status, run.stderr).toBe(0);
    files = (JSON.parse(run.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
  }, 60_000);

  it('ships the plugin, its types, docs, oxlint configs, README and LICENSE', () => {
    for (const file of ['dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/catalog/types.d.ts', 'configs/oxlint-recommended.json', 'README.md', 'LICENSE', 'package.json']) {
      expect(files, file).toContain(file);
    }
    expect(files.filter((f) => f.startsWith('docs/rules/')).length).toBe(Object.keys(plugin.rules).length);
  });

  it('ships no sources, tests or repository tooling', () => {
    expect(files.filter((f) => /^(src|rules|tests|bench|review|scripts|examples)\//.test(f))).toEqual([]);
  });

  it('has a .d.ts entry that every TypeScript version parses and that does not depend on ESLint or typescript-eslint types', () => {
    const dts = readFileSync(join(root, 'dist', 'src', 'index.d.ts'), 'utf8');
    expect(dts).not.toContain("'module.exports'");
    expect(dts).not.toMatch(/from '@typescript-eslint|from 'eslint'/);
  });
});
