// Shared helpers of the benchmark scripts (bench/run.js, bench/crash.js, bench/lint-child.js).
// Everything runs the BUILT plugin (dist/), the way a user's ESLint loads it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';

export const root = join(import.meta.dirname, '..');
export const NAMESPACE = 'connection-hygiene';
export const CODE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];
export const TS_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts'];

export async function loadPlugin() {
  const index = join(root, 'dist', 'src', 'index.js');
  if (!existsSync(index)) throw new Error('dist/src/index.js is missing: run `npm run build` first.');
  return (await import(pathToFileURL(index).href)).default;
}

/** The catalog's module test, the same one the plugin's file model uses: does this text import a driver? */
export async function loadDriverImportTest() {
  const { getCatalog } = await import(pathToFileURL(join(root, 'dist', 'src', 'catalog', 'index.js')).href);
  const { importedDriverModules } = await import(pathToFileURL(join(root, 'dist', 'src', 'analysis', 'file-model.js')).href);
  const catalog = getCatalog();
  return (text) => importedDriverModules(text, catalog).size > 0;
}

const isDeclaration = (file) => /\.d\.[mc]?ts$/.test(file);

/** Code files under `dir` (not .d.ts), sorted; `nested: false` skips nested node_modules folders. */
export function codeFiles(dir, { nested = true, maxBytes = Infinity, extensions = CODE_EXTENSIONS } = {}) {
  const out = [];
  const walk = (d) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) {
        if (!nested && entry.name === 'node_modules') continue;
        walk(full);
      } else if (entry.isFile() && extensions.some((ext) => entry.name.endsWith(ext)) && !isDeclaration(entry.name)) {
        if (maxBytes !== Infinity && statSync(full).size > maxBytes) continue;
        out.push(full);
      }
    }
  };
  walk(dir);
  return out.sort();
}

/** The package a file under node_modules belongs to (`@scope/name` or `name`). */
export function packageOf(file, nodeModules) {
  const parts = relative(nodeModules, file).split(sep);
  return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? '');
}

const isTs = (file) => /\.(?:[mc]?ts|tsx)$/.test(file);

/**
 * Flat config for one file: TypeScript files (JSX in `.tsx`) through @typescript-eslint/parser, with
 * `parserOptions` if given (e.g. `project` for type information); `.cjs` as CommonJS, `.mjs` as a
 * module, `.js` as a module (callers retry as CommonJS when that does not parse).
 * `rules` is a rules object (e.g. a plugin config's rules); `plugin` may be null (baseline runs).
 */
export function configFor(file, { plugin, rules = {}, sourceType, settings, parserOptions } = {}) {
  const languageOptions = isTs(file)
    ? { parser: tsParser, sourceType: 'module', ...(parserOptions ? { parserOptions } : {}) }
    : { sourceType: sourceType ?? (file.endsWith('.cjs') ? 'commonjs' : 'module'), ecmaVersion: 'latest' };
  return [
    {
      files: [...CODE_EXTENSIONS, '.tsx'].map((ext) => `**/*${ext}`),
      languageOptions,
      linterOptions: { reportUnusedDisableDirectives: 'off', noInlineConfig: true },
      ...(plugin ? { plugins: { [NAMESPACE]: plugin } } : {}),
      rules,
      ...(settings ? { settings } : {}),
    },
  ];
}

/**
 * Lints one text. Returns { messages, fatal, times, sourceType, error }. `error` is an exception thrown
 * while linting (a rule crash: the message names the rule). A file that does not parse as a module
 * is retried as CommonJS, then as a script.
 */
export function lintOne(linter, text, file, options) {
  const attempts = isTs(file) || file.endsWith('.cjs') ? [undefined] : [undefined, 'commonjs', 'script'];
  let last;
  // ESLint ignores node_modules by default; lint the corpus under a path without that segment.
  const filename = file.replace(/[\\/]node_modules[\\/]/g, '/nm/');
  for (const sourceType of attempts) {
    let messages;
    try {
      const config = configFor(file, { ...options, sourceType });
      // `stats` times are collected by verifyAndFix (ESLint's CLI path); fix: false keeps the text.
      messages = options.stats
        ? linter.verifyAndFix(text, config, { filename, stats: true, fix: false }).messages
        : linter.verify(text, config, { filename });
    } catch (error) {
      return { messages: [], fatal: false, times: null, error };
    }
    const unmatched = messages.find((m) => m.ruleId === null && !m.fatal && m.message.startsWith('No matching configuration'));
    if (unmatched) throw new Error(`${file}: ${unmatched.message}`);
    // drop "has no effect because of noInlineConfig" notes: only rule findings and parse errors matter here
    messages = messages.filter((m) => m.ruleId !== null || m.fatal);
    const fatal = messages.some((m) => m.fatal);
    last = { messages, fatal, times: options.stats ? linter.getTimes() : null, error: null, sourceType };
    if (!fatal) return last;
  }
  return last;
}

/** Time spent in this plugin's rules and in everything, from one file's `stats` times. */
export function splitTimes(times) {
  let total = 0;
  let plugin = 0;
  let parse = 0;
  const perRule = {};
  for (const pass of times?.passes ?? []) {
    total += pass.total ?? 0;
    parse += pass.parse?.total ?? 0;
    for (const [rule, t] of Object.entries(pass.rules ?? {})) {
      perRule[rule] = (perRule[rule] ?? 0) + t.total;
      if (rule.startsWith(`${NAMESPACE}/`)) plugin += t.total;
    }
  }
  return { total, plugin, parse, perRule };
}

export function newLinter() {
  // cwd '/': the corpus lives outside the repository and `files: ['**/*']` must match it.
  return new Linter({ configType: 'flat', cwd: '/' });
}

export function readText(file) {
  return readFileSync(file, 'utf8');
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export const NFP = '@typescript-eslint/no-floating-promises';

/**
 * The rules and settings of one typed-cost configuration (bench/type-aware.js, bench/type-aware-real.js):
 * `nfp` (no-floating-promises alone), `untyped` or `typed` (the plugin's configs), `both` (typed next to it).
 */
export function typedCostConfig(plugin, config) {
  const typedConfig = plugin.configs['recommended-type-checked'];
  const rules =
    config === 'nfp' ? { [NFP]: 'error' }
    : config === 'untyped' ? plugin.configs.recommended.rules
    : config === 'typed' ? typedConfig.rules
    : { ...typedConfig.rules, [NFP]: 'error' };
  const settings = config === 'typed' || config === 'both' ? typedConfig.settings : {};
  return { rules, settings };
}
