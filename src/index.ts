import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rulesFor, settingsFor, type ConfigName } from './configs.js';
import { rules } from './rules.js';
import type { DriverSpec } from './catalog/types.js';
import type { PluginSettings } from './settings.js';

export type { ConfigName } from './configs.js';
export type {
  ArgumentCondition,
  DriverSpec,
  ExportSpec,
  LimitSetting,
  ManagedSpec,
  ModuleSpec,
  PoolLimits,
  ProduceSpec,
  Role,
  ShapeSpec,
  TransactionVerbs,
} from './catalog/types.js';

// The published types below are written out on purpose, as plain object types without index
// signatures from other packages: they must be assignable to ESLint's `ESLint.Plugin` and
// `Linter.Config` (9 and 10), to typescript-eslint's `FlatConfig.*` and `defineConfig`, and parse on
// every TypeScript version the package supports (tests/types/published-types.test.ts). Interfaces
// and typescript-eslint's `FlatConfig.Config` are not assignable to ESLint's `Record<string, …>`
// fields, so only type aliases are used.

/** One entry of `settings["connection-hygiene"].resources`: an in-house pool, lease or cursor, in the shape of the built-in driver catalog. */
export type Resource = DriverSpec;

/** `settings["connection-hygiene"]`, as written in a config (every key is optional). */
export type Settings = {
  /** in-house pools, leases and cursors, in the shape of the built-in driver catalog */
  resources?: readonly Resource[];
  /** functions that take ownership of a lease passed to them and release it (`"withClient"`, `"db.releaseLater"`) */
  ownershipFunctions?: readonly string[];
  /** also resolve receivers through TypeScript types when the parser provides a program */
  typeAware?: boolean;
  /** follow relative imports into the project's own modules (default `true`) */
  followImports?: boolean;
  /** `"safe"`: `--fix` applies only fixes that keep the success path unchanged; `"all"`: suggestions too */
  autofix?: 'safe' | 'all';
  /** the database server's connection budget, for `no-connection-budget-overflow` */
  budget?: Budget;
};

/** `settings["connection-hygiene"].budget`: what the server allows and how many processes run the code. */
export type Budget = {
  /** the server's `max_connections` */
  maxConnections: number;
  /** connections kept for others (superuser, admin tools, migrations); default 0 */
  reservedConnections?: number;
  /** processes that run each pool: one number, or per file or folder relative to the working directory (`{ "src/api": 8 }`) */
  processes?: number | { readonly [path: string]: number };
  /** the CPU count of the machines that run the code, for fork loops over `os.availableParallelism()` and PM2 `instances: 'max'` */
  cpus?: number;
};

/** The names of the plugin's rules (without the `connection-hygiene/` prefix). */
export type RuleName =
  | 'no-connection-budget-overflow'
  | 'no-double-release'
  | 'no-floating-query'
  | 'no-pool-in-loop'
  | 'no-transaction-on-pool'
  | 'prefer-pool-query'
  | 'prefer-singleton-pool'
  | 'require-cursor-close'
  | 'require-pool-limits'
  | 'require-release'
  | 'require-rollback';

/** The part of a rule's `meta` that users read. */
export type RuleMeta = {
  type: 'problem' | 'suggestion' | 'layout';
  docs?: {
    description?: string;
    /** the rule's documentation page */
    url?: string;
    /** the config that enables it: `recommended` (defects as written) or `strict` */
    recommended?: 'recommended' | 'strict';
    requiresTypeChecking?: boolean;
  };
  messages: Record<string, string>;
  fixable?: 'code' | 'whitespace';
  hasSuggestions?: boolean;
};

/** A rule of the plugin, typed loosely enough to fit ESLint's, typescript-eslint's and oxlint's rule types. */
export type Rule = {
  meta: RuleMeta;
  // `any`: the context type differs between ESLint 9, ESLint 10, typescript-eslint and oxlint.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  create: (context: any) => any;
};

/** A config of the plugin: a flat-config object that registers the plugin and enables rules. */
export type Config = {
  name: `connection-hygiene/${ConfigName}`;
  plugins: { 'connection-hygiene': Plugin };
  rules: { [rule in `connection-hygiene/${RuleName}`]?: 'error' };
  settings?: { 'connection-hygiene': Settings };
};

/** The plugin object (the default export). */
export type Plugin = {
  meta: { name: string; version: string; namespace: 'connection-hygiene' };
  rules: { [name in RuleName]: Rule };
  configs: { [name in ConfigName]: Config };
};

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

// Compile-time checks: `RuleName` lists exactly the registered rules, and `Settings` has exactly the
// keys the plugin reads (src/settings.ts).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type IfSame<A, B, T> = Same<A, B> extends true ? T : never;
const pluginRules: IfSame<RuleName, keyof typeof rules, IfSame<keyof Settings, keyof PluginSettings, Plugin['rules']>> = rules;

const plugin: Plugin = {
  meta: { name: pkg.name, version: pkg.version, namespace },
  rules: pluginRules,
  configs: {} as Plugin['configs'],
};

for (const name of configNames) {
  const settings = settingsFor(name, namespace);
  plugin.configs[name] = {
    name: `${namespace}/${name}`,
    plugins: { [namespace]: plugin },
    rules: rulesFor(name, rules, namespace),
    ...(settings ? { settings } : {}),
  };
}

export default plugin;
/**
 * @internal `require()` of this ES module from CommonJS (Node's require(esm)) returns the plugin
 * itself. Left out of the published .d.ts (`tsc --stripInternal`): TypeScript before 5.6 cannot
 * parse a string export name.
 */
export { plugin as 'module.exports' };
