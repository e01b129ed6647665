import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TSESLint } from '@typescript-eslint/utils';
import { rulesFor, settingsFor, type ConfigName } from './configs.js';
import { rules } from './rules.js';

const PACKAGE_NAME = 'eslint-plugin-connection-hygiene';

/** package.json of this package, found upwards from this file (it runs from `src/` in tests and `dist/src/` when built). */
function readPackageJson(): { name: string; version: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const json = JSON.parse(readFileSync(file, 'utf8')) as { name: string; version: string };
      if (json.name === PACKAGE_NAME) return json;
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`${PACKAGE_NAME}: cannot find its package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

const pkg = readPackageJson();

export const namespace = 'connection-hygiene';

export const configNames: readonly ConfigName[] = ['recommended', 'strict', 'recommended-type-checked', 'all'];

type FlatConfig = TSESLint.FlatConfig.Config;

const plugin = {
  meta: { name: pkg.name, version: pkg.version, namespace },
  rules,
  configs: {} as Record<ConfigName, FlatConfig>,
};

for (const name of configNames) {
  const settings = settingsFor(name, namespace);
  plugin.configs[name] = {
    name: `${namespace}/${name}`,
    plugins: { [namespace]: plugin as unknown as TSESLint.FlatConfig.Plugin },
    rules: rulesFor(name, rules, namespace),
    ...(settings ? { settings } : {}),
  };
}

export default plugin;
export { plugin as 'module.exports' };
