// Shared helpers for the type-aware tests: lint the typed fixture project (tests/fixtures/typed,
// typed against the real driver packages) with a program, or without type information.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { ESLint, type Linter } from 'eslint';
import { getFileModel } from '../../src/analysis/file-model.js';
import plugin from '../../src/index.js';

// With CI=true typescript-eslint infers "single run" mode, and there (with the `project` option) a
// file parsed a second time in the same process gets an isolated one-file program — its `--fix`
// fallback (typescript-estree parser.js, `parseAndGenerateServicesCalls`). These tests lint the same
// fixture files several times per process, so pin the normal mode: the ESLint CLI parses a file once
// per lint, where single-run mode gives the same findings (checked by hand on this fixture).
process.env.TSESTREE_SINGLE_RUN = 'false';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const fixtureDir = join(root, 'tests', 'fixtures', 'typed');

/** Every `.ts` file of the fixture project, relative to it. */
export function fixtureFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts')) out.push(relative(fixtureDir, full));
    }
  };
  walk(fixtureDir);
  return out.sort();
}

export function fixtureText(file: string): string {
  return readFileSync(join(fixtureDir, file), 'utf8');
}

/**
 * A rule that reports what provenance resolves the argument of every `probe(x)` call to:
 * `driver:Shape`, plus ` promise` and ` acquisition` (the value carries its acquiring call), or `none`.
 */
export const probeRule: TSESLint.RuleModule<'probe', []> = {
  meta: { type: 'problem', schema: [], messages: { probe: '{{shape}}' } },
  defaultOptions: [],
  create(context) {
    return {
      'CallExpression[callee.name="probe"]'(node: TSESTree.CallExpression) {
        const model = getFileModel(context);
        const arg = node.arguments[0]!;
        const value = model?.provenance.shape(arg) ?? null;
        const shape = value === null ? 'none' : `${value.ref.driver.id}:${value.ref.name}${value.promise ? ' promise' : ''}${value.origin !== null ? ' acquisition' : ''}`;
        context.report({ node, messageId: 'probe', data: { shape } });
      },
    };
  },
};

/** Reports, for each function declaration whose first parameter is a lease, whether it owns or borrows it. */
export const ownershipRule: TSESLint.RuleModule<'ownership', []> = {
  meta: { type: 'problem', schema: [], messages: { ownership: '{{fn}}: {{ownership}}' } },
  defaultOptions: [],
  create(context) {
    const check = (fn: TSESTree.FunctionDeclaration | TSESTree.TSDeclareFunction): void => {
      const model = getFileModel(context);
      if (model === null || fn.params.length === 0) return;
      const ownership = model.provenance.parameterOwnership(fn, 0);
      if (ownership !== null) context.report({ node: fn, messageId: 'ownership', data: { fn: fn.id?.name ?? '(anonymous)', ownership } });
    };
    return { FunctionDeclaration: check, TSDeclareFunction: check };
  },
};

export type Mode = 'typed' | 'untyped';

/** Lints the fixture project: `typed` is the `recommended-type-checked` config, `untyped` plain `recommended`, both with the probe rule. */
export async function lintFixture(mode: Mode, options: { rules?: Linter.RulesRecord; stats?: boolean } = {}): Promise<ESLint.LintResult[]> {
  const config = plugin.configs[mode === 'typed' ? 'recommended-type-checked' : 'recommended'];
  const eslint = new ESLint({
    cwd: fixtureDir,
    overrideConfigFile: true,
    stats: options.stats ?? false,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: {
          parser: tsParser,
          parserOptions: mode === 'typed' ? { project: './tsconfig.json', tsconfigRootDir: fixtureDir } : {},
        },
        plugins: { 'connection-hygiene': plugin, test: { rules: { probe: probeRule, ownership: ownershipRule } } as never },
        ...(config.settings ? { settings: config.settings } : {}),
        rules: { ...(config.rules as Linter.RulesRecord), 'test/probe': 'error', 'test/ownership': 'error', ...options.rules },
      },
    ],
  });
  return eslint.lintFiles(['**/*.ts']);
}
