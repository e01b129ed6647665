#!/usr/bin/env node
// Writes configs/oxlint-<config>.json: the rules of each ESLint config of the BUILT plugin (dist/, whose
// configs are derived from rule meta) as a ready .oxlintrc.json to `extends` from. Type-aware resolution
// is not available in oxlint, so there is no `recommended-type-checked` file. `--check` compares instead
// of writing and exits 1 on a difference (tests/integration/oxlint-configs.test.ts does the same).
// `npm run update:oxlint-configs` builds first.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const distIndex = join(root, 'dist', 'src', 'index.js');
export const OXLINT_CONFIGS = ['recommended', 'strict', 'all'];

/** The text of configs/oxlint-<name>.json for the plugin object. */
export function oxlintConfigText(plugin, name) {
  const rules = Object.fromEntries(Object.keys(plugin.configs[name].rules).sort().map((rule) => [rule, 'error']));
  return `${JSON.stringify({ jsPlugins: [plugin.meta.name], rules }, null, 2)}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!existsSync(distIndex)) {
    console.error('dist/src/index.js is missing: run `npm run build` first (`npm run update:oxlint-configs` does).');
    process.exit(2);
  }
  const { default: plugin } = await import(pathToFileURL(distIndex).href);
  const check = process.argv.includes('--check');
  let stale = 0;
  mkdirSync(join(root, 'configs'), { recursive: true });
  for (const name of OXLINT_CONFIGS) {
    const file = join(root, 'configs', `oxlint-${name}.json`);
    const text = oxlintConfigText(plugin, name);
    const current = existsSync(file) ? readFileSync(file, 'utf8') : null;
    if (current === text) continue;
    if (check) {
      console.error(`configs/oxlint-${name}.json is out of date: run \`npm run update:oxlint-configs\`.`);
      stale++;
    } else {
      writeFileSync(file, text);
      console.log(`wrote configs/oxlint-${name}.json`);
    }
  }
  process.exit(stale === 0 ? 0 : 1);
}
