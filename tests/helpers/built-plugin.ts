// The built plugin (dist/), loaded the way a user's ESLint loads it. Tests that use it fail with a
// clear message when dist/ is missing or older than the sources: run `npm run build` (npm test does).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TSESLint } from '@typescript-eslint/utils';

export const root = join(import.meta.dirname, '..', '..');
export const distIndex = join(root, 'dist', 'src', 'index.js');

export interface BuiltPlugin {
  meta: { name: string; version: string; namespace: string };
  rules: Record<string, TSESLint.RuleModule<string, readonly unknown[]> & { meta: TSESLint.RuleMetaData<string, unknown> }>;
  configs: Record<'recommended' | 'strict' | 'recommended-type-checked' | 'all', TSESLint.FlatConfig.Config>;
}

function sources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => join(dir, file));
}

/** Why dist/ cannot be trusted, or null when every source file has an up-to-date build. */
export function distProblem(): string | null {
  if (!existsSync(distIndex)) return `${relative(root, distIndex)} is missing: run \`npm run build\` first.`;
  for (const source of [...sources(join(root, 'src')), ...sources(join(root, 'rules'))]) {
    const built = join(root, 'dist', relative(root, source)).replace(/\.ts$/, '.js');
    if (!existsSync(built)) return `${relative(root, built)} is missing (new source file): run \`npm run build\` first.`;
    if (statSync(built).mtimeMs < statSync(source).mtimeMs) {
      return `${relative(root, built)} is older than ${relative(root, source)}: run \`npm run build\` first.`;
    }
  }
  return null;
}

/** Imports dist/src/index.js, failing with a clear message when the build is missing or stale. */
export async function loadBuiltPlugin(): Promise<BuiltPlugin> {
  const problem = distProblem();
  if (problem !== null) throw new Error(`The built plugin is needed: ${problem}`);
  const mod = (await import(pathToFileURL(distIndex).href)) as { default: BuiltPlugin };
  return mod.default;
}
